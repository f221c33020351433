package nftlink.nftables;

import nftlink.netlink.MessageWriter;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: register contents, keys, masks. Renders the way
 * libnftnl prints register data: 32-bit words of four bytes each read in
 * little-endian order, as {@code 0x%08x}, zero-padded to whole words
 * ({@code tcp dport 22} = bytes {@code 00 16} = {@code 0x00001600}).
 */
public final class Bytes {

    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A copy of {@code bytes}.
     *
     * @param bytes the bytes
     * @return them, copied
     */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * Bytes given as unsigned numbers, so that {@code Bytes.of(10, 0, 0, 1)} needs no casts.
     *
     * @param values the bytes, each 0 to 255
     * @return the bytes in the order given
     * @throws IllegalArgumentException when a value is outside 0..255
     */
    public static Bytes of(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xff) {
                throw new IllegalArgumentException("byte " + i + " is " + values[i] + ", not in 0..255");
            }
            out[i] = (byte) values[i];
        }
        return wrap(out);
    }

    /**
     * The address in network order: 4 bytes for an IPv4 address, 16 for an IPv6 address, as
     * {@code ipv4_addr} and {@code ipv6_addr} keys hold them.
     *
     * @param address the address
     * @return its bytes
     */
    public static Bytes of(InetAddress address) {
        return wrap(address.getAddress());
    }

    /** {@code bytes} itself, not copied: for arrays the caller has just made and keeps no reference to. */
    static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /**
     * No bytes.
     *
     * @return the empty byte string
     */
    public static Bytes empty() {
        return EMPTY;
    }

    /**
     * A 32-bit value in host (little-endian) order, as meta and ct keys hold them.
     *
     * @param value the value
     * @return its 4 bytes
     */
    public static Bytes u32(int value) {
        return new Bytes(new byte[]{(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }

    /**
     * A 16-bit value in network order, as ports are.
     *
     * @param value the value; bits above the low 16 are dropped
     * @return its 2 bytes
     */
    public static Bytes u16Be(int value) {
        return new Bytes(new byte[]{(byte) (value >>> 8), (byte) value});
    }

    /**
     * A 32-bit value in network order.
     *
     * @param value the value
     * @return its 4 bytes
     */
    public static Bytes u32Be(int value) {
        return new Bytes(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /**
     * One byte.
     *
     * @param value the value; bits above the low 8 are dropped
     * @return the byte
     */
    public static Bytes u8(int value) {
        return new Bytes(new byte[]{(byte) value});
    }

    /**
     * A NUL-padded string of {@code length} bytes, as interface names are compared.
     *
     * @param s      the string, UTF-8 encoded
     * @param length the length to pad to
     * @return the padded bytes
     * @throws IllegalArgumentException when the string is longer than {@code length} bytes
     */
    public static Bytes paddedString(String s, int length) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        if (text.length > length) {
            throw new IllegalArgumentException("\"" + s + "\" is longer than " + length + " bytes");
        }
        return new Bytes(Arrays.copyOf(text, length));
    }

    /**
     * Parses libnftnl's word rendering ({@code 0x0301a8c0 0x00000001}) back into
     * {@code length} bytes.
     *
     * @param words  the words, {@code 0x} prefixes optional
     * @param length how many bytes they hold
     * @return the bytes
     * @throws IllegalArgumentException when the words do not hold {@code length} bytes
     */
    public static Bytes fromWords(String[] words, int length) {
        if (length > words.length * 4 || length <= (words.length - 1) * 4 && !(length == 0 && words.length == 0)) {
            throw new IllegalArgumentException(words.length + " words cannot hold " + length + " bytes");
        }
        byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            String w = words[i].startsWith("0x") ? words[i].substring(2) : words[i];
            long v = Long.parseUnsignedLong(w, 16);
            if (v > 0xffffffffL) {
                throw new IllegalArgumentException("not a 32-bit word: " + words[i]);
            }
            for (int b = 0; b < 4; b++) {
                out[i * 4 + b] = (byte) (v >>> (8 * b));
            }
        }
        for (int i = length; i < out.length; i++) {
            if (out[i] != 0) {
                throw new IllegalArgumentException("word padding beyond " + length + " bytes is not zero");
            }
        }
        return new Bytes(Arrays.copyOf(out, length));
    }

    /**
     * Writes the bytes as an attribute of {@code type}, without copying them first.
     *
     * @param w    the message being written
     * @param type the attribute type
     */
    public void writeAttribute(MessageWriter w, int type) {
        w.attrBytes(type, bytes);
    }

    /**
     * Number of bytes.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    /**
     * A copy of the bytes.
     *
     * @return a new array
     */
    public byte[] toArray() {
        return bytes.clone();
    }

    /**
     * The bytes in reverse order: a host-order value as big endian, or back (what {@code byteorder} does).
     *
     * @return the reversed bytes
     */
    public Bytes reversed() {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return new Bytes(out);
    }

    /**
     * Whether every byte is zero (also for no bytes).
     *
     * @return true when no byte is set
     */
    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Byte {@code i}, unsigned.
     *
     * @param i the index, from 0
     * @return the byte, 0 to 255
     */
    public int get(int i) {
        return bytes[i] & 0xff;
    }

    /**
     * The bytes as a host-order (little-endian) 32-bit value; needs exactly 4 bytes.
     *
     * @return the value
     * @throws IllegalStateException when there are not 4 bytes
     */
    public int asU32() {
        if (bytes.length != 4) {
            throw new IllegalStateException("not 4 bytes: " + this);
        }
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    /**
     * The bytes as a big-endian unsigned number (up to 8 bytes).
     *
     * @return the value
     * @throws IllegalStateException when there are more than 8 bytes
     */
    public long asBigEndian() {
        if (bytes.length > 8) {
            throw new IllegalStateException("more than 8 bytes: " + this);
        }
        long v = 0;
        for (byte b : bytes) {
            v = v << 8 | (b & 0xff);
        }
        return v;
    }

    /**
     * Appends libnftnl's rendering: {@code 0x%08x} words separated by spaces.
     *
     * @param sb     where to append
     * @param prefix whether each word starts with {@code 0x}
     */
    public void appendWords(StringBuilder sb, boolean prefix) {
        int words = (bytes.length + 3) / 4;
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            long v = 0;
            for (int b = 0; b < 4; b++) {
                int index = i * 4 + b;
                if (index < bytes.length) {
                    v |= (long) (bytes[index] & 0xff) << (8 * b);
                }
            }
            String hex = Long.toHexString(v);
            if (prefix) {
                sb.append("0x");
            }
            sb.append("0".repeat(8 - hex.length())).append(hex);
        }
    }

    /**
     * libnftnl's rendering with {@code 0x} prefixes.
     *
     * @return the words
     */
    public String words() {
        StringBuilder sb = new StringBuilder();
        appendWords(sb, true);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
