package nftlink.cgroup;

/** A path exists but is not a cgroup-v2 directory (a file, a cgroup-v1 directory, another file system). */
public class NotACgroupException extends CgroupException {
    public NotACgroupException(String message) {
        super(message);
    }
}
