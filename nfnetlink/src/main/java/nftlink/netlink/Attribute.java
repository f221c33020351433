package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static nftlink.netlink.Netlink.NLA_F_NESTED;
import static nftlink.netlink.Netlink.NLA_F_NET_BYTEORDER;
import static nftlink.netlink.Netlink.NLA_TYPE_MASK;

/**
 * One attribute read from a message: a view over the bytes it was parsed from.
 * Typed getters check the value's size and throw {@link NetlinkDecodeException}
 * when it does not fit; they never read outside the attribute.
 *
 * <p>A view: copy what must outlive the buffer it came from ({@link #bytes()},
 * {@link #string()} and the numeric getters return copies).
 */
public final class Attribute {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort U16_BE = U16.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = U32.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64_BE = U64.withOrder(ByteOrder.BIG_ENDIAN);

    private final MemorySegment segment;
    private final long valueOffset;
    private final int valueLength;
    private final int rawType;

    Attribute(MemorySegment segment, long valueOffset, int valueLength, int rawType) {
        this.segment = segment;
        this.valueOffset = valueOffset;
        this.valueLength = valueLength;
        this.rawType = rawType;
    }

    /**
     * The attribute type without the nested and byte-order flag bits.
     *
     * @return the type
     */
    public int type() {
        return rawType & NLA_TYPE_MASK;
    }

    /**
     * The type as on the wire, flags included.
     *
     * @return the raw type
     */
    public int rawType() {
        return rawType;
    }

    /**
     * Whether {@code NLA_F_NESTED} is set.
     *
     * @return whether the flag is set
     */
    public boolean isNestedFlagSet() {
        return (rawType & NLA_F_NESTED) != 0;
    }

    /**
     * Whether {@code NLA_F_NET_BYTEORDER} is set.
     *
     * @return whether the flag is set
     */
    public boolean isNetByteOrderFlagSet() {
        return (rawType & NLA_F_NET_BYTEORDER) != 0;
    }

    /**
     * Length of the value, without header and padding.
     *
     * @return the value's length in bytes
     */
    public int length() {
        return valueLength;
    }

    /**
     * Offset of the value within {@link #segment()}.
     *
     * @return the offset in bytes
     */
    public long valueOffset() {
        return valueOffset;
    }

    /**
     * The segment this attribute was parsed from.
     *
     * @return the segment
     */
    public MemorySegment segment() {
        return segment;
    }

    private void expectLength(int expected, String what) {
        if (valueLength != expected) {
            throw new NetlinkDecodeException("attribute type " + type() + ": expected a " + what + " of "
                    + expected + " bytes, got " + valueLength);
        }
    }

    /**
     * An 8-bit value.
     *
     * @return the value, 0 to 255
     */
    public int u8() {
        expectLength(1, "u8");
        return segment.get(ValueLayout.JAVA_BYTE, valueOffset) & 0xff;
    }

    /**
     * A 16-bit value in host byte order.
     *
     * @return the value, 0 to 65535
     */
    public int u16() {
        expectLength(2, "u16");
        return segment.get(U16, valueOffset) & 0xffff;
    }

    /**
     * A 16-bit value in network byte order.
     *
     * @return the value, 0 to 65535
     */
    public int u16Be() {
        expectLength(2, "u16");
        return segment.get(U16_BE, valueOffset) & 0xffff;
    }

    /**
     * A 32-bit value in host byte order.
     *
     * @return the value
     */
    public int u32() {
        expectLength(4, "u32");
        return segment.get(U32, valueOffset);
    }

    /**
     * A 32-bit value in network byte order.
     *
     * @return the value
     */
    public int u32Be() {
        expectLength(4, "u32");
        return segment.get(U32_BE, valueOffset);
    }

    /**
     * A 64-bit value in host byte order.
     *
     * @return the value
     */
    public long u64() {
        expectLength(8, "u64");
        return segment.get(U64, valueOffset);
    }

    /**
     * A 64-bit value in network byte order.
     *
     * @return the value
     */
    public long u64Be() {
        expectLength(8, "u64");
        return segment.get(U64_BE, valueOffset);
    }

    /**
     * A string: the bytes up to the first NUL, or the whole value when it has none
     * (the kernel terminates the strings it sends, but {@code NLA_STRING} does not
     * require it, and nftlink's own requests leave it out of expression names).
     *
     * <p>Short strings are looked up in a small cache of recently decoded ones
     * first, so the names that repeat in every message of a dump (table, chain
     * and expression names) are neither copied nor allocated again.
     *
     * @return the string
     */
    public String string() {
        int hash = 0;
        for (int i = 0; i < valueLength; i++) {
            byte b = segment.get(ValueLayout.JAVA_BYTE, valueOffset + i);
            if (b == 0) {
                return i <= CACHED_STRING_MAX ? cachedString(i, hash) : copyString(i);
            }
            hash = 31 * hash + b;
        }
        return valueLength <= CACHED_STRING_MAX ? cachedString(valueLength, hash) : copyString(valueLength);
    }

    /** Longest string kept in the cache, in bytes. */
    private static final int CACHED_STRING_MAX = 64;
    /**
     * Recently decoded short strings by hash (a slot is overwritten on a
     * collision). Entries are immutable and only published through their final
     * fields, so threads racing on a slot see a whole entry, or another one.
     */
    private static final CachedString[] STRINGS = new CachedString[1024];

    private record CachedString(byte[] bytes, String string) {
    }

    private String cachedString(int length, int hash) {
        int slot = (hash ^ (hash >>> 15) ^ length) & (STRINGS.length - 1);
        CachedString c = STRINGS[slot];
        if (c != null && c.bytes.length == length && sameBytes(c.bytes)) {
            return c.string;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, valueOffset, bytes, 0, length);
        String string = new String(bytes, StandardCharsets.UTF_8);
        STRINGS[slot] = new CachedString(bytes, string);
        return string;
    }

    private boolean sameBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != segment.get(ValueLayout.JAVA_BYTE, valueOffset + i)) {
                return false;
            }
        }
        return true;
    }

    private String copyString(int length) {
        byte[] bytes = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, valueOffset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A copy of the value's bytes.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        byte[] bytes = new byte[valueLength];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, valueOffset, bytes, 0, valueLength);
        return bytes;
    }

    /**
     * The value as a slice of the underlying segment (no copy).
     *
     * @return the value's slice
     */
    public MemorySegment value() {
        return segment.asSlice(valueOffset, valueLength);
    }

    /**
     * Parses the value as a list of nested attributes.
     *
     * @return the nested attributes
     */
    public Attributes nested() {
        return Attributes.parse(segment, valueOffset, valueLength);
    }

    @Override
    public String toString() {
        return "Attribute[type=" + type() + (isNestedFlagSet() ? ", nested" : "") + ", length=" + valueLength + "]";
    }
}
