package nftlink.nftables.mounts;

import nftlink.netlink.NftlinkException;

/** A mount table does not parse: a line of {@code /proc/PID/mountinfo} is not in the kernel's format. */
public final class MountInfoException extends NftlinkException {

    /**
     * A mount table line that does not parse.
     *
     * @param message what is wrong, and where
     */
    public MountInfoException(String message) {
        super(message);
    }
}
