package nftlink.netlink;

/**
 * Writes one request message with the given sequence number. A dump request is
 * written again when a dump has to be restarted, so implementations must be
 * repeatable.
 */
@FunctionalInterface
public interface RequestWriter {
    /**
     * Writes the request into {@code writer}.
     *
     * @param writer the writer, emptied
     * @param sequence the sequence number to give the request
     */
    void write(MessageWriter writer, int sequence);
}
