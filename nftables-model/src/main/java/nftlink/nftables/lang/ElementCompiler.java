package nftlink.nftables.lang;

import nftlink.netlink.NftlinkException;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the elements written for a set or map ({@link SetElementSpec}, from nft text or JSON) into
 * the kernel's elements: plain keys for hash sets; for interval sets the start of each interval
 * and the end markers nft writes, overlaps refused and, with {@code auto-merge}, overlapping and
 * adjacent intervals joined; for ranges of concatenations each element's key and key end; the
 * catch-all element of {@code *}.
 *
 * @param key        the key's parts: their datatypes and lengths
 * @param interval   whether the set holds intervals
 * @param merge      whether overlapping and adjacent intervals are joined ({@code auto-merge})
 * @param statements the stateful statements the set declares, which its elements' must match
 * @param dynamic    whether the set is updated from the packet path ({@code flags dynamic}), whose
 *                   elements may carry statements the set does not declare
 * @param map        whether it is a map (for messages)
 */
public record ElementCompiler(SetKey key, boolean interval, boolean merge, List<Statement> statements, boolean dynamic,
                              boolean map) {

    /** Copies {@code statements}, which must not be null. */
    public ElementCompiler {
        statements = List.copyOf(statements);
    }

    /**
     * The compiler for the elements of a declared set, with or without merging its intervals.
     *
     * @param d the set's declaration
     * @param merge whether to merge adjacent and overlapping intervals ({@code auto-merge})
     * @return the compiler
     */
    public static ElementCompiler of(SetDeclaration d, boolean merge) {
        return new ElementCompiler(d.key(), d.isInterval(), merge, d.statements(), (d.flags() & NfTablesUapi.NFT_SET_EVAL) != 0,
                d.isMap());
    }

    /**
     * The compiler for elements of a set the kernel (or someone else) declared.
     *
     * @param set the set as the kernel lists it
     * @return the compiler
     */
    public static ElementCompiler of(NftSet set) {
        SetDeclaration d = SetDeclaration.of(set);
        if (d == null) {
            throw new IllegalArgumentException("set " + set.name() + " has a key or data type nftlink does not know");
        }
        return of(d, false);
    }

    /** An element that cannot be added: {@link #index()} is its position in the list given. */
    public static final class ElementException extends NftlinkException {
        /** The position of the offending element. */
        private final int index;

        ElementException(int index, String message) {
            super(message);
            this.index = index;
        }

        /**
         * The position of the offending element in the list given to {@link #compile}.
         *
         * @return the index, from 0
         */
        public int index() {
            return index;
        }
    }

    /** One written element with its bounds as big-endian numbers and its position in the list. */
    private record Item(int index, SetElementSpec spec, BigInteger low, BigInteger high) {
    }

    /**
     * The kernel's elements, in the order the kernel takes them.
     *
     * @param specs the elements as written
     * @return the elements
     * @throws ElementException when an element cannot be added (overlapping intervals)
     */
    public List<SetElement> compile(List<SetElementSpec> specs) {
        List<Item> items = new ArrayList<>();
        List<Item> catchAll = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            SetElementSpec s = specs.get(i);
            checkStatements(i, s.statements());
            BigInteger[] b = bounds(interval ? inIntervalOrder(s.key()) : s.key());
            (b == null ? catchAll : items).add(new Item(i, s, b == null ? null : b[0], b == null ? null : b[1]));
        }
        if (merge && interval && !key.concatenated()) {
            items = merged(items);
        }
        List<SetElement> out = new ArrayList<>(interval && !key.concatenated() ? intervals(items) : plain(items));
        out.addAll(plain(catchAll));
        return out;
    }

    /**
     * The kernel's elements to delete for the elements written: their keys (no data), each
     * interval's start and end, but not the end marker below the first interval, which nft leaves in
     * the set (it belongs to no interval).
     *
     * @param specs the elements as written
     * @return the elements to delete
     * @throws ElementException when an element cannot be deleted (overlapping intervals)
     */
    public List<SetElement> deletion(List<SetElementSpec> specs) {
        List<SetElementSpec> keys = specs.stream().map(s -> SetElementSpec.of(s.key(), null)).toList();
        List<SetElement> out = new ArrayList<>(compile(keys));
        if (interval && !key.concatenated() && !out.isEmpty()
                && (out.getFirst().flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0) {
            out.removeFirst();
        }
        return out;
    }

    /**
     * Whether an element with these stateful statements can be added: the set's, or any when it is
     * dynamic.
     *
     * @param element the element's stateful statements
     * @return whether the element can be added
     */
    public boolean takesStatements(List<Statement> element) {
        try {
            checkStatements(0, element);
            return true;
        } catch (ElementException e) {
            return false;
        }
    }

    /** An element's statements against the set's, as nft checks them. */
    private void checkStatements(int index, List<Statement> element) {
        if (element.isEmpty()) {
            return;
        }
        String kind = map ? "map" : "set";
        if (statements.isEmpty()) {
            if (!dynamic) {
                throw new ElementException(index, "missing statement in " + kind + " declaration");
            }
            return;
        }
        if (element.size() != statements.size()) {
            throw new ElementException(index, "number of statements mismatch, set expects " + statements.size()
                    + " but element has " + element.size());
        }
        for (int i = 0; i < element.size(); i++) {
            if (element.get(i).getClass() != statements.get(i).getClass()) {
                throw new ElementException(index, "statement mismatch, element expects " + statementName(element.get(i))
                        + ", but " + kind + " has type " + statementName(statements.get(i)));
            }
        }
    }

    private static String statementName(Statement s) {
        return switch (s) {
            case Statement.CounterStatement c -> "counter";
            case Statement.LimitStatement l -> "limit";
            case Statement.QuotaStatement q -> "quota";
            case Statement.ConnlimitStatement c -> "connlimit";
            case Statement.LastStatement l -> "last";
            default -> s.getClass().getSimpleName();
        };
    }

    /**
     * The key as interval sets hold it: host-order integers (marks, uids, ...) as big-endian numbers,
     * as nft writes them, so that the kernel orders them by value; strings and network-order values as
     * they are.
     */
    private Value inIntervalOrder(Value v) {
        return switch (v) {
            case Value.Single s -> new Value.Single(swapped(s.bytes()));
            case Value.Range r -> new Value.Range(swapped(r.low()), swapped(r.high()));
            default -> v;
        };
    }

    private Bytes swapped(Bytes bytes) {
        if (!key.concatenated()) {
            return SetElementListing.storedBigEndian(key.types().getFirst()) ? bytes.reversed() : bytes;
        }
        byte[] raw = bytes.toArray();
        int at = 0;
        for (int i = 0; i < key.types().size(); i++) {
            int length = key.lengths().get(i);
            if (SetElementListing.storedBigEndian(key.types().get(i)) && at + length <= raw.length) {
                SetElementListing.reversePart(raw, at, length);
            }
            at += (length + 3) & ~3;
        }
        return Bytes.of(raw);
    }

    private static BigInteger[] bounds(Value v) {
        return switch (v) {
            case Value.Single s -> new BigInteger[]{number(s.bytes()), number(s.bytes())};
            case Value.Prefix p -> new BigInteger[]{number(p.address()), number(p.last())};
            case Value.Range r -> new BigInteger[]{number(r.low()), number(r.high())};
            default -> null;
        };
    }

    private List<SetElement> plain(List<Item> items) {
        List<SetElement> out = new ArrayList<>();
        for (Item i : items) {
            if (i.spec().key() instanceof Value.CatchAll) {
                out.add(decorate(new SetElement(Bytes.empty(), null, i.spec().data(), i.spec().objectRef(),
                        NfTablesUapi.NFT_SET_ELEM_CATCHALL, Duration.ZERO, Duration.ZERO, null, List.of()), i.spec()));
                continue;
            }
            // interval sets hold what the bounds hold (host-order integers as big-endian numbers)
            Bytes low = interval || !(i.spec().key() instanceof Value.Single s) ? Intervals.bytes(i.low(), key.length()) : s.bytes();
            SetElement e = decorate(new SetElement(low, null, i.spec().data(), i.spec().objectRef(), 0, Duration.ZERO,
                    Duration.ZERO, null, List.of()), i.spec());
            if (interval) {
                // a range of concatenations: the lows as the key, the highs as its end
                e = e.withKeyEnd(Intervals.bytes(i.high(), key.length()));
            }
            out.add(e);
        }
        return out;
    }

    /** The element with what its spec carries: timeout, comment, stateful expressions. */
    static SetElement decorate(SetElement e, SetElementSpec spec) {
        if (spec.timeout() != 0) {
            e = e.withTimeout(Duration.ofMillis(spec.timeout()));
        }
        if (spec.expiration() != 0) {
            e = e.withExpiration(Duration.ofMillis(spec.expiration()));
        }
        if (spec.comment() != null) {
            e = e.withComment(spec.comment());
        }
        if (!spec.statements().isEmpty()) {
            List<Expression> expressions = new ArrayList<>();
            spec.statements().forEach(s -> expressions.add(StatefulStatements.expression(s)));
            e = new SetElement(e.key(), e.keyEnd(), e.data(), e.objectRef(), e.flags(), e.timeout(), e.expiration(),
                    e.userdata(), expressions);
        }
        return e;
    }

    /** Overlapping and adjacent intervals joined into one (what the first carries kept). */
    private static List<Item> merged(List<Item> items) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::low));
        List<Item> out = new ArrayList<>();
        for (Item i : sorted) {
            if (!out.isEmpty() && i.low().compareTo(out.getLast().high().add(BigInteger.ONE)) <= 0) {
                Item last = out.removeLast();
                out.add(new Item(last.index(), last.spec(), last.low(), last.high().max(i.high())));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** Start elements and end markers, as the kernel wants intervals; overlaps are refused like nft does. */
    private List<SetElement> intervals(List<Item> items) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::low));
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (Item i : sorted) {
            SetElement start = decorate(new SetElement(Intervals.bytes(i.low(), key.length()), null, i.spec().data(),
                    i.spec().objectRef(), 0, Duration.ZERO, Duration.ZERO, null, List.of()), i.spec());
            intervals.add(new Intervals.Interval(i.low(), i.high(), start));
        }
        try {
            // nft 1.0.6 closes every interval of a named set, also where the next starts right after it
            return Intervals.elements(intervals, key.length(), true);
        } catch (Intervals.OverlapException e) {
            throw new ElementException(sorted.get(e.index()).index(), "interval overlaps with an existing one");
        }
    }

    private static BigInteger number(Bytes b) {
        return new BigInteger(1, b.toArray());
    }
}
