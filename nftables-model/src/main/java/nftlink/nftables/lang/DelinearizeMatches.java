package nftlink.nftables.lang;

import java.io.ByteArrayOutputStream;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Range;
import nftlink.nftables.lang.Delinearizer.SetContents;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static nftlink.nftables.lang.DelinearizeFields.*;

/**
 * Matches read back from the comparisons, ranges, masks and set lookups after a load, and the
 * anonymous sets they look up read back into set literals sorted as {@code nft list} sorts them.
 */
final class DelinearizeMatches {

    private DelinearizeMatches() {
    }

    /** An interval read from a set's elements: its start element and its bounds. */
    record Span(SetElement start, BigInteger low, BigInteger high) {
    }

    /**
     * The intervals of an interval set's elements: each start element's interval runs to the key
     * before the next element (an end marker or the next start), the last to the end of the key space.
     */
    static List<Span> spans(List<SetElement> elements, int length) {
        List<SetElement> sorted = new ArrayList<>(elements);
        sorted.sort(INTERVAL_ORDER);
        BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            SetElement x = sorted.get(i);
            if ((x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0) {
                continue;
            }
            BigInteger high = i + 1 < sorted.size() ? Linearizer.number(sorted.get(i + 1).key()).subtract(BigInteger.ONE) : max;
            out.add(new Span(x, Linearizer.number(x.key()), high));
        }
        return out;
    }

    /**
     * The order nft lists the keys of {@code field} in: by value, but flag values by their lowest flag (nft sorts
     * them as it prints them, {@code fin | ack} by its {@code fin}), values with the same lowest flag as dumped;
     * concatenations as {@link #concatOrder} says.
     */
    static Comparator<Bytes> listingOrder(Field field) {
        Datatype type = field.datatype();
        if (field instanceof ConcatField concat) {
            return concatOrder(concat);
        }
        if (!type.isBitmask()) {
            return type.elementOrder();
        }
        return Comparator.comparing(b -> {
            byte[] raw = b.toArray();
            if (type.hostOrder()) {
                for (int i = 0, j = raw.length - 1; i < j; i++, j--) {
                    byte t = raw[i];
                    raw[i] = raw[j];
                    raw[j] = t;
                }
            }
            BigInteger v = new BigInteger(1, raw);
            return v.and(v.negate());
        });
    }

    /**
     * The order nft lists concatenated keys in: the parts' bytes without their register padding, read
     * together as one little-endian number (nft's sort imports the joined value in host byte order).
     */
    static Comparator<Bytes> concatOrder(ConcatField concat) {
        return Comparator.comparing(b -> {
            List<Bytes> parts = concat.split(b);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (Bytes part : parts) {
                joined.writeBytes(part.toArray());
            }
            byte[] raw = joined.toByteArray();
            for (int i = 0, j = raw.length - 1; i < j; i++, j--) {
                byte t = raw[i];
                raw[i] = raw[j];
                raw[j] = t;
            }
            return new BigInteger(1, raw);
        });
    }

    /**
     * {@code value} as the {@code length} bytes a statement reads from its register: the value
     * itself, or the first bytes of a value padded with zeros to whole 32-bit words (libnftnl's
     * text gives immediates so, and the reader takes only its bytes); else {@code null}.
     */
    static Bytes fit(Bytes value, int length) {
        if (value.length() == length) {
            return value;
        }
        if (value.length() != ((length + 3) & ~3)) {
            return null;
        }
        for (int i = length; i < value.length(); i++) {
            if (value.get(i) != 0) {
                return null;
            }
        }
        return Bytes.of(Arrays.copyOf(value.toArray(), length));
    }

