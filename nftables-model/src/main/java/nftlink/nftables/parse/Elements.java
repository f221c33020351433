package nftlink.nftables.parse;

import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Data;
import nftlink.nftables.lang.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Parses {@code { ELEMENT [timeout T] [comment "C"] [: DATA], ... }} into kernel set elements. */
final class Elements {

    private record Item(Token at, BigInteger low, BigInteger high, Bytes key, Data data, long timeout, String comment) {
    }

    private final Cursor c;
    private final Values values;
    private boolean keysOnly;
    private boolean merge;

    Elements(Cursor c, Values values) {
        this.c = c;
        this.values = values;
    }

    List<SetElement> block(SetShape shape, String setName) {
        return block(shape, setName, false);
    }

    /** As {@link #block(SetShape, String)}; with {@code keysOnly} map elements need no data (for deletion). */
    List<SetElement> block(SetShape shape, String setName, boolean keysOnly) {
        return block(shape, setName, keysOnly, false);
    }

    /** As {@link #block(SetShape, String, boolean)}; with {@code merge} (auto-merge) overlapping and adjacent intervals join. */
    List<SetElement> block(SetShape shape, String setName, boolean keysOnly, boolean merge) {
        this.keysOnly = keysOnly;
        this.merge = merge;
        c.expect(Token.Kind.LBRACE, "'{'");
        List<Item> items = new ArrayList<>();
        collect(shape, setName, items);
        if (merge && shape.interval() && !shape.isMap()) {
            items = merged(items);
        }
        return shape.interval() && shape.key().size() == 1 ? intervals(items, shape.keyLength()) : plain(items, shape);
    }

    private void collect(SetShape shape, String setName, List<Item> items) {
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                return;
            }
            if (c.accept(Token.Kind.LBRACE)) {
                collect(shape, setName, items);
            } else {
                items.add(item(shape, setName));
            }
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA) && !c.at(Token.Kind.RBRACE)) {
                throw c.unexpected("',' or '}'");
            }
        }
    }

    private Item item(SetShape shape, String setName) {
        Token at = c.peek();
        Value v = values.item(shape.key(), false);
        if (!(v instanceof Value.Single) && !shape.interval()) {
            throw Cursor.error(at, "you must add 'flags interval' to the declaration of " + setName
                    + " to add prefixes or ranges");
        }
        long timeout = 0;
        String comment = null;
        while (true) {
            if (c.accept("timeout")) {
                timeout = Durations.millis(c.expect(Token.Kind.WORD, "a duration such as 30s"));
            } else if (c.accept("comment")) {
                comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
            } else {
                break;
            }
        }
        Data data = null;
        if (shape.isMap() && !(keysOnly && !c.at(":"))) {
            c.expect(":");
            if (shape.verdicts()) {
                data = Data.of(values.verdict());
            } else {
                Bytes first = values.single(shape.data(), c.next());
                if (shape.dataRest().isEmpty()) {
                    data = Data.of(first);
                } else {
                    List<Bytes> parts = new ArrayList<>(List.of(first));
                    for (Values.Part part : shape.dataRest()) {
                        c.expect(".");
                        parts.add(values.single(part, c.next()));
                    }
                    data = Data.of(nftlink.nftables.lang.MapLookupField.concatData(parts));
                }
            }
        }
        BigInteger[] b = switch (v) {
            case Value.Single s -> new BigInteger[]{number(s.bytes()), number(s.bytes())};
            case Value.Prefix p -> new BigInteger[]{number(p.address()), number(p.last())};
            case Value.Range r -> new BigInteger[]{number(r.low()), number(r.high())};
            default -> throw Cursor.error(at, "not a set element");
        };
        Bytes key = v instanceof Value.Single s ? s.bytes() : null;
        return new Item(at, b[0], b[1], key, data, timeout, comment);
    }

    private static List<SetElement> plain(List<Item> items, SetShape shape) {
        List<SetElement> out = new ArrayList<>();
        for (Item i : items) {
            // a range of concatenations: the lows as the key, the highs as its end
            Bytes key = i.key() != null ? i.key() : nftlink.nftables.lang.Intervals.bytes(i.low(), shape.keyLength());
            SetElement e = decorate(SetElement.of(key, i.data()), i);
            if (shape.interval()) {
                e = e.withKeyEnd(i.key() != null ? i.key() : nftlink.nftables.lang.Intervals.bytes(i.high(), shape.keyLength()));
            }
            out.add(e);
        }
        return out;
    }

    private static SetElement decorate(SetElement e, Item i) {
        if (i.timeout() != 0) {
            e = e.withTimeout(i.timeout());
        }
        return i.comment() != null ? e.withComment(i.comment()) : e;
    }

    /** Overlapping and adjacent intervals joined into one (timeouts and comments of the first kept). */
    private static List<Item> merged(List<Item> items) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::low));
        List<Item> out = new ArrayList<>();
        for (Item i : sorted) {
            if (!out.isEmpty() && i.low().compareTo(out.getLast().high().add(BigInteger.ONE)) <= 0) {
                Item last = out.removeLast();
                out.add(new Item(last.at(), last.low(), last.high().max(i.high()), null, last.data(), last.timeout(), last.comment()));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** Start elements and end markers, as the kernel wants intervals; overlaps are refused like nft does. */
    private static List<SetElement> intervals(List<Item> items, int length) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::low));
        List<nftlink.nftables.lang.Intervals.Interval> intervals = new ArrayList<>();
        for (Item i : sorted) {
            SetElement start = decorate(SetElement.of(nftlink.nftables.lang.Intervals.bytes(i.low(), length), i.data()), i);
            intervals.add(new nftlink.nftables.lang.Intervals.Interval(i.low(), i.high(), start));
        }
        try {
            // nft 1.0.6 closes every interval of a named set, also where the next starts right after it
            return nftlink.nftables.lang.Intervals.elements(intervals, length, true);
        } catch (nftlink.nftables.lang.Intervals.OverlapException e) {
            throw Cursor.error(sorted.get(e.index()).at(), "interval overlaps with an existing one");
        }
    }

    private static BigInteger number(Bytes b) {
        return new BigInteger(1, b.toArray());
    }
}
