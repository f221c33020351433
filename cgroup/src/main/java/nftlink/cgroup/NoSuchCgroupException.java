package nftlink.cgroup;

/** A cgroup path or ID names no existing cgroup. */
public class NoSuchCgroupException extends CgroupException {
    public NoSuchCgroupException(String message) {
        super(message);
    }
}
