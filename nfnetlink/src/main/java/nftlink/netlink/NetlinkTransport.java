package nftlink.netlink;

import java.lang.foreign.MemorySegment;

/**
 * What a {@link NetlinkConnection} needs from a socket: datagrams to and from the
 * kernel, and room for large batches and their replies. {@link NetlinkSocket} is
 * the real one; tests can script a fake kernel behind this interface.
 */
public interface NetlinkTransport extends AutoCloseable {

    /**
     * Sends {@code length} bytes from the start of {@code buffer} as one datagram.
     *
     * @param buffer the datagram's bytes
     * @param length the number of bytes
     */
    void send(MemorySegment buffer, long length);

    /**
     * Blocks for one datagram from the kernel; returns its length.
     *
     * @param buffer where the datagram is copied
     * @return the datagram's length in bytes
     */
    int receive(MemorySegment buffer);

    /**
     * One datagram if one is queued, else -1.
     *
     * @param buffer where the datagram is copied
     * @return the datagram's length in bytes, or -1
     */
    int receiveNow(MemorySegment buffer);

    /**
     * Makes sure a datagram of {@code bytes} can be sent.
     *
     * @param bytes the datagram size in bytes
     */
    void ensureSendCapacity(int bytes);

    /**
     * Makes sure about {@code bytes} of replies can queue up without loss.
     *
     * @param bytes the number of bytes
     */
    void ensureReceiveCapacity(int bytes);

    /** Turns on extended and capped acknowledgements where available. */
    default void enableExtendedAcks() {
    }

    @Override
    void close();
}
