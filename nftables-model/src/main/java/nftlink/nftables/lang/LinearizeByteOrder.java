package nftlink.nftables.lang;

import java.util.ArrayList;
import java.util.List;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Range;

/** Swaps host-order values to big endian where nft compares or stores them as big-endian numbers (ranges, intervals). */
final class LinearizeByteOrder {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    private LinearizeByteOrder() {
    }

    /** The items of {@code literal} with their bytes reversed (host order to big endian and back). */
    static Value.SetLiteral reversedItems(Value.SetLiteral literal) {
        List<Value> items = new ArrayList<>();
        for (Value v : literal.items()) {
            items.add(switch (v) {
                case Value.Single x -> new Value.Single(x.bytes().reversed());
                case Value.Range r -> new Value.Range(r.low().reversed(), r.high().reversed());
                default -> throw new IllegalArgumentException("unsupported: " + v + " in a set of host-order values");
            });
        }
        return new Value.SetLiteral(items, literal.statements());
    }

    /** Whether a part of {@code concat} holds host-order integers (a mark, a uid), which intervals hold as big-endian numbers. */
    static boolean hasHostOrderPart(ConcatField concat) {
        return concat.fields().stream().anyMatch(f -> !ConcatField.holdsValue(f)
                && SetElementListing.storedBigEndian(f.datatype()) && f.length() >= 2);
    }

    /**
     * The loads of {@code concat} into register 1 and on, each host-order part swapped to big endian right
     * after its load ({@code byteorder reg 9 = hton(reg 9, 4, 4)}), as nft loads the key of an interval set.
     */
    static List<Expression> bigEndianLoads(ConcatField concat) {
        List<Expression> out = new ArrayList<>();
        int slot = 0;
        for (Field f : concat.fields()) {
            int register = ConcatField.registerAt(REG, slot);
            out.addAll(BitValue.applies(f) ? BitValue.loads(f, register) : f.loads(register));
            if (!ConcatField.holdsValue(f) && SetElementListing.storedBigEndian(f.datatype()) && f.length() >= 2) {
                out.add(new Byteorder(Byteorder.Op.HTON, register, register, f.length(), f.length()));
            }
            slot += ((f.length() + 3) & ~3) / 4;
        }
        return out;
    }

    /** The items of a set of concatenations with each host-order part's bytes reversed (host order to big endian and back). */
    static Value.SetLiteral bigEndianParts(ConcatField concat, Value.SetLiteral literal) {
        return literal.mapBytes(b -> bigEndianParts(concat, b), "a set of concatenations");
    }

    /** A concatenation's bytes with each host-order part reversed. */
    static Bytes bigEndianParts(ConcatField concat, Bytes key) {
        byte[] raw = key.toArray();
        int at = 0;
        for (Field f : concat.fields()) {
            int length = f.length();
            if (!ConcatField.holdsValue(f) && SetElementListing.storedBigEndian(f.datatype()) && length >= 2
                    && at + length <= raw.length) {
                SetElementListing.reversePart(raw, at, length);
            }
            at += (length + 3) & ~3;
        }
        return Bytes.of(raw);
    }

    /** Whether ordered comparisons of the field need its host-order value swapped to big endian, as nft does. */
    static boolean ordersHostBytes(Field field) {
        int length = field.length();
        return !(field instanceof ConcatField) && field.datatype().hostOrder() && field.datatype() != Datatype.IFNAME
                && field.datatype() != Datatype.CT_STATE && (length == 2 || length == 4 || length == 8);
    }

    /** The swap of the field's value in register 1 from host order to big endian. */
    static Byteorder hton(Field field) {
        return new Byteorder(Byteorder.Op.HTON, REG, REG, field.length(), field.length());
    }
}
