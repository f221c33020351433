package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A 32-bit value computed from a field, as nft computes {@code meta mark set ip dscp},
 * {@code ct mark set ip dscp << 2 | 0x10} or {@code ct mark set ip6 dscp & 0x3c}: the
 * field's value (a bit field moved down to bit 0, in host byte order), shifted, then
 * {@code (value & mask) ^ xor}.
 *
 * @param source a bit field ({@code ip dscp}), a 32-bit host-order field such as {@code meta mark}, or such a field
 *               with a constant applied before the shift ({@code (meta mark | 0x10) << 8})
 * @param shift  bits shifted left (negative: right), 0 for none
 * @param mask   the mask, as an unsigned 32-bit number
 * @param xor    the value xored in after masking, as an unsigned 32-bit number
 */
public record BinopField(Field source, int shift, long mask, long xor) implements ComputedField {

    private static final long ALL = 0xffffffffL;

    /** Checks the components: a source a binary operation applies to, and a shift within its width. */
    public BinopField {
        if (source instanceof MaskedField m && (shift == 0 || !isWord(m.field()))) {
            throw new IllegalArgumentException("unsupported: a constant before a shift applies to a 32-bit meta or ct key");
        }
        if (!(source instanceof MaskedField) && !computable(source)) {
            throw new IllegalArgumentException("unsupported: arithmetic on " + source.text()
                    + " (nftlink computes 32-bit values from bit fields such as ip dscp and from 32-bit meta and ct keys)");
        }
        if (shift <= -32 || shift >= 32) {
            throw new IllegalArgumentException("a shift of a 32-bit value is 0 to 31 bits: " + Math.abs(shift));
        }
        if ((mask & ~ALL) != 0 || (xor & ~ALL) != 0) {
            throw new IllegalArgumentException("value out of range for 32 bits");
        }
    }

    /**
     * {@code source & constant}.
     *
     * @param constant the constant
     * @return the changed copy
     */
    public BinopField and(long constant) {
        return new BinopField(source, shift, mask & constant, xor & constant);
    }

    /**
     * {@code source | constant}.
     *
     * @param constant the constant
     * @return the changed copy
     */
    public BinopField or(long constant) {
        return new BinopField(source, shift, mask & ~constant & ALL, (xor & ~constant | constant) & ALL);
    }

    /**
     * {@code source ^ constant}.
     *
     * @param constant the constant
     * @return the changed copy
     */
    public BinopField xor(long constant) {
        return new BinopField(source, shift, mask, (xor ^ constant) & ALL);
    }

    /**
     * This value shifted by {@code bits} (negative: right): a constant applied so far to a 32-bit key stays before
     * the shift ({@code (meta mark | 0x10) << 8}).
     *
     * @param bits the shift, negative for right
     * @return the changed copy
     */
    public BinopField shifted(int bits) {
        if (shift != 0) {
            throw new IllegalArgumentException("unsupported: a second shift in a value computed from the packet");
        }
        if (mask == ALL && xor == 0) {
            return new BinopField(source, bits, ALL, 0);
        }
        return new BinopField(new MaskedField(source, Bytes.u32((int) mask), Bytes.u32((int) xor)), bits, ALL, 0);
    }

    /** Whether {@code source} is a value nftlink computes with: a bit field, or a 32-bit meta or ct key. */
    static boolean computable(Field source) {
        return source instanceof PayloadBitField || isWord(source);
    }

    private static boolean isWord(Field f) {
        return (f instanceof MetaField || f instanceof CtField) && f.length() == 4;
    }

    /**
     * The plain value of {@code source}: no shift, no mask.
     *
     * @param source the field
     * @return the plain value
     */
    public static BinopField of(Field source) {
        return new BinopField(source, 0, ALL, 0);
    }

    @Override
    public Expression load(int register) {
        return loads(register).getFirst();
    }

    @Override
    public List<Expression> loads(int register) {
        List<Expression> out = new ArrayList<>(source.loads(register));
        out.addAll(down(register));
        if (shift != 0) {
            out.add(new Bitwise.Shift(register, register, 4, shift > 0, Math.abs(shift)));
        }
        if (mask != ALL || xor != 0) {
            out.add(new Bitwise.MaskXor(register, register, Bytes.u32((int) mask), Bytes.u32((int) xor)));
        }
        return out;
    }

    /** For a bit field: its loaded bytes turned to host order and moved down to bit 0. */
    private List<Expression> down(int register) {
        return BitValue.down(source, register);
    }

    /** A value computed as {@link #loads} computes it, read from {@code e} at {@code at}, after {@code source}'s loads. */
    record Read(BinopField field, int next) {
    }

