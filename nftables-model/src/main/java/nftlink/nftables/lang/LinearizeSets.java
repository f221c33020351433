package nftlink.nftables.lang;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Range;
import nftlink.nftables.lang.Linearizer.AnonymousSet;

/** Builds the anonymous sets and maps a rule uses (their flags, elements and userdata), as nft writes them. */
final class LinearizeSets {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    private LinearizeSets() {
    }

    /** The anonymous set of a match on a set literal: its elements (intervals merged, concatenated ranges as key and key end), flags and userdata. */
    static AnonymousSet anonymousSet(RuleSpec spec, BatchIds ids, Field field, Value.SetLiteral literal) {
        int length = field.length();
        List<SetElement> elements = new ArrayList<>();
        int flags = NfTablesUapi.NFT_SET_ANONYMOUS | NfTablesUapi.NFT_SET_CONSTANT;
        if (literal.hasIntervals() && field instanceof ConcatField) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL;
            for (int i = 0; i < literal.items().size(); i++) {
                elements.add(stateful(concatInterval(literal.items().get(i), null), literal.statementsOf(i)));
            }
        } else if (literal.hasIntervals()) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL;
            elements.addAll(intervalElements(literal, length));
        } else {
            for (int i = 0; i < literal.items().size(); i++) {
                elements.add(stateful(SetElement.of(((Value.Single) literal.items().get(i)).bytes()), literal.statementsOf(i)));
            }
        }
        int id = ids.nextSet();
        NftSet set = NftSet.of(spec.family(), spec.table(), "__set%d", field.keyType(), length)
                .withFlags(flags).withSize(elements.size()).withId(id).withUserdata(keyByteOrder(field));
        if (field instanceof ConcatField concat && (flags & NfTablesUapi.NFT_SET_INTERVAL) != 0) {
            // the kernel takes field lengths only for concatenated ranges (flag concat)
            set = set.withFlags(flags | NfTablesUapi.NFT_SET_CONCAT).withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /**
     * An element of a set of concatenations with ranges: the concatenation of the lows as its
     * key and of the highs as its end ({@code NFTA_SET_ELEM_KEY_END}), as the kernel's
     * pipapo sets take them; one value is a range of itself.
     */
    private static SetElement concatInterval(Value v, NftData data) {
        return switch (v) {
            case Value.Single s -> new SetElement(s.bytes(), s.bytes(), data, null, 0, Duration.ZERO, Duration.ZERO, null, List.of());
            case Value.Range r -> new SetElement(r.low(), r.high(), data, null, 0, Duration.ZERO, Duration.ZERO, null, List.of());
            default -> throw new IllegalArgumentException("unsupported: " + v + " in a set of concatenations");
        };
    }

    /** The element with the stateful expressions of {@code statements} ({@code counter}, ...), as nft writes them. */
    private static SetElement stateful(SetElement e, List<Statement> statements) {
        if (statements.isEmpty()) {
            return e;
        }
        return new SetElement(e.key(), e.keyEnd(), e.data(), e.objectRef(), e.flags(), e.timeout(), e.expiration(),
                e.userdata(), statements.stream().map(StatefulStatements::expression).toList());
    }

    /**
     * The anonymous object map of {@code counter name KEY map { K : "OBJ", ... }}: elements name the objects;
     * keys with ranges or prefixes make an interval map, as nft writes it.
     */
    static AnonymousSet anonymousObjectMap(RuleSpec spec, BatchIds ids, Statement.ObjectMap om) {
        Field key = om.key();
        int flags = NfTablesUapi.NFT_SET_ANONYMOUS | NfTablesUapi.NFT_SET_CONSTANT | NfTablesUapi.NFT_SET_OBJECT;
        List<SetElement> elements = new ArrayList<>();
        if (om.hasIntervals() && key instanceof ConcatField) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL | NfTablesUapi.NFT_SET_CONCAT;
            for (Statement.ObjectMap.Entry e : om.entries()) {
                Bytes low = e.key() instanceof Value.Range r ? r.low() : ((Value.Single) e.key()).bytes();
                Bytes high = e.key() instanceof Value.Range r ? r.high() : low;
                elements.add(new SetElement(low, high, null, e.object(), 0, Duration.ZERO, Duration.ZERO, null, List.of()));
            }
        } else if (om.hasIntervals()) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL;
            elements.addAll(intervalObjectElements(om, LinearizeByteOrder.ordersHostBytes(key)));
        } else {
            for (Statement.ObjectMap.Entry e : om.entries()) {
                elements.add(new SetElement(((Value.Single) e.key()).bytes(), null, null, e.object(), 0, Duration.ZERO, Duration.ZERO, null, List.of()));
            }
        }
        NftSet set = NftSet.of(spec.family(), spec.table(), "__objmap%d", key.keyType(), key.length())
                .withFlags(flags).withObjectType(om.type().number()).withSize(elements.size())
                .withId(ids.nextSet()).withUserdata(keyByteOrder(key));
        if (key instanceof ConcatField concat && (flags & NfTablesUapi.NFT_SET_INTERVAL) != 0) {
            set = set.withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /** The elements of an interval object map: each range's start naming its object, and end markers. */
    private static List<SetElement> intervalObjectElements(Statement.ObjectMap om, boolean swap) {
        int length = om.key().length();
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (Statement.ObjectMap.Entry e : om.entries()) {
            Value key = swap ? LinearizeByteOrder.reversedItems(new Value.SetLiteral(List.of(e.key()))).items().getFirst() : e.key();
            BigInteger[] r = bounds(key);
            if (r[0].compareTo(r[1]) > 0) {
                throw new IllegalArgumentException("a range of an object map has its bounds the wrong way round");
            }
            SetElement start = new SetElement(Intervals.bytes(r[0], length), null, null, e.object(), 0, Duration.ZERO, Duration.ZERO, null, List.of());
            intervals.add(new Intervals.Interval(r[0], r[1], start));
        }
        intervals.sort(Comparator.comparing(Intervals.Interval::low));
        try {
            return Intervals.elements(intervals, length, false);
        } catch (Intervals.OverlapException e) {
            throw new IllegalArgumentException("object map ranges overlap");
        }
    }

    /** The catch-all element of a map: no key, the flag, the data. */
    private static SetElement catchAll(NftData data) {
        return new SetElement(Bytes.empty(), null, data, null, NfTablesUapi.NFT_SET_ELEM_CATCHALL, Duration.ZERO,
                Duration.ZERO, null, List.of());
    }

    /** The anonymous data map of {@code KEY map { K : D, ... }}. */
    static AnonymousSet anonymousDataMap(RuleSpec spec, BatchIds ids, MapLookupField map) {
        List<SetElement> elements = new ArrayList<>();
        int flags = NfTablesUapi.NFT_SET_ANONYMOUS | NfTablesUapi.NFT_SET_CONSTANT | NfTablesUapi.NFT_SET_MAP;
        if (map.hasIntervals() && map.key() instanceof ConcatField) {
            // ranges of concatenations: each element its lows as the key and its highs as the key's end
            flags |= NfTablesUapi.NFT_SET_INTERVAL | NfTablesUapi.NFT_SET_CONCAT;
            for (MapLookupField.Entry e : map.entries()) {
                elements.add(e.isCatchAll() ? catchAll(NftData.of(e.data()))
                        : new SetElement(e.key(), e.keyEnd() == null ? e.key() : e.keyEnd(),
                        NftData.of(e.data()), null, 0, Duration.ZERO, Duration.ZERO, null, List.of()));
            }
        } else if (map.hasIntervals()) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL;
            // host-order keys are swapped to big endian before the lookup (MapLookupField.loads)
            boolean swap = LinearizeByteOrder.ordersHostBytes(map.key());
            List<BigInteger[]> bounds = new ArrayList<>();
            List<NftData> data = new ArrayList<>();
            for (MapLookupField.Entry e : map.entries()) {
                if (e.isCatchAll()) {
                    continue;
                }
                boolean shift = BitValue.shiftsForIntervals(map.key());
                Bytes low = swap ? e.key().reversed() : shift ? BitValue.intervalKey(map.key(), e.key()) : e.key();
                Bytes high = e.keyEnd() == null ? low : swap ? e.keyEnd().reversed()
                        : shift ? BitValue.intervalKey(map.key(), e.keyEnd()) : e.keyEnd();
                bounds.add(new BigInteger[]{number(low), number(high)});
                data.add(NftData.of(e.data()));
            }
            elements.addAll(intervalMapElements(bounds, data, map.key().length(), "data map"));
            // the catch-all is no interval: nft adds it after them (snat to ip saddr map { 10.0.0.0/8 : 1.2.3.4, * : ... })
            map.entries().stream().filter(MapLookupField.Entry::isCatchAll)
                    .forEach(e -> elements.add(catchAll(NftData.of(e.data()))));
        } else {
            for (MapLookupField.Entry e : map.entries()) {
                elements.add(e.isCatchAll() ? catchAll(NftData.of(e.data()))
                        : SetElement.of(e.key(), NftData.of(e.data())));
            }
        }
        NftSet set = NftSet.of(spec.family(), spec.table(), "__map%d", map.key().keyType(), map.key().length())
                .withFlags(flags)
                .withData(map.dataTypeId(), map.dataLength()).withSize(elements.size()).withId(ids.nextSet())
                .withUserdata(map.dataRanges() ? withDataInterval(byteOrders(map.key(), map.dataType()))
                        : byteOrders(map.key(), map.dataType()));
        if (map.key() instanceof ConcatField concat && (flags & NfTablesUapi.NFT_SET_INTERVAL) != 0) {
            set = set.withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /** The anonymous verdict map of a {@code vmap { ... }}: elements carry the verdicts, interval ends none. */
    static AnonymousSet anonymousMap(RuleSpec spec, BatchIds ids, Statement.VerdictMap vmap) {
        Field field = vmap.field();
        int length = field.length();
        int flags = NfTablesUapi.NFT_SET_ANONYMOUS | NfTablesUapi.NFT_SET_CONSTANT | NfTablesUapi.NFT_SET_MAP;
        List<SetElement> elements = new ArrayList<>();
        if (vmap.hasIntervals() && vmap.entries().stream().anyMatch(e -> e.key() instanceof Value.CatchAll)) {
            throw new IllegalArgumentException("unsupported: * in a verdict map with ranges");
        }
        if (vmap.hasIntervals() && field instanceof ConcatField) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL;
            for (Statement.VerdictMap.Entry e : vmap.entries()) {
                elements.add(stateful(concatInterval(e.key(), NftData.of(e.verdict())), e.statements()));
            }
        } else if (vmap.hasIntervals()) {
            flags |= NfTablesUapi.NFT_SET_INTERVAL;
            List<BigInteger[]> bounds = new ArrayList<>();
            List<NftData> verdicts = new ArrayList<>();
            List<List<Statement>> statements = new ArrayList<>();
            boolean swap = LinearizeByteOrder.ordersHostBytes(field);
            for (Statement.VerdictMap.Entry e : vmap.entries()) {
                bounds.add(bounds(swap ? LinearizeByteOrder.reversedItems(new Value.SetLiteral(List.of(e.key()))).items().getFirst()
                        : BitValue.shiftsForIntervals(field) ? BitValue.intervalKey(field, e.key()) : e.key()));
                verdicts.add(NftData.of(e.verdict()));
                statements.add(e.statements());
            }
            elements.addAll(intervalMapElements(bounds, verdicts, statements, length, "verdict map"));
        } else {
            for (Statement.VerdictMap.Entry e : vmap.entries()) {
                elements.add(stateful(e.key() instanceof Value.CatchAll ? catchAll(NftData.of(e.verdict()))
                        : SetElement.of(((Value.Single) e.key()).bytes(), NftData.of(e.verdict())),
                        e.statements()));
            }
        }
        NftSet set = NftSet.of(spec.family(), spec.table(), "__map%d", field.keyType(), length)
                .withFlags(flags).withData(VERDICT_DATA, 0).withSize(elements.size()).withId(ids.nextSet())
                .withUserdata(verdictMapUserdata(field));
        if (field instanceof ConcatField concat && (flags & NfTablesUapi.NFT_SET_INTERVAL) != 0) {
            set = set.withFlags(set.flags() | NfTablesUapi.NFT_SET_CONCAT).withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /**
     * The userdata nft gives anonymous sets: the key's byte order
     * ({@code NFTNL_UDATA_SET_KEYBYTEORDER}), without which nft cannot print
     * host-order keys such as interface names.
     */
    private static byte[] keyByteOrder(Field field) {
        if (field instanceof ConcatField concat && concat.fields().stream().anyMatch(f -> f.datatype().length() == 0)
                && SetTypeof.describe(concat) != null) {
            // parts of no fixed size (raw payloads, integers): nft reads their lengths from the key's typeof, as nft writes it
            return new SetUserdata(SetUserdata.byteOrder(field), SetUserdata.ABSENT, false, SetTypeof.describe(concat), null,
                    SetUserdata.ABSENT, null).encode();
        }
        return SetUserdata.keyOnly(SetUserdata.byteOrder(field)).encode();
    }

    /**
     * The userdata of an anonymous verdict map: the key's byte order; for a concatenation with parts of no
     * fixed size, also the key's and the data's typeof, as nft writes them (nft cannot list the elements without).
     */
    private static byte[] verdictMapUserdata(Field field) {
        if (field instanceof ConcatField concat && concat.fields().stream().anyMatch(f -> f.datatype().length() == 0)
                && SetTypeof.describe(concat) != null) {
            return new SetUserdata(SetUserdata.INVALID, SetUserdata.INVALID, false, SetTypeof.describe(concat),
                    SetTypeof.verdictDescription(), 0, null).encode();
        }
        return keyByteOrder(field);
    }

    /** The key's and the data's byte order ({@code NFTNL_UDATA_SET_KEYBYTEORDER}, {@code NFTNL_UDATA_SET_DATABYTEORDER}). */
    private static byte[] byteOrders(Field key, Datatype data) {
        return new SetUserdata(SetUserdata.byteOrder(key), SetUserdata.byteOrder(data), false, null, null, SetUserdata.ABSENT,
                null).encode();
    }

    /** The set userdata that says each data value is a range ({@code NFTNL_UDATA_SET_DATA_INTERVAL}), as nft adds it. */
    private static byte[] withDataInterval(byte[] userdata) {
        SetUserdata u = SetUserdata.decode(userdata);
        return new SetUserdata(u.keyByteOrder(), u.dataByteOrder(), u.autoMerge(), u.keyTypeof(), u.dataTypeof(), 1,
                u.comment()).encode();
    }

    /** The low and high bound of a map key (a value, a prefix or a range) as unsigned numbers. */
    private static BigInteger[] bounds(Value v) {
        return switch (v) {
            case Value.Single s -> new BigInteger[]{number(s.bytes()), number(s.bytes())};
            case Value.Prefix p -> new BigInteger[]{number(p.address()), number(p.last())};
            case Value.Range r -> new BigInteger[]{number(r.low()), number(r.high())};
            default -> throw new IllegalArgumentException("not a map key: " + v);
        };
    }

    /**
     * The elements of an interval map: each range's start with its data, and an end marker after
     * it unless the next range starts right there (or the range runs to the end of the key space),
     * as nft writes them.
     *
     * @throws IllegalArgumentException when ranges overlap
     */
    private static List<SetElement> intervalMapElements(List<BigInteger[]> bounds, List<NftData> data, int length,
                                                String what) {
        return intervalMapElements(bounds, data, List.of(), length, what);
    }

    /**
     * As {@link #intervalMapElements(List, List, int, String)}, each range's start element with the
     * stateful expressions of its statements ({@code statements} empty when none has any).
     */
    private static List<SetElement> intervalMapElements(List<BigInteger[]> bounds, List<NftData> data,
                                                List<List<Statement>> statements, int length, String what) {
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            BigInteger[] r = bounds.get(i);
            if (r[0].compareTo(r[1]) > 0) {
                throw new IllegalArgumentException("a range of a " + what + " has its bounds the wrong way round");
            }
            SetElement start = SetElement.of(Intervals.bytes(r[0], length), data.get(i));
            intervals.add(new Intervals.Interval(r[0], r[1], statements.isEmpty() ? start : stateful(start, statements.get(i))));
        }
        intervals.sort(Comparator.comparing(Intervals.Interval::low));
        try {
            return Intervals.elements(intervals, length, false);
        } catch (Intervals.OverlapException e) {
            throw new IllegalArgumentException(what + " ranges overlap");
        }
    }

    /** Sorted, merged intervals as the kernel wants them: start elements and end-of-range markers. */
    private static List<SetElement> intervalElements(Value.SetLiteral literal, int length) {
        List<BigInteger[]> ranges = new ArrayList<>();
        for (int i = 0; i < literal.items().size(); i++) {
            Value v = literal.items().get(i);
            BigInteger index = BigInteger.valueOf(i);
            switch (v) {
                case Value.Single s -> ranges.add(new BigInteger[]{number(s.bytes()), number(s.bytes()), index});
                case Value.Prefix p -> ranges.add(new BigInteger[]{number(p.address()), number(p.last()), index});
                case Value.Range r -> ranges.add(new BigInteger[]{number(r.low()), number(r.high()), index});
                default -> throw new IllegalArgumentException("not a set item: " + v);
            }
        }
        ranges.sort(Comparator.comparing(r -> r[0]));
        List<BigInteger[]> merged = new ArrayList<>();
        for (BigInteger[] r : ranges) {
            // overlapping and adjacent intervals join, as nft merges an anonymous set (tcp dport { 1-2, 3-4 } is 1-4)
            if (!merged.isEmpty() && r[0].compareTo(merged.getLast()[1].add(BigInteger.ONE)) <= 0) {
                BigInteger[] last = merged.getLast();
                last[1] = last[1].max(r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (BigInteger[] r : merged) {
            // the merged interval carries what its first item carries
            SetElement start = stateful(SetElement.of(Intervals.bytes(r[0], length)), literal.statementsOf(r[2].intValue()));
            intervals.add(new Intervals.Interval(r[0], r[1], start));
        }
        return Intervals.elements(intervals, length, true);
    }

    /** The unsigned number of the bytes, big endian. */
    static BigInteger number(Bytes b) {
        return new BigInteger(1, b.toArray());
    }

    /** {@code NFT_DATA_VERDICT}: the data type of verdict maps. */
    private static final int VERDICT_DATA = 0xffffff00;
}
