package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static nftlink.netlink.Netlink.NLMSG_HDRLEN;

/**
 * Walks the messages of one received datagram without allocating: {@link #next}
 * validates the next header and moves a reused {@link NetlinkMessage} view onto it.
 */
public final class MessageCursor {

    private final NetlinkMessage view = new NetlinkMessage();
    private MemorySegment data;
    private long end;
    private long position;

    /** A cursor over nothing; {@link #reset} points it at a datagram. */
    public MessageCursor() {
    }

    /**
     * Points the cursor at the first {@code length} bytes of {@code data}.
     *
     * @param data the datagram's bytes
     * @param length the datagram's length
     * @return this cursor
     */
    public MessageCursor reset(MemorySegment data, long length) {
        if (length < 0 || length > data.byteSize()) {
            throw new IllegalArgumentException("length " + length + " outside buffer of " + data.byteSize());
        }
        this.data = data;
        this.end = length;
        this.position = 0;
        return this;
    }

    /**
     * Advances to the next message.
     *
     * @return false when the data is used up
     * @throws NetlinkDecodeException when a header is truncated or its length is out of bounds
     */
    public boolean next() {
        long remaining = end - position;
        if (remaining <= 0) {
            return false;
        }
        if (remaining < NLMSG_HDRLEN) {
            throw new NetlinkDecodeException(remaining + " bytes left after the last message, too few for a header");
        }
        int length = data.get(ValueLayout.JAVA_INT_UNALIGNED, position);
        if (length < NLMSG_HDRLEN || length > remaining) {
            throw new NetlinkDecodeException("message at offset " + position + " claims length "
                    + Integer.toUnsignedString(length) + " with " + remaining + " bytes left");
        }
        view.set(data, position, length);
        position += Math.min(Netlink.align((long) length), remaining);
        return true;
    }

    /**
     * The current message; valid until the next call of {@link #next} or {@link #reset}.
     *
     * @return the message
     */
    public NetlinkMessage message() {
        return view;
    }
}
