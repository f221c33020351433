package nftlink.cgroup;

/** A cgroup path or ID names no existing cgroup. */
public class NoSuchCgroupException extends CgroupException {
    /**
     * A missing cgroup.
     *
     * @param message which cgroup, and where it was looked for
     */
    public NoSuchCgroupException(String message) {
        super(message);
    }
}
