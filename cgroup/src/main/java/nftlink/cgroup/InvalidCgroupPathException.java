package nftlink.cgroup;

/**
 * A text is not a valid cgroup path or cgroup pattern. A {@link CgroupException}
 * (not an {@link IllegalArgumentException}): paths come from policy files, journal
 * entries and rule comments, i.e. from input.
 */
public class InvalidCgroupPathException extends CgroupException {
    /**
     * A text that is no cgroup path or pattern.
     *
     * @param message what is wrong, quoting the path
     */
    public InvalidCgroupPathException(String message) {
        super(message);
    }
}
