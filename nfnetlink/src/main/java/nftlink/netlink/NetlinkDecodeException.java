package nftlink.netlink;

/**
 * Bytes from the wire (or handed to a decoder) are not a well-formed netlink
 * message or attribute: a length runs past its buffer, a fixed-size value has
 * the wrong size, a string lacks its terminator, and so on.
 */
public class NetlinkDecodeException extends NetlinkException {
    public NetlinkDecodeException(String message) {
        super(message);
    }
}
