package nftlink.netlink;

/**
 * Base of every exception nftlink throws for netlink trouble: a failed system
 * call, an error the kernel answered with, or bytes that do not decode.
 */
public class NetlinkException extends RuntimeException {
    public NetlinkException(String message) {
        super(message);
    }

    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
