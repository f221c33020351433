package nftlink.nftables.json;

import nftlink.nftables.NfTables;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Data;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Intervals;
import nftlink.nftables.lang.MapLookupField;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Named sets and maps in libnftables JSON, as {@code nft -j list ruleset} prints them: the
 * declaration's members and the elements of {@code "elem"}.
 */
final class JsonSetRenderer {
    private JsonSetRenderer() {
    }

    /** The body of a {@code "set"} or {@code "map"} object with its elements. */
    static JsonValue.Obj set(NftSet s, List<SetElement> elements) {
        List<Datatype> key = Datatype.parts(s.keyType());
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", s.family().nftName()).put("name", s.name())
                .put("table", s.table());
        if (key == null) {
            b.put("type", JsonValue.of(Integer.toUnsignedString(s.keyType())));
        } else if (key.size() == 1) {
            b.put("type", key.getFirst().nftName());
        } else {
            List<JsonValue> names = new ArrayList<>();
            key.forEach(d -> names.add(JsonValue.of(d.nftName())));
            b.put("type", JsonValue.array(names));
        }
        b.put("handle", JsonValue.of(s.handle()));
        if (s.comment() != null) {
            b.put("comment", s.comment());
        }
        if (s.isMap()) {
            Datatype data = Datatype.ofId(s.dataType());
            List<Datatype> parts = data == null && s.dataType() != SetTypes.VERDICT_DATA && s.dataType() > 63
                    ? Datatype.parts(s.dataType()) : null;
            b.put("map", s.dataType() == SetTypes.VERDICT_DATA ? "verdict" : data != null ? data.nftName()
                    : parts != null ? String.join(" . ", parts.stream().map(Datatype::nftName).toList())
                    : Integer.toUnsignedString(s.dataType()));
        }
        if (s.policy() == NfTables.NFT_SET_POL_MEMORY) {
            b.put("policy", "memory");
        }
        // nft sizes constant sets to their elements and does not list that size
        if (s.size() != 0 && (s.flags() & NfTables.NFT_SET_CONSTANT) == 0) {
            b.put("size", Integer.toUnsignedLong(s.size()));
        }
        List<JsonValue> flags = new ArrayList<>();
        if ((s.flags() & NfTables.NFT_SET_CONSTANT) != 0) {
            flags.add(JsonValue.of("constant"));
        }
        if ((s.flags() & NfTables.NFT_SET_INTERVAL) != 0) {
            flags.add(JsonValue.of("interval"));
        }
        if ((s.flags() & NfTables.NFT_SET_TIMEOUT) != 0) {
            flags.add(JsonValue.of("timeout"));
        }
        if (!flags.isEmpty()) {
            b.put("flags", JsonValue.array(flags));
        }
        if (s.timeout() != 0) {
            b.put("timeout", s.timeout() / 1000);
        }
        if (s.gcInterval() != 0) {
            b.put("gc-interval", Integer.toUnsignedLong(s.gcInterval()) / 1000);
        }
        if (!elements.isEmpty() && key != null) {
            b.put("elem", JsonValue.array(elements(s, key, elements)));
        }
        if (!s.expressions().isEmpty()) {
            List<JsonValue> stmts = new ArrayList<>();
            for (Expression e : s.expressions()) {
                stmts.add(e instanceof Counter ? JsonValue.single("counter", JsonValue.NULL)
                        : JsonValue.single("nftlink-expression", JsonValue.of(e.toDebugString())));
            }
            b.put("stmt", JsonValue.array(stmts));
        }
        return b.build();
    }

