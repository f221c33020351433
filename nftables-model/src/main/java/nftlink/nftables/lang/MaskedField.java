package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A field combined with a constant before it is compared: {@code meta mark & 0x3},
 * {@code ct mark | 0x10}, {@code tcp flags & (syn | ack)}, {@code meta mark ^ 0x4000}. The kernel computes
 * {@code (field & mask) ^ xor}: {@code & m} is mask {@code m}, xor 0; {@code | v} is
 * mask {@code ~v}, xor {@code v}; {@code ^ v} is mask all ones, xor {@code v}.
 *
 * @param field the field
 * @param mask  the mask, in the field's register form
 * @param xor   the value xored in after masking
 */
public record MaskedField(Field field, Bytes mask, Bytes xor) implements FieldWrapper {

    /** Checks the components: a single field, and a mask and xor as long as it. */
    public MaskedField {
        if (field instanceof MaskedField || field instanceof ConcatField || field instanceof MapLookupField) {
            throw new IllegalArgumentException("a mask applies to one field: " + field.text());
        }
        if (mask.length() != field.length() || xor.length() != field.length()) {
            throw new IllegalArgumentException(field.text() + " holds " + field.length() + " bytes");
        }
    }

    /**
     * {@code field & mask}.
     *
     * @param field the field
     * @param mask the mask
     * @return the masked field
     */
    public static MaskedField and(Field field, Bytes mask) {
        return new MaskedField(field, mask, Bytes.of(new byte[mask.length()]));
    }

