package nftlink.netlink;

/**
 * Bytes from the wire (or handed to a decoder) are not a well-formed netlink
 * message or attribute: a length runs past its buffer, a fixed-size value has
 * the wrong size, a string lacks its terminator, and so on. A reply that does not
 * decode during a request names the request first, e.g.
 * {@code list rules inet t c: NFTA_RULE_HANDLE has 4 bytes, expected 8}.
 */
public class NetlinkDecodeException extends NetlinkException {
    /**
     * An exception with {@code message}.
     *
     * @param message what does not decode, and where
     */
    public NetlinkDecodeException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}.
     *
     * @param message what does not decode, and where
     * @param cause   the failure this one describes in more words
     */
    public NetlinkDecodeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * This exception with {@code operation} in front of its message ({@code operation: message}),
     * the original as its cause; this one itself when the message already starts with it.
     *
     * @param operation the request whose reply did not decode, e.g. {@code list rules inet t c}, or {@code null}
     * @return the exception to throw in place of this one
     */
    public NetlinkDecodeException during(String operation) {
        String message = getMessage() == null ? "" : getMessage();
        if (operation == null || message.startsWith(operation + ":")) {
            return this;
        }
        return new NetlinkDecodeException(operation + ": " + message, this);
    }
}
