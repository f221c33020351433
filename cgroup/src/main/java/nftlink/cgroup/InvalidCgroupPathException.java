package nftlink.cgroup;

/** A text is not a valid cgroup path or cgroup pattern. */
public class InvalidCgroupPathException extends IllegalArgumentException {
    public InvalidCgroupPathException(String message) {
        super(message);
    }
}