    /**
     * {@code field | value}.
     *
     * @param field the field
     * @param value the bits to set
     * @return the masked field
     */
    public static MaskedField or(Field field, Bytes value) {
        byte[] inverted = value.toArray();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = (byte) ~inverted[i];
        }
        return new MaskedField(field, Bytes.of(inverted), value);
    }

    /**
     * {@code field ^ value} (mask all ones).
     *
     * @param field the field
     * @param value the bits to flip
     * @return the masked field
     */
    public static MaskedField xor(Field field, Bytes value) {
        byte[] ones = new byte[value.length()];
        Arrays.fill(ones, (byte) 0xff);
        return new MaskedField(field, Bytes.of(ones), value);
    }

    /**
     * This value with one more constant operation applied, {@code (field & mask ^ xor) OP value}, as nft applies
     * {@code ct mark & 0xff | 0x100} in one bitwise expression.
     *
     * @param op the operation
     * @param value the constant, as long as the field
     * @return the combined value
     */
    public MaskedField then(CombinedField.Op op, Bytes value) {
        byte[] m = mask.toArray();
        byte[] x = xor.toArray();
        for (int i = 0; i < m.length; i++) {
            byte v = (byte) value.get(i);
            switch (op) {
                case AND -> {
                    m[i] &= v;
                    x[i] &= v;
                }
                case OR -> {
                    m[i] &= (byte) ~v;
                    x[i] |= v;
                }
                case XOR -> x[i] ^= v;
            }
        }
        return new MaskedField(field, Bytes.of(m), Bytes.of(x));
    }

    /**
     * The operations nft lists for the mask and xor when they are no single one, as its delinearizer splits them:
     * the mask with the bits set from outside it ({@code &}), the bits flipped within it ({@code ^}), the bits set
     * from outside it ({@code |}); an all-ones mask or a zero constant is no operation.
     *
     * @return the {@code &} mask, the {@code ^} and the {@code |} constant, in the field's register form
     */
    public List<Bytes> listedOperations() {
        byte[] m = mask.toArray();
        byte[] x = xor.toArray();
        byte[] and = new byte[m.length];
        byte[] flip = new byte[m.length];
        byte[] set = new byte[m.length];
        for (int i = 0; i < m.length; i++) {
            set[i] = (byte) (x[i] & ~m[i]);
            flip[i] = (byte) (x[i] & m[i]);
            and[i] = (byte) (m[i] | set[i]);
        }
        return List.of(Bytes.of(and), Bytes.of(flip), Bytes.of(set));
    }

    /**
     * Whether this is {@code field ^ xor}: all bits kept, some flipped.
     *
     * @return whether it is an xor
     */
    public boolean isXor() {
        byte[] m = mask.toArray();
        boolean anyXor = false;
        for (int i = 0; i < m.length; i++) {
            if (m[i] != (byte) 0xff) {
                return false;
            }
            anyXor |= xor.get(i) != 0;
        }
        return anyXor;
    }

    /**
     * Whether this is {@code field & mask}, {@code field | xor} or {@code field ^ xor}, as nft writes
     * them.
     *
     * @return whether nft writes it as one operator
     */
    public boolean isWritten() {
        return isOr() || isXor() || new BigInteger(1, xor.toArray()).signum() == 0;
    }

    /**
     * Whether this is {@code field | xor} rather than {@code field & mask}.
     *
     * @return whether it is an or
     */
    public boolean isOr() {
        byte[] m = mask.toArray();
        byte[] x = xor.toArray();
        boolean anyXor = false;
        for (int i = 0; i < m.length; i++) {
            if ((byte) ~m[i] != x[i]) {
                return false;
            }
            anyXor |= x[i] != 0;
        }
        return anyXor;
    }

    @Override
    public Expression load(int register) {
        return field.load(register);
    }

    @Override
    public List<Expression> loads(int register) {
        List<Expression> out = new ArrayList<>(field.loads(register));
        if (isZero(xor) && out.getLast() instanceof Bitwise.MaskXor bits && isZero(bits.xor()) && bits.mask().length() == mask.length()
                && (field instanceof RawPayloadField || field instanceof PayloadBitField) && BitValue.down(field, register).isEmpty()) {
            // bits that end a byte, masked again: nft applies one mask (@nh,4,4 & 0x3 is load & 0x03)
            byte[] both = mask.toArray();
            for (int i = 0; i < both.length; i++) {
                both[i] &= bits.mask().get(i);
            }
            out.set(out.size() - 1, new Bitwise.MaskXor(register, register, Bytes.of(both), xor));
            return out;
        }
        out.add(new Bitwise.MaskXor(register, register, mask, xor));
        return out;
    }

    private static boolean isZero(Bytes b) {
        return new BigInteger(1, b.toArray()).signum() == 0;
    }

    @Override
    public List<Match> dependencies(Family family) {
        return field.dependencies(family);
    }

    /**
     * {@code meta mark & 0x00000003}, the constant printed with the field's datatype; a mask and xor that are no single
     * operation as nft lists them ({@code ct mark & 0x000001ff | 0x00000100}).
     */
    @Override
    public String text() {
        if (!isWritten()) {
            List<Bytes> ops = listedOperations();
            boolean masked = new BigInteger(1, ops.get(0).toArray()).bitCount() < ops.get(0).length() * 8;
            StringBuilder t = new StringBuilder(masked ? and(field, ops.get(0)).text() : field.text());
            if (new BigInteger(1, ops.get(1).toArray()).signum() != 0) {
                t.append(" ^ ").append(field.datatype().print(field.fromRegister(ops.get(1))));
            }
            if (new BigInteger(1, ops.get(2).toArray()).signum() != 0) {
                t.append(" | ").append(field.datatype().print(field.fromRegister(ops.get(2))));
            }
            return t.toString();
        }
        if (isXor()) {
            return field.text() + " ^ " + field.datatype().print(field.fromRegister(xor));
        }
        Bytes constant = isOr() ? xor : mask;
        String printed = field.datatype().isBitmask() ? "(" + field.datatype().print(field.fromRegister(constant)).replace(",", " | ") + ")"
                : field.datatype().print(field.fromRegister(constant));
        if (field.datatype().isBitmask() && (!printed.contains("|") || isOr())) {
            // nft parenthesizes flags only after &: tcp flags & (syn | ack), tcp flags | ecn | cwr
            printed = printed.substring(1, printed.length() - 1);
        }
        return field.text() + (isOr() ? " | " : " & ") + printed;
    }
}
