package nftlink.netlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute the library does not interpret, kept byte for byte so an object
 * listed from the kernel re-encodes to the same bytes.
 *
 * @param rawType the type as on the wire, flag bits included
 * @param value   the value bytes
 */
public record RawAttribute(int rawType, byte[] value) {

    /** Checks the components: a 16-bit type; copies the value. */
    public RawAttribute {
        if (rawType < 0 || rawType > 0xffff) {
            throw new IllegalArgumentException("attribute type out of range: " + rawType);
        }
        if (value.length > Netlink.NLA_MAX_LENGTH - Netlink.NLA_HDRLEN) {
            throw new IllegalArgumentException("attribute value too long: " + value.length);
        }
        value = value.clone();
    }

    /**
     * Captures a parsed attribute.
     *
     * @param a the attribute
     * @return the copy
     */
    public static RawAttribute of(Attribute a) {
        return new RawAttribute(a.rawType(), a.bytes());
    }

    /**
     * The type without flag bits.
     *
     * @return the type
     */
    public int type() {
        return rawType & Netlink.NLA_TYPE_MASK;
    }

    /**
     * The value's bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Writes the attribute back unchanged.
     *
     * @param w the writer
     */
    public void write(MessageWriter w) {
        w.attrBytes(rawType, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawAttribute r && r.rawType == rawType && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * rawType + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawAttribute[type=" + type() + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
