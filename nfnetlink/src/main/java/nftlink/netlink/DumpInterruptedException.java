package nftlink.netlink;

/**
 * A dump was interrupted by concurrent changes ({@code NLM_F_DUMP_INTR}) on every
 * one of its allowed attempts, so no consistent result could be read.
 */
public class DumpInterruptedException extends NetlinkException {
    /**
     * An exception with {@code message}.
     *
     * @param message the dump that could not be read consistently, and how often it was tried
     */
    public DumpInterruptedException(String message) {
        super(message);
    }
}