    /**
     * The value computed from {@code source} (whose loads end before {@code at}), if the
     * expressions at {@code at} widen, shift or mask it as this record does; else {@code null}.
     */
    static Read read(Field source, List<Expression> e, int at) {
        return read(source, e, at, 1);
    }

    /** As {@link #read(Field, List, int)}, computed in {@code register}. */
    static Read read(Field source, List<Expression> e, int at, int register) {
        if (!computable(source)) {
            // asked of every loaded field a lookup follows: a test, not an exception per rule
            return null;
        }
        BinopField plain = of(source);
        int i = at;
        List<Expression> down = plain.down(register);
        for (Expression x : down) {
            if (i >= e.size() || !e.get(i).equals(x)) {
                return null;
            }
            i++;
        }
        int shift = 0;
        // nft shifts the 32-bit value; libnftnl's text does not give the length, so its reader assumes the loaded one
        if (i < e.size() && e.get(i) instanceof Bitwise.Shift s && s.sreg() == register && s.dreg() == register
                && (s.length() == 4 || s.length() == source.length()) && s.bits() > 0 && s.bits() < 32) {
            shift = s.left() ? s.bits() : -s.bits();
            i++;
        }
        long mask = ALL;
        long xor = 0;
        // as for the shift, libnftnl's text gives a mask after a bit field's shift the loaded length
        if (i < e.size() && e.get(i) instanceof Bitwise.MaskXor mx && mx.sreg() == register && mx.dreg() == register
                && (mx.mask().length() == 4 || !down.isEmpty() && mx.mask().length() == source.length() && mx.mask().length() < 4)) {
            // the loaded bytes above a shorter mask are zero anyway
            mask = littleEndian(mx.mask());
            xor = littleEndian(mx.xor());
            i++;
        }
        if (down.isEmpty() && shift == 0 && (mask != ALL || xor != 0) && i < e.size() && e.get(i) instanceof Bitwise.Shift s
                && s.sreg() == register && s.dreg() == register && s.length() == 4 && s.bits() > 0 && s.bits() < 32) {
            // a constant applied before the shift: (meta mark | 0x10) << 8
            MaskedField before = new MaskedField(source, Bytes.u32((int) mask), Bytes.u32((int) xor));
            if (!before.isWritten()) {
                return null;
            }
            BinopField shifted = new BinopField(before, s.left() ? s.bits() : -s.bits(), ALL, 0);
            i++;
            if (i < e.size() && e.get(i) instanceof Bitwise.MaskXor mx && mx.sreg() == register && mx.dreg() == register
                    && mx.mask().length() == 4) {
                shifted = new BinopField(before, shifted.shift(), littleEndian(mx.mask()), littleEndian(mx.xor()));
                i++;
            }
            return new Read(shifted, i);
        }
        if (down.isEmpty() && shift == 0) {
            // a 32-bit key with only a mask is a MaskedField
            return null;
        }
        return new Read(new BinopField(source, shift, mask, xor), i);
    }

    /** Register bytes (host order, up to 4) as a number. */
    private static long littleEndian(Bytes b) {
        long v = 0;
        for (int k = b.length() - 1; k >= 0; k--) {
            v = v << 8 | b.get(k);
        }
        return v;
    }

    @Override
    public List<Match> dependencies(Family family) {
        return source.dependencies(family);
    }

    /** nft's text: {@code ip dscp << 2 | 0x10}, {@code ip dscp & af33}. */
    @Override
    public String text() {
        StringBuilder sb = new StringBuilder(source instanceof MaskedField ? "(" + source.text() + ")" : source.text());
        if (shift != 0) {
            sb.append(shift > 0 ? " << " : " >> ").append(Math.abs(shift));
        }
        boolean or = xor != 0 && mask == (~xor & ALL);
        if (or) {
            sb.append(" | ").append(constant(xor));
        } else {
            if (mask != ALL) {
                sb.append(" & ").append(constant(mask));
            }
            if (xor != 0) {
                sb.append(" ^ ").append(constant(xor));
            }
        }
        return sb.toString();
    }

    /** A constant as nft prints it: with the bit field's names while it fits the field unshifted, else in hex ({@code 0xf}). */
    private String constant(long value) {
        if (shift == 0 && source instanceof PayloadBitField b && value < (1L << b.bits())
                && (b.datatype() == Datatype.DSCP || b.datatype() == Datatype.ECN)) {
            return b.datatype().print(Bytes.u8((int) value));
        }
        return "0x" + Long.toHexString(value);
    }

    /**
     * The constant for JSON: a name where {@link #text()} prints one, else the number.
     *
     * @param value the constant
     * @return a name or a number
     */
    public Object jsonConstant(long value) {
        String printed = constant(value);
        return printed.startsWith("0x") ? (Object) value : printed;
    }
}
