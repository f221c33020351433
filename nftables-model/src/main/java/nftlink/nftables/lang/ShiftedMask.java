package nftlink.nftables.lang;

import nftlink.nftables.Bytes;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Payload;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-byte bit field compared through a mask of its own, as nft 1.1.3 writes and lists it: the bits moved down to
 * their value before the mask ({@code ip dscp & 0x3 == 0x1} is load, mask 0xfc, shift 2, mask 0x03, compare 1), and
 * listed by nft's second trim of the field to the mask's bits, which names what lies there ({@code ip ecn ect1}) or
 * gives raw bits ({@code @nh,1,2 & 0x1 == 0x1} lists as {@code @nh,8,1 0x1}).
 */
final class ShiftedMask {
    private static final int REG = NfTablesUapi.NFT_REG_1;

    private ShiftedMask() {
    }

    /** How far the bits of {@code f} lie from the end of their byte: 0 for a field that is not one byte of bits. */
    static int shift(Field f) {
        return switch (f) {
            case PayloadBitField p when p.length() == 1 -> 8 - (p.bitOffset() % 8) - p.bits();
            case RawPayloadField r when r.length() == 1 && r.bits() < 8 -> 8 - (r.bitOffset() % 8) - r.bits();
            default -> 0;
        };
    }

    /** Whether nft writes the match of {@code field} this way: a bit field not ending its byte, masked with no xor. */
    static boolean applies(Field field) {
        return field instanceof MaskedField m && shift(m.field()) > 0 && isZero(m.xor());
    }

    /** The loads, mask and compare of {@code m}'s masked bit field with {@code value} (in its register form). */
    static List<Expression> linearize(Match m, Bytes value, Cmp.Op op) {
        MaskedField masked = (MaskedField) m.field();
        Field f = masked.field();
        List<Expression> out = new ArrayList<>(f.loads(REG));
        out.add(new Bitwise.Shift(REG, REG, 1, false, shift(f)));
        out.add(new Bitwise.MaskXor(REG, REG, down(f, masked.mask()), Bytes.of(new byte[1])));
        out.add(new Cmp(op, REG, down(f, value)));
        return out;
    }

    /** The bits of {@code f} in {@code register} (its bits in place) moved down to a one-byte value. */
    private static Bytes down(Field f, Bytes register) {
        return Bytes.u8((register.get(0) & 0xff) >> shift(f));
    }

    /**
     * The match nft lists for load, mask, shift, mask and compare at {@code at}: the second mask trims the field to
     * the bits it keeps, named by {@code fieldAt} where the header has a field there; {@code null} when this is not
     * that, or nft would not trim it.
     *
     * @param e       the rule's expressions
     * @param at      where the load is
     * @param first   the field the load and first mask read (a bit field or raw bits), or {@code null}
     * @param fieldAt the header field at a bit offset and width, or {@code null} when none
     * @return the match
     */
    static Match delinearize(List<Expression> e, int at, Field first, FieldAt fieldAt) {
        if (first == null || shift(first) == 0 || at + 4 >= e.size() || !(e.get(at + 2) instanceof Bitwise.Shift sh)
                || sh.left() || sh.bits() != shift(first) || sh.sreg() != REG || sh.dreg() != REG
                || !(e.get(at + 3) instanceof Bitwise.MaskXor m2) || m2.sreg() != REG || m2.dreg() != REG || !isZero(m2.xor())
                || m2.mask().length() != 1 || !(e.get(at + 4) instanceof Cmp c) || c.sreg() != REG || c.data().length() != 1
                || c.op() != Cmp.Op.EQ && c.op() != Cmp.Op.NEQ) {
            return null;
        }
        int mask = m2.mask().get(0) & 0xff;
        int low = Integer.numberOfTrailingZeros(mask);
        int bits = bits(first);
        // nft's mask length: where the lowest run of ones ends
        int maskLength = low + Integer.numberOfTrailingZeros(~(mask >>> low));
        // an empty mask (ip dscp 0/0) trims nothing
        boolean trimmed = mask != 0 && bits > maskLength;
        Match.Op op = c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ;
        int offset = bitOffset(first) + 8 - maskLength;
        int width = Integer.bitCount(mask);
        Field named = trimmed ? fieldAt.at(first, offset, width) : null;
        try {
            if (named == null && (!trimmed || !(first instanceof RawPayloadField))) {
                // not trimmed: the field, its mask and value as numbers of it (tcp doff & 1 == 1)
                return new Match(MaskedField.and(first, up(first, mask)), op, new Value.Single(up(first, c.data().get(0) & 0xff)));
            }
            Field g = named != null ? named : new RawPayloadField(((RawPayloadField) first).base(), offset, width);
            Bytes value = g.toRegister(BitLayout.fixed(BigInteger.valueOf((c.data().get(0) & 0xff) >> low), g.valueLength()));
            return new Match(g, op, new Value.Single(value));
        } catch (IllegalArgumentException notThisField) {
            return null;
        }
    }

    /** The value {@code v} of {@code f} in its register form (its bits in place). */
    private static Bytes up(Field f, int v) {
        return f.toRegister(BitLayout.fixed(BigInteger.valueOf(v), f.valueLength()));
    }

    /** The header field of a rule's protocols at a bit offset and width. */
    @FunctionalInterface
    interface FieldAt {
        /**
         * The field.
         *
         * @param like   a field of the same header
         * @param offset its first bit
         * @param bits   its width
         * @return the field, or {@code null}
         */
        Field at(Field like, int offset, int bits);
    }

    private static int bits(Field f) {
        return f instanceof PayloadBitField p ? p.bits() : ((RawPayloadField) f).bits();
    }

    private static int bitOffset(Field f) {
        return f instanceof PayloadBitField p ? p.bitOffset() : ((RawPayloadField) f).bitOffset();
    }

    private static boolean isZero(Bytes b) {
        return new BigInteger(1, b.toArray()).signum() == 0;
    }

    /** Whether the load at {@code at} is one byte of a header (not the link layer's, which nft keeps masked). */
    static boolean oneByte(Expression x) {
        return x instanceof Payload.Load p && p.length() == 1 && p.dreg() == REG && p.base() != Payload.Base.LINK
                && p.base() != Payload.Base.TUNNEL;
    }
}
