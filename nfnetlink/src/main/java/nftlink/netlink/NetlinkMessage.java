package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static nftlink.netlink.Netlink.NLMSG_ERROR;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;

/**
 * A view of one netlink message (header and payload) inside a buffer.
 *
 * <p>Messages handed to reply handlers are reused views over the receive buffer:
 * they are valid only during the callback; keep a {@link #copy()} to hold on to
 * one. Messages obtained from {@link #parseAll} or {@link #copy} stay valid.
 */
public final class NetlinkMessage {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort U16_BE = U16.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment segment;
    private long offset;
    private int length;

    NetlinkMessage() {
    }

    private NetlinkMessage(MemorySegment segment, long offset, int length) {
        this.segment = segment;
        this.offset = offset;
        this.length = length;
    }

    void set(MemorySegment segment, long offset, int length) {
        this.segment = segment;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Splits {@code length} bytes of {@code data} into messages, validating every
     * header length.
     *
     * @param data the received bytes
     * @param length how many bytes of {@code data} hold messages
     * @return the messages, in order; empty for length 0
     * @throws NetlinkDecodeException when a header is truncated or its length is out of bounds
     */
    public static List<NetlinkMessage> parseAll(MemorySegment data, long length) {
        List<NetlinkMessage> messages = new ArrayList<>();
        MessageCursor cursor = new MessageCursor();
        cursor.reset(data, length);
        while (cursor.next()) {
            NetlinkMessage m = cursor.message();
            messages.add(new NetlinkMessage(data, m.offset, m.length));
        }
        return messages;
    }

    /**
     * Parses a byte array as exactly one message (extra trailing bytes are rejected).
     *
     * @param bytes one whole message
     * @return the message
     */
    public static NetlinkMessage parseOne(byte[] bytes) {
        List<NetlinkMessage> all = parseAll(MemorySegment.ofArray(bytes), bytes.length);
        if (all.size() != 1) {
            throw new NetlinkDecodeException("expected one netlink message, found " + all.size());
        }
        return all.getFirst();
    }

    /**
     * The buffer holding this message.
     *
     * @return the segment the message lies in
     */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * Offset of the message header within {@link #segment()}.
     *
     * @return the header's offset in bytes
     */
    public long offset() {
        return offset;
    }

    /**
     * {@code nlmsg_len}: header plus payload.
     *
     * @return the message length in bytes
     */
    public int length() {
        return length;
    }

    /**
     * {@code nlmsg_type}.
     *
     * @return the message type
     */
    public int type() {
        return segment.get(U16, offset + 4) & 0xffff;
    }

    /**
     * {@code nlmsg_flags}.
     *
     * @return the {@code NLM_F_*} flags
     */
    public int flags() {
        return segment.get(U16, offset + 6) & 0xffff;
    }

    /**
     * {@code nlmsg_seq}.
     *
     * @return the sequence number
     */
    public int sequence() {
        return segment.get(U32, offset + 8);
    }

    /**
     * {@code nlmsg_pid}.
     *
     * @return the sender's port ID (0 for the kernel)
     */
    public int portId() {
        return segment.get(U32, offset + 12);
    }

    /**
     * Length of the payload after the header.
     *
     * @return the payload length in bytes
     */
    public int payloadLength() {
        return length - NLMSG_HDRLEN;
    }

    /**
     * Offset of the payload within {@link #segment()}.
     *
     * @return the payload's offset in bytes
     */
    public long payloadOffset() {
        return offset + NLMSG_HDRLEN;
    }

    private void checkPayload(int at, int size) {
        if (at < 0 || at + size > payloadLength()) {
            throw new NetlinkDecodeException("message type " + type() + ": payload of " + payloadLength()
                    + " bytes too short for " + size + " bytes at offset " + at);
        }
    }

    /**
     * An unsigned byte of the payload (family headers).
     *
     * @param at the byte offset in the payload
     * @return the byte, 0 to 255
     */
    public int payloadU8(int at) {
        checkPayload(at, 1);
        return segment.get(ValueLayout.JAVA_BYTE, payloadOffset() + at) & 0xff;
    }

    /**
     * A host-order 16-bit value of the payload.
     *
     * @param at the byte offset in the payload
     * @return the value, 0 to 65535
     */
    public int payloadU16(int at) {
        checkPayload(at, 2);
        return segment.get(U16, payloadOffset() + at) & 0xffff;
    }

    /**
     * A network-order 16-bit value of the payload.
     *
     * @param at the byte offset in the payload
     * @return the value, 0 to 65535
     */
    public int payloadU16Be(int at) {
        checkPayload(at, 2);
        return segment.get(U16_BE, payloadOffset() + at) & 0xffff;
    }

    /**
     * A host-order 32-bit value of the payload.
     *
     * @param at the byte offset in the payload
     * @return the value
     */
    public int payloadU32(int at) {
        checkPayload(at, 4);
        return segment.get(U32, payloadOffset() + at);
    }

    /**
     * The attributes after a family header of {@code familyHeaderLength} bytes.
     *
     * @param familyHeaderLength the family header's length in bytes (4 for {@code struct nfgenmsg})
     * @return the message's attributes
     */
    public Attributes attributes(int familyHeaderLength) {
        checkPayload(0, familyHeaderLength);
        int attributesStart = Netlink.align(familyHeaderLength);
        if (attributesStart >= payloadLength()) {
            return Attributes.empty();
        }
        return Attributes.parse(segment, payloadOffset() + attributesStart, payloadLength() - attributesStart);
    }

    /**
     * Whether this is an {@code NLMSG_ERROR} message (an error or an acknowledgement).
     *
     * @return whether this is an error or acknowledgement
     */
    public boolean isError() {
        return type() == NLMSG_ERROR;
    }

    /**
     * For an {@code NLMSG_ERROR} message, the error code as the kernel sent it:
     * 0 for an acknowledgement, a negated errno for an error.
     *
     * @return 0 or a negative errno
     */
    public int errorCode() {
        return payloadU32(0);
    }

    /**
     * For an {@code NLMSG_ERROR} message, the sequence number of the request it answers.
     *
     * @return the request's sequence number
     */
    public int errorRequestSequence() {
        return payloadU32(4 + 8);
    }

    /**
     * A copy of this message in its own heap memory.
     *
     * @return the copy
     */
    public NetlinkMessage copy() {
        byte[] bytes = toByteArray();
        return new NetlinkMessage(MemorySegment.ofArray(bytes), 0, bytes.length);
    }

    /**
     * The message's bytes.
     *
     * @return a new array holding the whole message
     */
    public byte[] toByteArray() {
        return segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type() + ", flags=0x" + Integer.toHexString(flags()) + ", seq="
                + Integer.toUnsignedString(sequence()) + ", port=" + Integer.toUnsignedString(portId())
                + ", length=" + length + "]";
    }
}
