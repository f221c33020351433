package nftlink.nftables.lang;

import nftlink.nftables.Bytes;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.expr.Expression;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * nft's value form of a bit field ({@code ip dscp}, {@code tcp option mptcp subtype}): the
 * loaded bytes masked, turned to host byte order and moved down to bit 0, as nft loads a bit
 * field that is looked up in a named set or map, or that is part of a concatenation, whose
 * elements hold values rather than bits in place.
 */
public final class BitValue {
    private BitValue() {
    }

    /** Whether {@code f} is a bit field (its loads mask bits away). */
    static boolean applies(Field f) {
        return f instanceof PayloadBitField || f instanceof ExthdrField x && x.mask() != null;
    }

    /** The loads of {@code f} in value form. */
    static List<Expression> loads(Field f, int register) {
        List<Expression> out = new ArrayList<>(f.loads(register));
        out.addAll(down(f, register));
        return out;
    }

    /**
     * The loads of {@code f} in value form as nft 1.1.3 writes them before a lookup in a named set or verdict map
     * ({@code frag frag-off @s}). Where nft had to add the network protocol the extension header needs just before
     * ({@code meta nfproto ipv6} in inet), it shifts the bits down without the ntoh first; where the table or the
     * rule had said the protocol, it writes the ntoh as everywhere else (nft-ref: {@code frag frag-off @s} in an
     * inet table has no byteorder, in an ip6 table or after {@code meta nfproto ipv6} it has).
     *
     * @param ntoh whether nft swaps the bits to host order first: not where the linearizer has just added the
     *             field's protocol dependency, and never before a named verdict map
     */
    static List<Expression> lookupLoads(Field f, int register, boolean ntoh) {
        List<Expression> out = loads(f, register);
        if (f instanceof ExthdrField && !ntoh) {
            out.removeIf(x -> x instanceof Byteorder);
        }
        return out;
    }

    /**
     * What moves the loaded bits of {@code f} down to a value: ntoh for more than a byte, then a right
     * shift; nothing for bits that end a byte.
     */
    static List<Expression> down(Field f, int register) {
        int offset;
        int bitOffset;
        int bits;
        switch (f) {
            case PayloadBitField p -> {
                offset = p.offset();
                bitOffset = p.bitOffset();
                bits = p.bits();
            }
            case ExthdrField x when x.mask() != null -> {
                offset = x.bitOffset() / 8;
                bitOffset = x.bitOffset();
                bits = x.bits();
            }
            default -> {
                return List.of();
            }
        }
        int length = f.length();
        int shift = (offset + length) * 8 - (bitOffset + bits);
        if (shift == 0) {
            // bits that end a byte are their value already (in network byte order, as values are)
            return List.of();
        }
        List<Expression> out = new ArrayList<>();
        if (length > 1) {
            out.add(new Byteorder(Byteorder.Op.NTOH, register, register, length, length, false));
        }
        out.add(new Bitwise.Shift(register, register, length, false, shift));
        return out;
    }

    /**
     * Whether nft moves the bits of {@code f} down before a lookup in an anonymous interval set ({@code ip dscp {
     * 0x08-0x0f, cs4 }}): a header bit field that does not end its bytes.
     */
    static boolean shiftsForIntervals(Field f) {
        return f instanceof PayloadBitField && !down(f, NfTablesUapi.NFT_REG_1).isEmpty();
    }

    /**
     * The loads of {@code f} before a lookup in an anonymous interval set, as nft 1.1.3 writes them: masked and
     * shifted down, with no byte-order swap even for two bytes ({@code ip6 dscp}).
     */
    static List<Expression> intervalLoads(Field f, int register) {
        List<Expression> out = new ArrayList<>(f.loads(register));
        out.add(down(f, register).getLast());
        return out;
    }

    /** A value of {@code f} in register form (bits in place) as an anonymous interval set's key: big endian, as long as the load. */
    static Bytes intervalKey(Field f, Bytes register) {
        BigInteger v = new BigInteger(1, f.fromRegister(register).toArray());
        return BitLayout.fixed(v, f.length());
    }

    /** The inverse of {@link #intervalKey}: a key of an anonymous interval set in register form. */
    static Bytes fromIntervalKey(Field f, Bytes key) {
        return f.toRegister(BitLayout.fixed(new BigInteger(1, key.toArray()), f.valueLength()));
    }

    /**
     * Whether nft lists the items of {@code literal}, an anonymous set of {@code f}, as numbers: the interval set of a
     * bit field across two bytes ({@code ip6 dscp { 0x08-0x0f, 0x20 }}, where {@code ip dscp} names {@code cs4}).
     *
     * @param f the field
     * @param literal the set
     * @return whether its values print as numbers
     */
    public static boolean listedAsNumbers(Field f, Value.SetLiteral literal) {
        return literal.hasIntervals() && f instanceof PayloadBitField && f.length() > 1 && shiftsForIntervals(f)
                && f.datatype() == Datatype.DSCP;
    }

    /** The inverse of {@link #intervalKeys}, or {@code null} when a key is no value of {@code f}. */
    static Value.SetLiteral fromIntervalKeys(Field f, Value.SetLiteral keys) {
        try {
            return keys.mapBytes(b -> fromIntervalKey(f, b), "a set of " + f.text());
        } catch (IllegalArgumentException notOfThisField) {
            return null;
        }
    }

    /** A value or range of {@code f} (register form) as a key of an anonymous interval set or map ({@link #intervalKey}). */
    static Value intervalKey(Field f, Value v) {
        return intervalKeys(f, new Value.SetLiteral(List.of(v))).items().getFirst();
    }

    /** The inverse of {@link #intervalKey(Field, Value)}, or {@code null} when it is no value of {@code f}. */
    static Value fromIntervalKey(Field f, Value v) {
        Value.SetLiteral back = fromIntervalKeys(f, new Value.SetLiteral(List.of(v)));
        return back == null ? null : back.items().getFirst();
    }

    /** {@code literal} with its values as keys of an anonymous interval set of {@code f} ({@link #intervalKey}). */
    static Value.SetLiteral intervalKeys(Field f, Value.SetLiteral literal) {
        return literal.mapBytes(b -> intervalKey(f, b), "a set of " + f.text());
    }

    /**
     * How many expressions at {@code at} are {@code f}'s {@link #down} into {@code register} (0 when
     * none or not all); the shift without the ntoh reads the same.
     */
    static int matchDown(Field f, List<Expression> e, int at, int register) {
        List<Expression> down = down(f, register);
        if (down.isEmpty()) {
            return 0;
        }
        if (matches(down, e, at)) {
            return down.size();
        }
        // the shift alone: nft 1.0.6, and nft 1.1.3 for an extension header's bits before a lookup
        return down.size() == 2 && matches(down.subList(1, 2), e, at) ? 1 : 0;
    }

    private static boolean matches(List<Expression> expected, List<Expression> e, int at) {
        if (at + expected.size() > e.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(e.get(at + i))) {
                return false;
            }
        }
        return true;
    }
}
