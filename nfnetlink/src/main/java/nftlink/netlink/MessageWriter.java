package nftlink.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static nftlink.netlink.Netlink.NLA_F_NESTED;
import static nftlink.netlink.Netlink.NLA_HDRLEN;
import static nftlink.netlink.Netlink.NLA_MAX_LENGTH;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;
import static nftlink.netlink.Netlink.align;

/**
 * Writes netlink messages straight into a reusable native buffer: headers,
 * family headers, attributes in host or network byte order, and nested
 * attributes, with the lengths and 4-byte alignment filled in exactly.
 * Several messages may follow each other in one buffer (a batch).
 *
 * <p>Begin/end pairs return and take plain {@code int} offsets, so writing
 * allocates nothing once the buffer has grown to its working size. The buffer
 * grows by doubling when needed. Not thread-safe.
 *
 * <pre>{@code
 * int msg = w.beginMessage(type, NLM_F_REQUEST | NLM_F_ACK, seq);
 * w.putU8(family).putU8(0).putU16Be(0);          // family header
 * w.attrString(NFTA_TABLE_NAME, "filter");
 * int nest = w.beginNested(NFTA_CHAIN_HOOK);
 * w.attrU32Be(NFTA_HOOK_HOOKNUM, 1);
 * w.endNested(nest);
 * w.endMessage(msg);
 * }</pre>
 */
public final class MessageWriter {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfShort U16_BE = U16.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfInt U32_BE = U32.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfLong U64_BE = U64.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment buffer;
    private int position;

    /** A writer with a 16 KiB initial buffer. */
    public MessageWriter() {
        this(16 * 1024);
    }

    /** A writer with the given initial buffer capacity in bytes. */
    public MessageWriter(int initialCapacity) {
        if (initialCapacity < 64) {
            initialCapacity = 64;
        }
        buffer = Arena.ofAuto().allocate(initialCapacity, 8);
    }

    /** The buffer; valid until the next write that grows it. */
    public MemorySegment segment() {
        return buffer;
    }

    /** Bytes written so far. */
    public int position() {
        return position;
    }

    /** Forgets everything written; keeps the buffer. */
    public MessageWriter reset() {
        position = 0;
        return this;
    }

    /** Drops everything written after {@code newPosition} (to undo a partial message). */
    public void truncate(int newPosition) {
        if (newPosition < 0 || newPosition > position) {
            throw new IllegalArgumentException("cannot truncate to " + newPosition + " (position " + position + ")");
        }
        position = newPosition;
    }

    /** Ensures room for {@code bytes} more bytes without further growth. */
    public void reserve(int bytes) {
        ensure(bytes);
    }

    private void ensure(int bytes) {
        long needed = (long) position + bytes;
        if (needed > buffer.byteSize()) {
            grow(needed);
        }
    }

