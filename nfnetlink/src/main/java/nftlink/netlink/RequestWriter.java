package nftlink.netlink;

/**
 * Writes one request message with the given sequence number. A dump request is
 * written again when a dump has to be restarted, so implementations must be
 * repeatable.
 */
@FunctionalInterface
public interface RequestWriter {
    void write(MessageWriter writer, int sequence);
}
