package nftlink.nftables.lang;

import java.util.Arrays;
import nftlink.nftables.expr.Dup;
import nftlink.nftables.expr.Fwd;
import nftlink.nftables.expr.Objref;
import nftlink.nftables.expr.Queue;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Nat;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Redir;
import nftlink.nftables.lang.Delinearizer.SetContents;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static nftlink.nftables.lang.DelinearizeFields.*;
import static nftlink.nftables.lang.DelinearizeMatches.*;
import static nftlink.nftables.lang.DelinearizeStatements.*;

/**
 * Verdict, data and object maps read back from lookups into anonymous and named maps, their
 * elements sorted and their intervals joined as {@code nft list} shows them.
 */
final class DelinearizeMaps {

    private DelinearizeMaps() {
    }

    /** The data map a lookup into the register reads, sized for the meta or ct key set after it; or {@code null}. */
    static MapLookupField dataMap(Field key, Lookup l, Expression after, SetContents sets, boolean swapped) {
        Field targetField = switch (after) {
            case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
            case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
            default -> null;
        };
        // what the data is: a meta or ct key, nat addresses, redirect ports or queue numbers
        MapData target = targetField != null ? new MapData(targetField.datatype(), targetField.length()) : switch (after) {
            case Nat n when n.addrMin() != null && n.addrMin() == REG -> MapData.natAddresses(n);
            case Redir r when r.protoMin() != null && r.protoMin() == REG -> new MapData(Datatype.INET_SERVICE, 2);
            case Queue.FromRegister q when q.sreg() == REG -> new MapData(Datatype.HOST_INTEGER, 2);
            case Dup d when d.sregDev() != null && d.sregDev() == REG -> new MapData(Datatype.IFINDEX, 4);
            case Fwd f when f.sregDev() != null && f.sregDev() == REG -> new MapData(Datatype.IFINDEX, 4);
            // dup to an address from a map (and a device in the next register): as long as the data
            case Dup d when d.sregAddr() != null && d.sregAddr() == REG -> addressData(l, sets);
            case Immediate imm when imm.dreg() == REG + 1 -> addressData(l, sets);
            // a header field written from the map: its values
            case Payload.Write w when w.sreg() == REG -> {
                Field written = writtenField(w, null, null, null);
                yield written == null ? null : new MapData(written.datatype(), written.length());
            }
            default -> null;
        };
        if (target == null) {
            return null;
        }
        if (!l.set().startsWith("__map")) {
            return target.lookup(key, List.of(), l.set());
        }
        List<SetElement> elements = sets == null ? null : fitted(sets.apply(l.set()), key.length());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        if (elements.stream().anyMatch(x -> (x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0)) {
            return intervalDataMap(key, elements, target, swapped);
        }
        if (elements.stream().anyMatch(x -> x.keyEnd() != null)) {
            return concatRangeDataMap(key, elements, target);
        }
        if (swapped) {
            return null;
        }
        List<MapLookupField.Entry> entries = new ArrayList<>();
        MapLookupField.Entry catchAll = null;
        List<SetElement> sorted = new ArrayList<>(elements.stream().filter(x -> !isCatchAll(x)).toList());
        sorted.sort((a, b) -> listingOrder(key).compare(a.key(), b.key()));
        sorted.addAll(elements.stream().filter(DelinearizeMaps::isCatchAll).toList());
        for (SetElement x : sorted) {
            if (isCatchAll(x) && x.data() instanceof NftData.Value v) {
                Bytes data = fit(v.bytes(), target.length());
                if (data == null) {
                    return null;
                }
                catchAll = MapLookupField.Entry.catchAll(data);
                continue;
            }
            if ((x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0 || !(x.data() instanceof NftData.Value v)
                    || x.key().length() != key.length()) {
                return null;
            }
            Bytes data = fit(v.bytes(), target.length());
            if (data == null) {
                return null;
            }
            entries.add(new MapLookupField.Entry(x.key(), data));
        }
        if (catchAll != null) {
            // nft lists the catch-all last
            entries.add(catchAll);
        }
        return target.lookup(key, entries, null);
    }

    /**
     * An anonymous interval map: each start element's range runs to the next element's key (an end
     * marker or the next start); keys of host-order fields were swapped to big endian.
     */
    static MapLookupField intervalDataMap(Field key, List<SetElement> elements, MapData target, boolean swapped) {
        if (key instanceof ConcatField || swapped != Linearizer.ordersHostBytes(key)) {
            return null;
        }
        int length = key.length();
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (Span span : spans(elements.stream().filter(x -> !isCatchAll(x)).toList(), length)) {
            SetElement x = span.start();
            Bytes data = x.data() instanceof NftData.Value v ? fit(v.bytes(), target.length()) : null;
            if (isCatchAll(x) || data == null || x.key().length() != length) {
                return null;
            }
            Bytes low = Intervals.bytes(span.low(), length);
            Bytes high = Intervals.bytes(span.high(), length);
            entries.add(swapped ? MapLookupField.Entry.range(low.reversed(), high.reversed(), data)
                    : MapLookupField.Entry.range(low, high, data));
        }
        MapLookupField.Entry catchAll = catchAllEntry(elements, target);
        if (catchAll != null) {
            entries.add(catchAll);
        }
        return entries.isEmpty() ? null : target.lookup(key, entries, null);
    }

    /** The catch-all entry among a data map's elements (nft lists it last), or {@code null}. */
    static MapLookupField.Entry catchAllEntry(List<SetElement> elements, MapData target) {
        for (SetElement x : elements) {
            if (isCatchAll(x) && x.data() instanceof NftData.Value v) {
                Bytes data = fit(v.bytes(), target.length());
                return data == null ? null : MapLookupField.Entry.catchAll(data);
            }
        }
        return null;
    }

    /** A constant read from immediates, with how many expressions it took. */
    record Constant(ConstantField field, int consumed) {
    }

    /**
     * The data of {@code set}'s type loaded by immediates from {@code at}, each part into the register
     * after the previous one's; {@code null} when the type is unknown or the immediates do not fit it.
     */
    static Constant constantData(List<Expression> e, int at, int register, SetContents sets, String set) {
        int type = sets == null || set == null ? 0 : sets.dataType(set);
        List<Datatype> parts = type == 0 ? null : Datatype.parts(type);
        if (parts == null) {
            return null;
        }
        List<Bytes> values = new ArrayList<>();
        int slot = 0;
        int k = at;
        for (Datatype d : parts) {
            if (k >= e.size() || !(e.get(k) instanceof Immediate imm) || !(imm.data() instanceof NftData.Value v)
                    || imm.dreg() != ConcatField.registerAfter(register, slot) || v.bytes().length() < d.length()) {
                return null;
            }
            values.add(Bytes.of(Arrays.copyOf(v.bytes().toArray(), d.length())));
            slot += (d.length() + 3) / 4;
            k++;
        }
        try {
            return new Constant(new ConstantField(parts, values), k - at);
        } catch (IllegalArgumentException notThisType) {
            return null;
        }
    }

    /** An anonymous map with ranges of concatenations as keys (key and key end per element), in the kernel's order. */
    static MapLookupField concatRangeDataMap(Field key, List<SetElement> elements, MapData target) {
        if (!(key instanceof ConcatField)) {
            return null;
        }
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (SetElement x : elements) {
            if (isCatchAll(x)) {
                continue;
            }
            if (!(x.data() instanceof NftData.Value v) || v.bytes().length() != target.length()) {
                return null;
            }
            entries.add(MapLookupField.Entry.range(x.key(), x.keyEnd() == null ? x.key() : x.keyEnd(), v.bytes()));
        }
        MapLookupField.Entry catchAll = catchAllEntry(elements, target);
        if (catchAll != null) {
            entries.add(catchAll);
        }
        return target.lookup(key, entries, null);
    }

    /** A statement read from {@code at}, and where reading stopped. */
    record Keyed(Statement statement, int next) {
    }

    /**
     * A verdict or object map looked up by a value computed from {@code field} (loaded before {@code at}): shifted
     * and masked as in {@code meta mark >> 8 & 0xf vmap @m}, or masked ({@code tcp flags & (ack | urg) vmap { ... }});
     * {@code null} when no such lookup follows.
     */
    static Keyed computedKeyLookup(Field field, List<Expression> e, int at, SetContents sets) {
        BinopField.Read computed = BinopField.read(field, e, at);
        Field key = computed == null ? null : computed.field();
        int next = computed == null ? at + 1 : computed.next();
        if (key == null && at < e.size() && e.get(at) instanceof Bitwise.MaskXor mx && mx.sreg() == REG && mx.dreg() == REG
                && isZero(mx.xor()) && mx.mask().length() == field.length() && !(field instanceof ConcatField)
                && !(field instanceof MaskedField)) {
            // tcp flags & (ack | urg) vmap { ack : jump a, urg : jump u }
            key = new MaskedField(field, mx.mask(), mx.xor());
        }
        if (key == null || next >= e.size()) {
            return null;
        }
        Field k = key;
        Statement s = switch (e.get(next)) {
            case Lookup l when l.sreg() == REG && l.dreg() == NfTablesUapi.NFT_REG_VERDICT -> verdictMap(k, l, sets);
            case Objref.Mapped om when om.sreg() == REG && !(k instanceof MaskedField) -> objectMap(k, om, sets);
            default -> null;
        };
        return s == null ? null : new Keyed(s, next + 1);
    }

    /** The object map {@code om} looks {@code key} up in, when its object type is known; else {@code null}. */
    static Statement objectMap(Field key, Objref.Mapped om, SetContents sets) {
        ObjectType type = sets == null ? null : ObjectType.of(sets.objectType(om.set())).orElse(null);
        if (type == null) {
            return null;
        }
        if (!om.set().startsWith("__objmap")) {
            return new Statement.ObjectMap(type, key, List.of(), om.set());
        }
        List<SetElement> elements = fitted(sets.apply(om.set()), key.length());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        if (elements.stream().anyMatch(x -> x.keyEnd() != null || (x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0)) {
            return intervalObjectMap(type, key, elements);
        }
        // a hash set dumps in hash order; nft lists the elements sorted
        List<SetElement> sorted = new ArrayList<>(elements);
        sorted.sort((a, b) -> listingOrder(key).compare(a.key(), b.key()));
        for (SetElement x : sorted) {
            if (x.objectRef() == null) {
                return null;
            }
            entries.add(new Statement.ObjectMap.Entry(x.key(), x.objectRef()));
        }
        return new Statement.ObjectMap(type, key, entries, null);
    }

    /**
     * An anonymous object map with ranges as keys: of a concatenation, each element its key and key end
     * in the kernel's order; else each start element's range runs to the next element.
     */
    static Statement intervalObjectMap(ObjectType type, Field key, List<SetElement> elements) {
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        if (key instanceof ConcatField) {
            for (SetElement x : elements) {
                if (x.objectRef() == null) {
                    return null;
                }
                entries.add(new Statement.ObjectMap.Entry(concatItem(key, x), x.objectRef()));
            }
        } else if (!Linearizer.ordersHostBytes(key)) {
            for (Span span : spans(elements, key.length())) {
                if (span.start().objectRef() == null) {
                    return null;
                }
                entries.add(new Statement.ObjectMap.Entry(rangeItem(key, span.low(), span.high(), key.length()),
                        span.start().objectRef()));
            }
        }
        return entries.isEmpty() ? null : new Statement.ObjectMap(type, key, entries, null);
    }

    /** What a data map's data are: a meta or ct key, nat addresses, ports, queue numbers, interfaces. */
    record MapData(Datatype datatype, int length, List<Datatype> parts, boolean ranges) {
        MapData(Datatype datatype, int length) {
            this(datatype, length, List.of(), false);
        }

        /**
         * Addresses, with a port each when the nat takes one from the register after the address, and
         * ranges of them when it takes the highs from the registers after the lows; {@code null} when
         * the registers follow no such layout.
         */
        static MapData natAddresses(Nat n) {
            Datatype address = n.family() == NfTablesUapi.NFPROTO_IPV6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
            int addressSlots = address.length() / 4;
            boolean port = n.protoMin() != null;
            if (port && n.protoMin() != ConcatField.registerAt(REG, addressSlots)) {
                return null;
            }
            // the kernel reports a lone register as its own upper end
            boolean ranges = n.addrMax() != null && !n.addrMax().equals(n.addrMin());
            int slots = addressSlots + (port ? 1 : 0);
            if (ranges && (n.addrMax() != ConcatField.registerAt(REG, slots)
                    || port && (n.protoMax() == null || n.protoMax() != ConcatField.registerAt(REG, slots + addressSlots)))) {
                return null;
            }
            if (!ranges && port && n.protoMax() != null && !n.protoMax().equals(n.protoMin())) {
                return null;
            }
            List<Datatype> parts = port ? List.of(address, Datatype.INET_SERVICE) : List.of(address);
            int length = (ranges ? 2 : 1) * MapLookupField.concatLength(parts);
            return new MapData(address, port || ranges ? length : address.length(), port ? parts : List.of(), ranges);
        }

        MapLookupField lookup(Field key, List<MapLookupField.Entry> entries, String named) {
            if (ranges) {
                return MapLookupField.ranges(key, parts.isEmpty() ? List.of(datatype) : parts, entries, named);
            }
            return parts.isEmpty() ? new MapLookupField(key, datatype, length, entries, named)
                    : MapLookupField.concatenated(key, parts, entries, named);
        }
    }

    /** IPv4 or IPv6 addresses, as long as the data of {@code l}'s map are. */
    static MapData addressData(Lookup l, SetContents sets) {
        List<SetElement> elements = sets == null ? null : sets.apply(l.set());
        boolean v6 = elements != null && !elements.isEmpty() && elements.getFirst().data() instanceof NftData.Value v
                && v.bytes().length() == 16;
        return v6 ? new MapData(Datatype.IPV6_ADDR, 16) : new MapData(Datatype.IPV4_ADDR, 4);
    }

    /** A verdict map read from big-endian keys, its keys back in host order; {@code null} when one is no value or range. */
    static Statement.VerdictMap hostOrderKeys(Statement.VerdictMap v) {
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        for (Statement.VerdictMap.Entry x : v.entries()) {
            Value key = switch (x.key()) {
                case Value.Single single -> new Value.Single(single.bytes().reversed());
                case Value.Range r -> new Value.Range(r.low().reversed(), r.high().reversed());
                default -> null;
            };
            if (key == null) {
                return null;
            }
            entries.add(new Statement.VerdictMap.Entry(key, x.verdict(), x.statements()));
        }
        return new Statement.VerdictMap(v.field(), entries, v.named());
    }

    /** The verdict map a lookup into the verdict register reads, or {@code null}. */
    /** {@code m} read with a bit field's values as keys, with its keys in register form (bits in place); or {@code null}. */
    static MapLookupField inPlace(MapLookupField m) {
        List<MapLookupField.Entry> entries = new ArrayList<>();
        try {
            for (MapLookupField.Entry x : m.entries()) {
                entries.add(x.key().length() == 0 ? x : new MapLookupField.Entry(BitValue.fromIntervalKey(m.key(), x.key()),
                        x.data(), x.keyEnd() == null ? null : BitValue.fromIntervalKey(m.key(), x.keyEnd())));
            }
        } catch (IllegalArgumentException notOfThisField) {
            return null;
        }
        return new MapLookupField(m.key(), m.dataType(), m.dataLength(), entries, null, m.dataParts(), m.dataRanges());
    }

    /** {@code v} read with a bit field's values as keys, with its keys in register form (bits in place); or {@code null}. */
    static Statement.VerdictMap inPlace(Statement.VerdictMap v) {
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        for (Statement.VerdictMap.Entry x : v.entries()) {
            Value key = BitValue.fromIntervalKey(v.field(), x.key());
            if (key == null) {
                return null;
            }
            entries.add(new Statement.VerdictMap.Entry(key, x.verdict(), x.statements()));
        }
        return new Statement.VerdictMap(v.field(), entries, null);
    }

    static Statement verdictMap(Field field, Lookup l, SetContents sets) {
        if (!l.set().startsWith("__map")) {
            return new Statement.VerdictMap(field, List.of(), l.set());
        }
        List<SetElement> elements = sets == null ? null : fitted(sets.apply(l.set()), field.length());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        if (field instanceof ConcatField && elements.stream().anyMatch(x -> x.keyEnd() != null)) {
            List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
            for (SetElement x : elements) {
                if (!(x.data() instanceof NftData.OfVerdict v)) {
                    return null;
                }
                entries.add(new Statement.VerdictMap.Entry(concatItem(field, x), v.verdict(), stateful(x)));
            }
            return new Statement.VerdictMap(field, entries, null);
        }
        List<SetElement> sorted = new ArrayList<>(elements.stream().filter(x -> !isCatchAll(x)).toList());
        sorted.sort((a, b) -> listingOrder(field).compare(a.key(), b.key()));
        boolean interval = elements.stream().anyMatch(x -> (x.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0);
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        int length = field.length();
        List<Span> spans = interval ? spans(sorted, length)
                : sorted.stream().map(x -> new Span(x, BigInteger.ZERO, BigInteger.ZERO)).toList();
        for (Span span : spans) {
            SetElement x = span.start();
            if (!(x.data() instanceof NftData.OfVerdict v) || x.key().length() != length) {
                return null;
            }
            Value key = interval ? rangeItem(field, span.low(), span.high(), length) : new Value.Single(x.key());
            entries.add(new Statement.VerdictMap.Entry(key, v.verdict(), stateful(x)));
        }
        for (SetElement x : elements) {
            // nft lists the catch-all last
            if (isCatchAll(x)) {
                if (interval || !(x.data() instanceof NftData.OfVerdict v)) {
                    return null;
                }
                entries.add(new Statement.VerdictMap.Entry(new Value.CatchAll(), v.verdict(), stateful(x)));
            }
        }
        return new Statement.VerdictMap(field, entries, null);
    }

    /** Whether {@code x} is a map's catch-all element. */
    static boolean isCatchAll(SetElement x) {
        return (x.flags() & NfTablesUapi.NFT_SET_ELEM_CATCHALL) != 0;
    }
}
