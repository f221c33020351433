package nftlink.netlink;

/** A named network namespace (or namespace file) does not exist. */
public class NoSuchNamespaceException extends NetlinkException {
    public NoSuchNamespaceException(String message) {
        super(message);
    }
}
