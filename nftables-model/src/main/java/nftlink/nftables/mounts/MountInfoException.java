package nftlink.nftables.mounts;

/** A mount table does not parse: a line of {@code /proc/PID/mountinfo} is not in the kernel's format. */
public final class MountInfoException extends IllegalArgumentException {

    /** @param message what is wrong, and where */
    public MountInfoException(String message) {
        super(message);
    }
}
