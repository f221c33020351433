package nftlink.netlink;

/** A named network namespace (or namespace file) does not exist. */
public class NoSuchNamespaceException extends NetlinkException {
    /**
     * An exception with {@code message}.
     *
     * @param message the namespace name or file that does not exist
     */
    public NoSuchNamespaceException(String message) {
        super(message);
    }
}
