package nftlink.netlink;

import java.lang.foreign.MemorySegment;

/**
 * What a {@link NetlinkConnection} needs from a socket: datagrams to and from the
 * kernel, and room for large batches and their replies. {@link NetlinkSocket} is
 * the real one; tests can script a fake kernel behind this interface.
 */
public interface NetlinkTransport extends AutoCloseable {

    /** Sends {@code length} bytes from the start of {@code buffer} as one datagram. */
    void send(MemorySegment buffer, long length);

    /** Blocks for one datagram from the kernel; returns its length. */
    int receive(MemorySegment buffer);

    /** One datagram if one is queued, else -1. */
    int receiveNow(MemorySegment buffer);

    /** Makes sure a datagram of {@code bytes} can be sent. */
    void ensureSendCapacity(int bytes);

    /** Makes sure about {@code bytes} of replies can queue up without loss. */
    void ensureReceiveCapacity(int bytes);

    /** Turns on extended and capped acknowledgements where available. */
    default void enableExtendedAcks() {
    }

    @Override
    void close();
}
