package nftlink.cgroup;

/** A path exists but is not a cgroup-v2 directory (a file, a cgroup-v1 directory, another file system). */
public class NotACgroupException extends CgroupException {
    /**
     * A path that is not a cgroup.
     *
     * @param message the path, and why it is not a cgroup-v2 directory
     */
    public NotACgroupException(String message) {
        super(message);
    }
}