    /** An ordered comparison or range of a host-order field, after its {@code byteorder hton}. */
    static Matched hostOrderComparison(Field field, List<Expression> e, int at, SetContents sets) {
        Expression next = e.get(at);
        if (next instanceof Cmp c && c.sreg() == REG && c.data().length() == field.length()) {
            if (c.op() == Cmp.Op.GTE && at + 1 < e.size() && e.get(at + 1) instanceof Cmp hi && hi.sreg() == REG
                    && hi.op() == Cmp.Op.LTE && hi.data().length() == c.data().length()) {
                return new Matched(new Match(field, Match.Op.EQ,
                        new Value.Range(c.data().reversed(), hi.data().reversed())), 3);
            }
            return new Matched(new Match(field, matchOp(c.op()), new Value.Single(c.data().reversed())), 2);
        }
        if (next instanceof Range r && r.sreg() == REG && r.from().length() == field.length()) {
            return new Matched(new Match(field, r.op() == Range.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                    new Value.Range(r.from().reversed(), r.to().reversed())), 2);
        }
        if (next instanceof Lookup l && l.sreg() == REG && l.dreg() < 0 && l.set().startsWith("__set") && sets != null) {
            List<SetElement> elements = sets.apply(l.set());
            Value.SetLiteral bigEndian = elements == null || elements.isEmpty() ? null : literal(field, elements);
            if (bigEndian != null) {
                return new Matched(new Match(field, l.inverted() ? Match.Op.NEQ : Match.Op.EQ,
                        Linearizer.reversedItems(bigEndian)), 2);
            }
        }
        return null;
    }

    /** A match read after a load, and how many expressions after the load it used. */
    record Matched(Match match, int consumed) {
    }

    /**
     * The match the expressions at {@code at} make of {@code field}, loaded before them ({@code loaded}: the bytes a
     * shortened load took, else {@code -1}); {@code null} when they make none.
     */
    static Matched matchAfterLoad(Field field, int loaded, List<Expression> e, int at, SetContents sets) {
        Expression next = e.get(at);
        if (next instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == REG && b.dreg() == REG
                && b.length() == field.length() && Linearizer.ordersHostBytes(field) && at + 1 < e.size()) {
            return hostOrderComparison(field, e, at + 1, sets);
        }
        boolean ctAddress = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR;
        if (field instanceof CtField && ctAddress && next instanceof Cmp c && c.sreg() == REG && c.data().length() < field.length()) {
            loaded = c.data().length();
        }
        boolean shortened = loaded >= 0 && loaded < field.length();
        if (next instanceof Cmp c && c.sreg() == REG) {
            return comparison(field, shortened ? loaded : -1, c, e, at);
        }
        if (shortened) {
            return null;
        }
        if (next instanceof Range r && r.sreg() == REG && r.from().length() == field.length()) {
            return new Matched(new Match(field, r.op() == Range.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                    new Value.Range(r.from(), r.to())), 1);
        }
        if (next instanceof Bitwise.MaskXor b && b.sreg() == REG && b.dreg() == REG && isZero(b.xor())
                && at + 1 < e.size() && e.get(at + 1) instanceof Cmp c && c.sreg() == REG) {
            if (Linearizer.flagTest(field) && c.op() == Cmp.Op.NEQ && isZero(c.data())) {
                return new Matched(new Match(field, Match.Op.EQ, new Value.Single(b.mask())), 2);
            }
            int bits = prefixBits(b.mask());
            // (nft lists a masked ethernet address as the mask: ether saddr & ff:f0:00:00:00:00 == 01:00:00:00:00:00)
            boolean addressType = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR;
            if (bits >= 0 && addressType && b.mask().length() == field.length() && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)) {
                try {
                    return new Matched(new Match(field, c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                            new Value.Prefix(c.data(), bits)), 2);
                } catch (IllegalArgumentException notAPrefix) {
                    // compared as a masked value below
                }
            }
        }
        if (next instanceof Bitwise.MaskXor b && b.sreg() == REG && b.dreg() == REG && !(field instanceof MaskedField)
                && !(field instanceof ConcatField) && b.mask().length() == field.length() && at + 1 < e.size()
                && e.get(at + 1) instanceof Cmp c && c.sreg() == REG && c.data().length() == field.length()) {
            if (Linearizer.flagTest(field) && c.op() == Cmp.Op.EQ && isZero(b.xor()) && allOnes(b.mask())) {
                // a mask of every flag: nft lists the exact compare, tcp flags == 0xff
                return new Matched(new Match(field, Match.Op.EXACT, new Value.Single(c.data())), 2);
            }
            MaskedField masked = new MaskedField(field, b.mask(), b.xor());
            if (isZero(b.xor()) || masked.isOr()) {
                return new Matched(new Match(masked, matchOp(c.op()), new Value.Single(c.data())), 2);
            }
            return null;
        }
        if (next instanceof Bitwise.MaskXor b && b.sreg() == REG && b.dreg() == REG && isZero(b.xor())
                && !(field instanceof MaskedField) && !(field instanceof ConcatField) && b.mask().length() == field.length()
                && at + 1 < e.size() && e.get(at + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() < 0) {
            // tcp flags & (fin | syn | rst | ack) == { fin | ack, syn }: the masked value looked up
            Matched m = matchAfterLoad(new MaskedField(field, b.mask(), b.xor()), -1, e, at + 1, sets);
            return m == null ? null : new Matched(m.match(), m.consumed() + 1);
        }
        if (next instanceof Lookup l && l.sreg() == REG && l.dreg() < 0) {
            return setLookup(field, l, sets);
        }
        if (BitValue.shiftsForIntervals(field) && next.equals(BitValue.intervalLoads(field, REG).getLast()) && at + 1 < e.size()
                && e.get(at + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() < 0 && l.set().startsWith("__set")) {
            // a bit field moved down to its value before an anonymous interval set (ip dscp { 0x08-0x0f, cs4 })
            List<SetElement> elements = sets == null ? null : sets.apply(l.set());
            Value.SetLiteral keys = elements == null || elements.isEmpty() ? null : literal(field, elements);
            Value.SetLiteral literal = keys == null ? null : BitValue.fromIntervalKeys(field, keys);
            return literal == null ? null : new Matched(new Match(field, l.inverted() ? Match.Op.NEQ : Match.Op.EQ, literal), 2);
        }
        return null;
    }

    /**
     * A comparison of {@code field} (loaded at its length, or its first {@code loaded} bytes, {@code -1} when
     * whole): a prefix of a shortened load, a range of two comparisons, or one value; or {@code null}.
     */
    private static Matched comparison(Field field, int loaded, Cmp c, List<Expression> e, int at) {
        if (loaded >= 0) {
            if (c.op() != Cmp.Op.EQ && c.op() != Cmp.Op.NEQ || c.data().length() != loaded) {
                return null;
            }
            Bytes address = Bytes.of(Arrays.copyOf(c.data().toArray(), field.length()));
            return new Matched(new Match(field, c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                    new Value.Prefix(address, loaded * 8)), 1);
        }
        if (c.op() == Cmp.Op.GTE && at + 1 < e.size() && e.get(at + 1) instanceof Cmp hi && hi.sreg() == REG
                && hi.op() == Cmp.Op.LTE && hi.data().length() == c.data().length()) {
            return new Matched(new Match(field, Match.Op.EQ, new Value.Range(c.data(), hi.data())), 2);
        }
        if (c.data().length() != field.length() && !(field.datatype() == Datatype.IFNAME && c.data().length() < 16)) {
            return null;
        }
        // a flag field compared without a mask holds exactly the value: tcp flags == syn
        Match.Op op = Linearizer.flagTest(field) && c.op() == Cmp.Op.EQ ? Match.Op.EXACT : matchOp(c.op());
        return new Matched(new Match(field, op, new Value.Single(c.data())), 1);
    }

    /** Whether every bit of {@code b} is set. */
    private static boolean allOnes(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if ((b.get(i) & 0xff) != 0xff) {
                return false;
            }
        }
        return true;
    }

