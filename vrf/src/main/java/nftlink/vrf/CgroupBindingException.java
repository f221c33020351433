package nftlink.vrf;

/**
 * Binding a cgroup to a VRF failed: the message says which step (open the
 * cgroup, load the BPF program, attach, detach), the {@code errno}, and what is
 * most likely missing (privileges, kernel options, a cgroup-v2 directory).
 */
public class CgroupBindingException extends RuntimeException {
    private final int errno;

    public CgroupBindingException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The positive {@code errno} of the failed call, or 0. */
    public int errnoNumber() {
        return errno;
    }
}