    private static List<JsonValue> elements(NftSet s, List<Datatype> key, List<SetElement> elements) {
        List<JsonValue> out = new ArrayList<>();
        if (key.size() == 1 && s.isInterval()) {
            List<SetElement> sorted = new ArrayList<>(elements);
            // an interval that ends where the next starts: the end marker and the start share a key, end first
            sorted.sort(Comparator.<SetElement, BigInteger>comparing(e -> new BigInteger(1, e.key().toArray()))
                    .thenComparing(e -> (e.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) == 0));
            int length = s.keyLength();
            BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
            for (int i = 0; i < sorted.size(); i++) {
                SetElement start = sorted.get(i);
                if ((start.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0) {
                    continue;
                }
                BigInteger low = new BigInteger(1, start.key().toArray());
                BigInteger high = i + 1 < sorted.size()
                        ? new BigInteger(1, sorted.get(i + 1).key().toArray()).subtract(BigInteger.ONE) : max;
                JsonValue item = intervalItem(key.getFirst(), low, high, length);
                out.add(element(s, item, start));
            }
            return out;
        }
        List<SetElement> sorted = new ArrayList<>(elements);
        Datatype order = key.size() == 1 ? key.getFirst() : Datatype.IPV4_ADDR;
        sorted.sort((a, b) -> order.elementOrder().compare(a.key(), b.key()));
        for (SetElement e : sorted) {
            if ((e.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0) {
                continue;
            }
            JsonValue item;
            if (key.size() == 1) {
                item = Scalars.render(key.getFirst(), e.key());
            } else {
                List<Bytes> low = SetTypes.split(s, key, e.key());
                List<Bytes> high = e.keyEnd() != null ? SetTypes.split(s, key, e.keyEnd()) : low;
                List<JsonValue> parts = new ArrayList<>();
                for (int i = 0; i < key.size(); i++) {
                    JsonValue a = Scalars.render(key.get(i), low.get(i));
                    JsonValue b = Scalars.render(key.get(i), high.get(i));
                    parts.add(a.equals(b) ? a : JsonValue.single("range", JsonValue.array(a, b)));
                }
                item = JsonValue.single("concat", JsonValue.array(parts));
            }
            out.add(element(s, item, e));
        }
        return out;
    }

    private static JsonValue intervalItem(Datatype type, BigInteger low, BigInteger high, int length) {
        Bytes lo = Intervals.bytes(low, length);
        if (low.equals(high)) {
            return Scalars.render(type, lo);
        }
        boolean address = type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR;
        BigInteger size = high.subtract(low).add(BigInteger.ONE);
        if (address && size.bitCount() == 1 && low.mod(size).signum() == 0) {
            int hostBits = size.bitLength() - 1;
            return JsonValue.single("prefix", JsonValue.object().put("addr", Scalars.render(type, lo))
                    .put("len", 8L * length - hostBits).build());
        }
        return JsonValue.single("range", JsonValue.array(Scalars.render(type, lo), Scalars.render(type, Intervals.bytes(high, length))));
    }

    /** An element: its key, wrapped in {@code {"elem": {...}}} with timeout, comment, counter, and paired with map data. */
    private static JsonValue element(NftSet s, JsonValue key, SetElement e) {
        JsonValue item = key;
        boolean counter = e.expressions().stream().anyMatch(x -> x instanceof Counter);
        if (e.timeout() != 0 || e.expiration() != 0 || e.comment() != null || counter) {
            JsonValue.ObjectBuilder b = JsonValue.object().put("val", key);
            if (e.timeout() != 0) {
                b.put("timeout", e.timeout() / 1000);
            }
            if (e.expiration() != 0) {
                b.put("expires", e.expiration() / 1000);
            }
            if (e.comment() != null) {
                b.put("comment", e.comment());
            }
            for (Expression x : e.expressions()) {
                if (x instanceof Counter c) {
                    b.put("counter", JsonRenderer.counter(c.packets(), c.bytes()));
                }
            }
            item = JsonValue.single("elem", b.build());
        }
        if (!s.isMap() || e.data() == null) {
            return item;
        }
        JsonValue data = switch (e.data()) {
            case Data.OfVerdict v -> JsonRenderer.verdict(v.verdict());
            case Data.Value v -> {
                Datatype d = Datatype.ofId(s.dataType());
                List<Datatype> parts = d == null && s.dataType() > 63 ? Datatype.parts(s.dataType()) : null;
                if (parts != null && v.bytes().length() == MapLookupField.concatLength(parts)) {
                    yield JsonRenderer.concatData(parts, v.bytes());
                }
                yield d == null ? JsonValue.of(v.bytes().words()) : Scalars.render(d, v.bytes());
            }
            default -> JsonValue.NULL;
        };
        return JsonValue.array(item, data);
    }
}
