package nftlink.vrf;

import nftlink.netlink.Errno;
import nftlink.netlink.NftlinkException;

/**
 * Binding a cgroup to a VRF failed: the message says which step (open the
 * cgroup, load the BPF program, attach, detach), the {@code errno}, and what is
 * most likely missing (privileges, kernel options, a cgroup-v2 directory).
 */
public class CgroupBindingException extends NftlinkException {
    /** The positive {@code errno} of the failed call, or 0. */
    private final int errno;

    /**
     * A failed binding step.
     *
     * @param message the failed step and what is most likely missing
     * @param errno   the positive {@code errno} of the failed call, or 0
     */
    public CgroupBindingException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * The {@code errno} as a number, kept even when it has no {@link Errno} name.
     *
     * @return the positive {@code errno} of the failed call, or 0
     */
    public int errnoNumber() {
        return errno;
    }

    /**
     * The {@code errno} as a constant, as {@code NetlinkKernelException.errno()} gives it.
     *
     * @return the constant, or {@code null} when there is none (0) or it has no name
     */
    public Errno errno() {
        return errno == 0 ? null : Errno.of(errno);
    }
}
