package nftlink.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import static nftlink.netlink.Netlink.NLA_F_NESTED;
import static nftlink.netlink.Netlink.NLA_HDRLEN;
import static nftlink.netlink.Netlink.NLA_MAX_LENGTH;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;
import static nftlink.netlink.Netlink.align;

/**
 * Writes netlink messages into a reusable buffer: headers, family headers,
 * attributes in host or network byte order, and nested attributes, with the
 * lengths and 4-byte alignment filled in exactly.
 * Several messages may follow each other in one buffer (a batch).
 *
 * <p>Begin/end pairs return and take plain {@code int} offsets, so writing
 * allocates nothing once the buffer has grown to its working size. The buffer
 * grows by doubling when needed. Not thread-safe.
 *
 * <p>Messages are written into a Java array, where each store costs one bounds
 * check, and copied into native memory once, when {@link #segment()} is asked
 * for them (to send them): writing straight into a native segment checks its
 * bounds, liveness and access mode on every store, and encoding a rule took
 * 1.2 times as long ({@code EncodeBenchmark}).
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

    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle U16_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle U32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle U64_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buffer;
    private int position;
    private MemorySegment nativeCopy;
    /** Where {@link #segment()} takes native memory from; {@code null}: an automatic arena, freed by the GC. */
    private final Arena nativeMemory;

    /** A writer with a 16 KiB initial buffer. */
    public MessageWriter() {
        this(16 * 1024);
    }

    /**
     * A writer with a 16 KiB initial buffer whose native copies ({@link #segment()}) come from {@code nativeMemory}, so
     * that they are freed when its owner closes it (a connection's writer and the connection's arena). Each time the
     * copy outgrows its segment a larger one is taken: the arena holds at most twice the largest batch.
     *
     * @param nativeMemory the arena; it must outlive the writer's use
     */
    public MessageWriter(Arena nativeMemory) {
        this(16 * 1024, Objects.requireNonNull(nativeMemory, "nativeMemory"));
    }

    /**
     * A writer with the given initial buffer capacity in bytes.
     *
     * @param initialCapacity the first buffer size in bytes; the buffer grows as needed
     */
    public MessageWriter(int initialCapacity) {
        this(initialCapacity, null);
    }

    private MessageWriter(int initialCapacity, Arena nativeMemory) {
        buffer = new byte[Math.max(initialCapacity, 64)];
        nativeCopy = MemorySegment.NULL;
        this.nativeMemory = nativeMemory;
    }

    /**
     * The bytes written so far, copied into native memory the writer keeps (what a
     * system call can send). Valid until the next call; later writes are not in it.
     *
     * @return a native segment of {@link #position()} bytes
     */
    public MemorySegment segment() {
        if (nativeCopy.byteSize() < position) {
            Arena from = nativeMemory != null ? nativeMemory : Arena.ofAuto();
            nativeCopy = from.allocate(Math.max(position, buffer.length), 8);
        }
        MemorySegment.copy(buffer, 0, nativeCopy, ValueLayout.JAVA_BYTE, 0, position);
        return nativeCopy;
    }

    /**
     * The bytes written so far, as a segment over the writer's own array (no copy; for reading them
     * back).
     *
     * @return a heap segment of {@link #position()} bytes
     */
    public MemorySegment written() {
        return MemorySegment.ofArray(buffer).asSlice(0, position);
    }

    /**
     * Bytes written so far.
     *
     * @return the number of bytes written
     */
    public int position() {
        return position;
    }

    /**
     * Forgets everything written; keeps the buffer.
     *
     * @return this writer
     */
    public MessageWriter reset() {
        position = 0;
        return this;
    }

    /**
     * Drops everything written after {@code newPosition} (to undo a partial message).
     *
     * @param newPosition a position at most {@link #position()}
     */
    public void truncate(int newPosition) {
        if (newPosition < 0 || newPosition > position) {
            throw new IllegalArgumentException("cannot truncate to " + newPosition + " (position " + position + ")");
        }
        position = newPosition;
    }

    /**
     * Ensures room for {@code bytes} more bytes without further growth.
     *
     * @param bytes the number of bytes about to be written
     */
    public void reserve(int bytes) {
        ensure(bytes);
    }

    private void ensure(int bytes) {
        long needed = (long) position + bytes;
        if (needed > buffer.length) {
            grow(needed);
        }
    }

    private void grow(long needed) {
        long capacity = Math.max((long) buffer.length * 2, needed);
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new NetlinkException("netlink buffer would exceed 2 GiB");
        }
        buffer = Arrays.copyOf(buffer, (int) capacity);
    }

    // ---- messages ----

    /**
     * Starts a message: writes a {@code struct nlmsghdr} with the length left open
     * and port ID 0 (the kernel fills in the sender).
     *
     * @return the message's start offset, for {@link #endMessage}
     * @param type the message type ({@code nlmsg_type})
     * @param flags the {@code NLM_F_*} flags
     * @param sequence the sequence number
     */
    public int beginMessage(int type, int flags, int sequence) {
        ensure(NLMSG_HDRLEN);
        int start = position;
        byte[] b = buffer;
        U32.set(b, start, 0);
        U16.set(b, start + 4, (short) type);
        U16.set(b, start + 6, (short) flags);
        U32.set(b, start + 8, sequence);
        U32.set(b, start + 12, 0);
        position = start + NLMSG_HDRLEN;
        return start;
    }

    /**
     * Ends the message begun at {@code start}: pads to alignment and fills in its length.
     *
     * @param start the offset {@link #beginMessage} returned
     */
    public void endMessage(int start) {
        padToAlignment();
        U32.set(buffer, start, position - start);
    }

    // ---- raw values (family headers) ----

    /**
     * Writes one byte.
     *
     * @param value the byte, in the low 8 bits
     * @return this writer
     */
    public MessageWriter putU8(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
        return this;
    }

    /**
     * Writes a 16-bit number in host byte order.
     *
     * @param value the number, in the low 16 bits
     * @return this writer
     */
    public MessageWriter putU16(int value) {
        ensure(2);
        U16.set(buffer, position, (short) value);
        position += 2;
        return this;
    }

    /**
     * Writes a 16-bit number in network (big-endian) byte order.
     *
     * @param value the number, in the low 16 bits
     * @return this writer
     */
    public MessageWriter putU16Be(int value) {
        ensure(2);
        U16_BE.set(buffer, position, (short) value);
        position += 2;
        return this;
    }

    /**
     * Writes a 32-bit number in host byte order.
     *
     * @param value the number
     * @return this writer
     */
    public MessageWriter putU32(int value) {
        ensure(4);
        U32.set(buffer, position, value);
        position += 4;
        return this;
    }

    /**
     * Writes a 32-bit number in network (big-endian) byte order.
     *
     * @param value the number
     * @return this writer
     */
    public MessageWriter putU32Be(int value) {
        ensure(4);
        U32_BE.set(buffer, position, value);
        position += 4;
        return this;
    }

    /**
     * Writes bytes as they are.
     *
     * @param bytes the bytes; not null
     * @return this writer
     */
    public MessageWriter putBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /**
     * Writes {@code count} zero bytes.
     *
     * @param count the number of zero bytes
     * @return this writer
     */
    public MessageWriter putZeros(int count) {
        ensure(count);
        Arrays.fill(buffer, position, position + count, (byte) 0);
        position += count;
        return this;
    }

    /**
     * Writes zero bytes up to the next 4-byte boundary.
     *
     * @return this writer
     */
    public MessageWriter padToAlignment() {
        int p = position;
        int padding = align(p) - p;
        if (padding > 0) {
            ensure(padding);
            byte[] b = buffer;
            b[p] = 0;
            if (padding > 1) {
                b[p + 1] = 0;
                if (padding > 2) {
                    b[p + 2] = 0;
                }
            }
            position = p + padding;
        }
        return this;
    }

    // ---- attributes ----

    /** {@code struct nlattr} as one 32-bit store in host order: {@code nla_len} first, then {@code nla_type}. */
    private static int nlattr(int length, int type) {
        return LITTLE_ENDIAN ? (length & 0xffff) | (type << 16) : (length << 16) | (type & 0xffff);
    }

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /**
     * Writes an attribute header for a value of {@code valueLength} bytes, zeroes the
     * attribute's last 4-byte word (so whatever the value leaves of it is padding),
     * moves past the whole padded attribute and returns the value's offset.
     */
    private int attr(int type, int valueLength) {
        int length = NLA_HDRLEN + valueLength;
        if (length > NLA_MAX_LENGTH) {
            throw new NetlinkException("attribute type " + type + " would be " + length
                    + " bytes; a netlink attribute holds at most " + NLA_MAX_LENGTH);
        }
        int padded = align(length);
        ensure(padded);
        int start = position;
        byte[] b = buffer;
        U32.set(b, start + padded - 4, 0);
        U32.set(b, start, nlattr(length, type));
        position = start + padded;
        return start + NLA_HDRLEN;
    }

    /**
     * An attribute without a value (a flag).
     *
     * @param type the attribute type
     * @return this writer
     */
    public MessageWriter attrFlag(int type) {
        attr(type, 0);
        return this;
    }

    /**
     * An 8-bit attribute.
     *
     * @param type the attribute type
     * @param value the value, in the low 8 bits
     * @return this writer
     */
    public MessageWriter attrU8(int type, int value) {
        int v = attr(type, 1);
        buffer[v] = (byte) value;
        return this;
    }

    /**
     * A 16-bit attribute in host byte order.
     *
     * @param type the attribute type
     * @param value the value, in the low 16 bits
     * @return this writer
     */
    public MessageWriter attrU16(int type, int value) {
        int v = attr(type, 2);
        U16.set(buffer, v, (short) value);
        return this;
    }

    /**
     * A 16-bit attribute in network byte order.
     *
     * @param type the attribute type
     * @param value the value, in the low 16 bits
     * @return this writer
     */
    public MessageWriter attrU16Be(int type, int value) {
        int v = attr(type, 2);
        U16_BE.set(buffer, v, (short) value);
        return this;
    }

    /**
     * A 32-bit attribute in host byte order.
     *
     * @param type the attribute type
     * @param value the value
     * @return this writer
     */
    public MessageWriter attrU32(int type, int value) {
        int v = attr(type, 4);
        U32.set(buffer, v, value);
        return this;
    }

    /**
     * A 32-bit attribute in network byte order.
     *
     * @param type the attribute type
     * @param value the value
     * @return this writer
     */
    public MessageWriter attrU32Be(int type, int value) {
        int v = attr(type, 4);
        U32_BE.set(buffer, v, value);
        return this;
    }

    /**
     * A 32-bit attribute in network byte order, left out when {@code value} is 0: for the
     * attributes whose absence means 0 (flags, IDs, optional offsets).
     *
     * @param type the attribute type
     * @param value the value
     * @return this writer
     */
    public MessageWriter attrU32BeUnlessZero(int type, int value) {
        return value == 0 ? this : attrU32Be(type, value);
    }

    /**
     * A 64-bit attribute in host byte order.
     *
     * @param type the attribute type
     * @param value the value
     * @return this writer
     */
    public MessageWriter attrU64(int type, long value) {
        int v = attr(type, 8);
        U64.set(buffer, v, value);
        return this;
    }

    /**
     * A 64-bit attribute in network byte order.
     *
     * @param type the attribute type
     * @param value the value
     * @return this writer
     */
    public MessageWriter attrU64Be(int type, long value) {
        int v = attr(type, 8);
        U64_BE.set(buffer, v, value);
        return this;
    }

    /**
     * A NUL-terminated UTF-8 string attribute.
     *
     * @param type the attribute type
     * @param value the string; not null
     * @return this writer
     */
    public MessageWriter attrString(int type, CharSequence value) {
        return attrString(type, value, 1);
    }

    /**
     * A UTF-8 {@code NLA_STRING} attribute without the terminating NUL, which the
     * kernel does not need for that attribute type ({@code nla_strcmp} and
     * {@code nla_strscpy} go by the attribute's length).
     *
     * @param type the attribute type
     * @param value the string; not null
     * @return this writer
     */
    public MessageWriter attrStringUnterminated(int type, CharSequence value) {
        return attrString(type, value, 0);
    }

    /**
     * A string attribute followed by {@code nul} (0 or 1) NUL bytes. ASCII is copied
     * character by character; anything else is encoded to UTF-8 first.
     */
    private MessageWriter attrString(int type, CharSequence value, int nul) {
        int n = value.length();
        int start = position;
        int v = attr(type, n + nul);
        byte[] b = buffer;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == 0) {
                position = start;
                return attrUtf8(type, value, nul);
            }
            b[v + i] = (byte) c;
        }
        if (nul == 1) {
            b[v + n] = 0;
        }
        return this;
    }

    private MessageWriter attrUtf8(int type, CharSequence value, int nul) {
        byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if (b == 0) {
                throw new IllegalArgumentException("string attribute " + type + " contains a NUL character");
            }
        }
        int v = attr(type, utf8.length + nul);
        System.arraycopy(utf8, 0, buffer, v, utf8.length);
        if (nul == 1) {
            buffer[v + utf8.length] = 0;
        }
        return this;
    }

    /**
     * An attribute holding {@code value} as is.
     *
     * @param type the attribute type
     * @param value the payload; not null
     * @return this writer
     */
    public MessageWriter attrBytes(int type, byte[] value) {
        return attrBytes(type, value, 0, value.length);
    }

    /**
     * An attribute holding {@code length} bytes of {@code value} from {@code offset}.
     *
     * @param type the attribute type
     * @param value the array holding the payload
     * @param offset where the payload starts in {@code value}
     * @param length the payload's length in bytes
     * @return this writer
     */
    public MessageWriter attrBytes(int type, byte[] value, int offset, int length) {
        int v = attr(type, length);
        System.arraycopy(value, offset, buffer, v, length);
        return this;
    }

    /**
     * An attribute holding the bytes of {@code value}.
     *
     * @param type the attribute type
     * @param value the payload; not null
     * @return this writer
     */
    public MessageWriter attrBytes(int type, MemorySegment value) {
        int length = Math.toIntExact(value.byteSize());
        int v = attr(type, length);
        MemorySegment.copy(value, ValueLayout.JAVA_BYTE, 0, buffer, v, length);
        return this;
    }

    /**
     * Starts a nested attribute ({@code NLA_F_NESTED} is set in its type).
     *
     * @return its start offset, for {@link #endNested}
     * @param type the attribute type, without {@code NLA_F_NESTED}
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
     * @param type the attribute type, without {@code NLA_F_NESTED}
     * @param nestedFlag whether to set {@code NLA_F_NESTED}
     */
    public int beginNested(int type, boolean nestedFlag) {
        ensure(NLA_HDRLEN);
        int start = position;
        U32.set(buffer, start, nlattr(0, nestedFlag ? type | NLA_F_NESTED : type));
        position = start + NLA_HDRLEN;
        return start;
    }

    /**
     * Ends the nested attribute begun at {@code start}, filling in its length.
     *
     * @param start the offset {@link #beginNested} returned
     */
    public void endNested(int start) {
        int length = position - start;
        if (length > NLA_MAX_LENGTH) {
            int type = (short) U16.get(buffer, start + 2) & Netlink.NLA_TYPE_MASK;
            throw new NetlinkException("nested attribute type " + type + " would be " + length
                    + " bytes; a netlink attribute holds at most " + NLA_MAX_LENGTH);
        }
        U16.set(buffer, start, (short) length);
    }

    /**
     * A copy of the bytes written so far (for tests and debugging).
     *
     * @return a new array of {@link #position()} bytes
     */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }
}