    /** A lookup of {@code field} in a named set, or in an anonymous set read back as a literal; or {@code null}. */
    private static Matched setLookup(Field field, Lookup l, SetContents sets) {
        Match.Op op = l.inverted() ? Match.Op.NEQ : Match.Op.EQ;
        if (!l.set().startsWith("__set")) {
            return new Matched(new Match(field, op, new Value.SetReference(l.set())), 1);
        }
        List<SetElement> elements = sets == null ? null : sets.apply(l.set());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        Value.SetLiteral literal = literal(field, elements);
        return literal == null ? null : new Matched(new Match(field, op, literal), 1);
    }

    /** The match operator of a comparison. */
    static Match.Op matchOp(Cmp.Op op) {
        return switch (op) {
            case EQ -> Match.Op.EQ;
            case NEQ -> Match.Op.NEQ;
            case LT -> Match.Op.LT;
            case GT -> Match.Op.GT;
            case LTE -> Match.Op.LTE;
            case GTE -> Match.Op.GTE;
        };
    }

    /** The prefix length of a mask of leading ones, or -1. */
    static int prefixBits(Bytes mask) {
        int bits = 0;
        boolean zeros = false;
        for (int i = 0; i < mask.length(); i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (mask.get(i) >> bit & 1) == 1;
                if (one && zeros) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    zeros = true;
                }
            }
        }
        return bits;
    }

    /**
     * The elements with keys of exactly {@code length} bytes: keys padded to whole
     * 32-bit words with zeros (as libnftnl's text gives them) are trimmed; any
     * other length means the elements do not fit the field ({@code null}).
     */
    static List<SetElement> fitted(List<SetElement> elements, int length) {
        if (elements == null) {
            return null;
        }
        List<SetElement> out = new ArrayList<>(elements.size());
        for (SetElement x : elements) {
            Bytes key = x.key();
            if ((x.flags() & NfTablesUapi.NFT_SET_ELEM_CATCHALL) != 0) {
                out.add(x);
                continue;
            }
            key = fit(key, length);
            if (key == null) {
                return null;
            }
            out.add(new SetElement(key, x.keyEnd(), x.data(), x.objectRef(), x.flags(), x.timeout(), x.expiration(),
                    x.userdata(), x.expressions()));
        }
        return out;
    }

    /** Reads an anonymous set's elements back into items, sorted as nft lists them. */
    static Value.SetLiteral literal(Field field, List<SetElement> listed) {
        int length = field.length();
        List<SetElement> elements = fitted(listed, length);
        if (elements == null) {
            return null;
        }
        boolean interval = elements.stream().anyMatch(x -> (x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0);
        List<Value> items = new ArrayList<>();
        for (SetElement x : elements) {
            if (x.data() != null) {
                return null;
            }
        }
        List<List<Statement>> statements = new ArrayList<>();
        if (field instanceof ConcatField && elements.stream().anyMatch(x -> x.keyEnd() != null)) {
            // the kernel dumps ranges of concatenations in the order they were added, and nft lists them so
            elements.forEach(x -> {
                items.add(concatItem(field, x));
                statements.add(stateful(x));
            });
            return new Value.SetLiteral(items, statements);
        }
        if (!interval) {
            List<SetElement> sorted = new ArrayList<>(elements);
            sorted.sort(Comparator.comparing(SetElement::key, listingOrder(field)));
            sorted.forEach(x -> {
                items.add(new Value.Single(x.key()));
                statements.add(stateful(x));
            });
            return new Value.SetLiteral(items, statements);
        }
        for (Span span : spans(elements, length)) {
            items.add(rangeItem(field, span.low(), span.high(), length));
            statements.add(stateful(span.start()));
        }
        return items.isEmpty() ? null : new Value.SetLiteral(items, statements);
    }

    /** The stateful statements of an element's expressions ({@code counter}, ...); none for what is no such statement. */
    static List<Statement> stateful(SetElement x) {
        List<Statement> out = new ArrayList<>();
        for (Expression e : x.expressions()) {
            Statement s = StatefulStatements.statement(e);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * An element of a set of concatenations with ranges: one value, or the range from its key to its end;
     * host-order parts, which such sets hold as big-endian numbers, back in host order.
     */
    static Value concatItem(Field field, SetElement x) {
        Value v = x.keyEnd() == null || x.keyEnd().equals(x.key()) ? new Value.Single(x.key()) : new Value.Range(x.key(), x.keyEnd());
        if (field instanceof ConcatField concat && Linearizer.hasHostOrderPart(concat)) {
            v = Linearizer.bigEndianParts(concat, new Value.SetLiteral(List.of(v))).items().getFirst();
        }
        return v;
    }

    /**
     * Interval elements by key; where an interval ends and the next starts at the same key, the
     * end marker first (nft 1.0.6 writes both for adjacent ranges of named sets).
     */
    static final Comparator<SetElement> INTERVAL_ORDER = Comparator.<SetElement, BigInteger>comparing(
            x -> Linearizer.number(x.key())).thenComparing(x -> (x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) == 0);

    /** The item of an interval from {@code low} to {@code high}: one value, an address prefix, or a range. */
    static Value rangeItem(Field field, BigInteger low, BigInteger high, int length) {
        if (low.equals(high)) {
            return new Value.Single(Intervals.bytes(low, length));
        }
        boolean address = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR;
        BigInteger size = high.subtract(low).add(BigInteger.ONE);
        if (address && size.bitCount() == 1 && low.mod(size).signum() == 0) {
            int hostBits = size.bitLength() - 1;
            return new Value.Prefix(Intervals.bytes(low, length), 8 * length - hostBits);
        }
        return new Value.Range(Intervals.bytes(low, length), Intervals.bytes(high, length));
    }
}
