package nftlink.cgroup;

import nftlink.netlink.NftlinkException;

/** Base of every exception the cgroup layer throws; one of the branches under {@link NftlinkException}. */
public class CgroupException extends NftlinkException {
    /**
     * A failure of the cgroup layer.
     *
     * @param message what failed, naming the cgroup or file
     */
    public CgroupException(String message) {
        super(message);
    }

    /**
     * A failure of the cgroup layer caused by another.
     *
     * @param message what failed, naming the cgroup or file
     * @param cause   the underlying failure
     */
    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