    private void grow(long needed) {
        long capacity = Math.max(buffer.byteSize() * 2, needed);
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new NetlinkException("netlink buffer would exceed 2 GiB");
        }
        MemorySegment bigger = Arena.ofAuto().allocate(capacity, 8);
        MemorySegment.copy(buffer, 0, bigger, 0, position);
        buffer = bigger;
    }

    // ---- messages ----

    /**
     * Starts a message: writes a {@code struct nlmsghdr} with the length left open
     * and port ID 0 (the kernel fills in the sender).
     *
     * @return the message's start offset, for {@link #endMessage}
     */
    public int beginMessage(int type, int flags, int sequence) {
        ensure(NLMSG_HDRLEN);
        int start = position;
        buffer.set(U32, start, 0);
        buffer.set(U16, start + 4, (short) type);
        buffer.set(U16, start + 6, (short) flags);
        buffer.set(U32, start + 8, sequence);
        buffer.set(U32, start + 12, 0);
        position += NLMSG_HDRLEN;
        return start;
    }

    /** Ends the message begun at {@code start}: pads to alignment and fills in its length. */
    public void endMessage(int start) {
        padToAlignment();
        buffer.set(U32, start, position - start);
    }

    // ---- raw values (family headers) ----

    public MessageWriter putU8(int value) {
        ensure(1);
        buffer.set(ValueLayout.JAVA_BYTE, position, (byte) value);
        position += 1;
        return this;
    }

    public MessageWriter putU16(int value) {
        ensure(2);
        buffer.set(U16, position, (short) value);
        position += 2;
        return this;
    }

    public MessageWriter putU16Be(int value) {
        ensure(2);
        buffer.set(U16_BE, position, (short) value);
        position += 2;
        return this;
    }

    public MessageWriter putU32(int value) {
        ensure(4);
        buffer.set(U32, position, value);
        position += 4;
        return this;
    }

    public MessageWriter putU32Be(int value) {
        ensure(4);
        buffer.set(U32_BE, position, value);
        position += 4;
        return this;
    }

    public MessageWriter putBytes(byte[] bytes) {
        ensure(bytes.length);
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /** Writes {@code count} zero bytes. */
    public MessageWriter putZeros(int count) {
        ensure(count);
        buffer.asSlice(position, count).fill((byte) 0);
        position += count;
        return this;
    }

    /** Writes zero bytes up to the next 4-byte boundary. */
    public MessageWriter padToAlignment() {
        int padding = align(position) - position;
        if (padding > 0) {
            putZeros(padding);
        }
        return this;
    }

    // ---- attributes ----

    private int attrHeader(int type, int valueLength) {
        int length = NLA_HDRLEN + valueLength;
        if (length > NLA_MAX_LENGTH) {
            throw new NetlinkException("attribute type " + type + " would be " + length
                    + " bytes; a netlink attribute holds at most " + NLA_MAX_LENGTH);
        }
        ensure(align(length));
        int start = position;
        buffer.set(U16, start, (short) length);
        buffer.set(U16, start + 2, (short) type);
        position += NLA_HDRLEN;
        return start;
    }

    private void attrEnd(int start, int valueLength) {
        int end = start + NLA_HDRLEN + valueLength;
        int padded = align(end);
        for (int i = end; i < padded; i++) {
            buffer.set(ValueLayout.JAVA_BYTE, i, (byte) 0);
        }
        position = padded;
    }

    /** An attribute without a value (a flag). */
    public MessageWriter attrFlag(int type) {
        attrHeader(type, 0);
        return this;
    }

    public MessageWriter attrU8(int type, int value) {
        int start = attrHeader(type, 1);
        buffer.set(ValueLayout.JAVA_BYTE, position, (byte) value);
        attrEnd(start, 1);
        return this;
    }

    /** A 16-bit attribute in host byte order. */
    public MessageWriter attrU16(int type, int value) {
        int start = attrHeader(type, 2);
        buffer.set(U16, position, (short) value);
        attrEnd(start, 2);
        return this;
    }

    /** A 16-bit attribute in network byte order. */
    public MessageWriter attrU16Be(int type, int value) {
        int start = attrHeader(type, 2);
        buffer.set(U16_BE, position, (short) value);
        attrEnd(start, 2);
        return this;
    }

    /** A 32-bit attribute in host byte order. */
    public MessageWriter attrU32(int type, int value) {
        int start = attrHeader(type, 4);
        buffer.set(U32, position, value);
        attrEnd(start, 4);
        return this;
    }

    /** A 32-bit attribute in network byte order. */
    public MessageWriter attrU32Be(int type, int value) {
        int start = attrHeader(type, 4);
        buffer.set(U32_BE, position, value);
        attrEnd(start, 4);
        return this;
    }

    /** A 64-bit attribute in host byte order. */
    public MessageWriter attrU64(int type, long value) {
        int start = attrHeader(type, 8);
        buffer.set(U64, position, value);
        attrEnd(start, 8);
        return this;
    }

    /** A 64-bit attribute in network byte order. */
    public MessageWriter attrU64Be(int type, long value) {
        int start = attrHeader(type, 8);
        buffer.set(U64_BE, position, value);
        attrEnd(start, 8);
        return this;
    }

    /** A NUL-terminated UTF-8 string attribute. */
    public MessageWriter attrString(int type, CharSequence value) {
        int n = value.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) >= 0x80 || value.charAt(i) == 0) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
            for (byte b : utf8) {
                if (b == 0) {
                    throw new IllegalArgumentException("string attribute " + type + " contains a NUL character");
                }
            }
            int start = attrHeader(type, utf8.length + 1);
            MemorySegment.copy(utf8, 0, buffer, ValueLayout.JAVA_BYTE, position, utf8.length);
            buffer.set(ValueLayout.JAVA_BYTE, position + utf8.length, (byte) 0);
            attrEnd(start, utf8.length + 1);
            return this;
        }
        int start = attrHeader(type, n + 1);
        for (int i = 0; i < n; i++) {
            buffer.set(ValueLayout.JAVA_BYTE, position + i, (byte) value.charAt(i));
        }
        buffer.set(ValueLayout.JAVA_BYTE, position + n, (byte) 0);
        attrEnd(start, n + 1);
        return this;
    }

    /** An attribute holding {@code value} as is. */
    public MessageWriter attrBytes(int type, byte[] value) {
        return attrBytes(type, value, 0, value.length);
    }

    /** An attribute holding {@code length} bytes of {@code value} from {@code offset}. */
    public MessageWriter attrBytes(int type, byte[] value, int offset, int length) {
        int start = attrHeader(type, length);
        MemorySegment.copy(value, offset, buffer, ValueLayout.JAVA_BYTE, position, length);
        attrEnd(start, length);
        return this;
    }

    /** An attribute holding the bytes of {@code value}. */
    public MessageWriter attrBytes(int type, MemorySegment value) {
        int length = Math.toIntExact(value.byteSize());
        int start = attrHeader(type, length);
        MemorySegment.copy(value, 0, buffer, position, length);
        attrEnd(start, length);
        return this;
    }

    /**
     * Starts a nested attribute ({@code NLA_F_NESTED} is set in its type).
     *
     * @return its start offset, for {@link #endNested}
     */
    public int beginNested(int type) {
        return beginNested(type, true);
    }

    /**
     * Starts a nested attribute, with or without {@code NLA_F_NESTED} in its type.
     * The kernel's own dumps of nf_tables expressions omit the flag; writing the
     * same makes listed objects re-encode to identical bytes.
     *
     * @return its start offset, for {@link #endNested}
     */
    public int beginNested(int type, boolean nestedFlag) {
        ensure(NLA_HDRLEN);
        int start = position;
        buffer.set(U16, start, (short) 0);
        buffer.set(U16, start + 2, (short) (nestedFlag ? type | NLA_F_NESTED : type));
        position += NLA_HDRLEN;
        return start;
    }

    /** Ends the nested attribute begun at {@code start}, filling in its length. */
    public void endNested(int start) {
        int length = position - start;
        if (length > NLA_MAX_LENGTH) {
            int type = buffer.get(U16, start + 2) & Netlink.NLA_TYPE_MASK;
            throw new NetlinkException("nested attribute type " + type + " would be " + length
                    + " bytes; a netlink attribute holds at most " + NLA_MAX_LENGTH);
        }
        buffer.set(U16, start, (short) length);
    }

    /** A copy of the bytes written so far (for tests and debugging). */
    public byte[] toByteArray() {
        return buffer.asSlice(0, position).toArray(ValueLayout.JAVA_BYTE);
    }
}
