package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.math.BigInteger;

/**
 * Where a field of {@code bits} bits starting {@code bitOffset} bits into a header
 * lies in the whole bytes nft loads for it, and how values move between the
 * datatype's bytes and those register bytes.
 *
 * @param bitOffset   offset of the field's most significant bit
 * @param bits        width in bits
 * @param valueLength bytes of a value of the field's datatype
 */
record BitLayout(int bitOffset, int bits, int valueLength) {

    /** Byte offset of the first loaded byte. */
    int offset() {
        return bitOffset / 8;
    }

    /** Bytes loaded. */
    int length() {
        return (bitOffset % 8 + bits + 7) / 8;
    }

    /** Whether the field fills whole bytes (no mask needed). */
    boolean byteAligned() {
        return bitOffset % 8 == 0 && bits % 8 == 0;
    }

    private int shift() {
        return length() * 8 - bitOffset % 8 - bits;
    }

    private BigInteger ones() {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    /** The bits of the loaded bytes that hold the field. */
    Bytes mask() {
        return fixed(ones().shiftLeft(shift()), length());
    }

    Bytes toRegister(Bytes value, String what) {
        BigInteger v = new BigInteger(1, value.toArray());
        if (v.bitLength() > bits) {
            throw new IllegalArgumentException("value " + v + " does not fit in the " + bits + " bits of " + what);
        }
        return fixed(v.shiftLeft(shift()), length());
    }

    Bytes fromRegister(Bytes register) {
        return fixed(new BigInteger(1, register.toArray()).shiftRight(shift()).and(ones()), valueLength);
    }

    static Bytes fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return Bytes.of(out);
    }
}
