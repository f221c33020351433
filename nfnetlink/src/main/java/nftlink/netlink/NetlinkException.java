package nftlink.netlink;

/**
 * Base of every exception nftlink throws for netlink trouble: a failed system
 * call, an error the kernel answered with, or bytes that do not decode. One of
 * the branches under {@link NftlinkException}.
 */
public class NetlinkException extends NftlinkException {
    /**
     * An exception with {@code message}.
     *
     * @param message what failed, naming the operation and the object
     */
    public NetlinkException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}.
     *
     * @param message what failed, naming the operation and the object
     * @param cause   the failure underneath, or {@code null}
     */
    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
