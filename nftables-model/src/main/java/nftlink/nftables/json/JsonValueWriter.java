package nftlink.nftables.json;

import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.BitValue;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

/**
 * Writes the right-hand sides of matches (values, prefixes, ranges, sets and their elements) as nft 1.1.3's JSON.
 *
 * @param renderer the renderer whose options (cgroup paths, interface names, stateless) this writer follows
 */
record JsonValueWriter(JsonRenderer renderer) {

    /** The right-hand side of a match on {@code f}. */
    JsonValue value(Field f, Value v) {
        return switch (v) {
            case Value.Single s -> single(f, s.bytes());
            case Value.Prefix p -> JsonValue.single("prefix", JsonValue.object().put("addr", single(f, p.address()))
                    .put("len", p.bits()).build());
            case Value.Range r when f instanceof ConcatField c -> concatRange(c, r);
            case Value.Range r -> {
                String wildcard = f.datatype() == Datatype.IFNAME ? wildcard(r.low(), r.high()) : null;
                yield wildcard != null ? JsonValue.of(wildcard)
                        : JsonValue.single("range", JsonValue.array(rangeEnd(f, r.low()), rangeEnd(f, r.high())));
            }
            case Value.SetReference ref -> JsonValue.of("@" + ref.name());
            case Value.CatchAll c -> JsonValue.of("*");
            case Value.SetLiteral l -> {
                List<JsonValue> items = new ArrayList<>();
                boolean numbers = BitValue.listedAsNumbers(f, l);
                for (int i = 0; i < l.items().size(); i++) {
                    JsonValue item = numbers ? numbers(f, l.items().get(i)) : flagValue(f, l.items().get(i));
                    items.add(element(item, l.statementsOf(i)));
                }
                yield JsonValue.single("set", JsonValue.array(items));
            }
        };
    }

    /** A value or range of a bit field as numbers ({@link BitValue#listedAsNumbers}). */
    private static JsonValue numbers(Field f, Value v) {
        return switch (v) {
            case Value.Range r -> JsonValue.single("range", JsonValue.array(JsonValue.of(f.fromRegister(r.low()).asBigEndian()),
                    JsonValue.of(f.fromRegister(r.high()).asBigEndian())));
            case Value.Single s -> JsonValue.of(f.fromRegister(s.bytes()).asBigEndian());
            default -> throw new IllegalArgumentException("not a value of " + f.text() + ": " + v);
        };
    }

    /**
     * One flag value that is no test for any of its flags (a set element, a map key, after {@code !=}): several
     * flags as {@code {"|": ["established", "related"]}}, as nft writes them.
     */
    JsonValue flagValue(Field f, Value v) {
        JsonValue value = value(f, v);
        return !(f instanceof ConcatField) && f.datatype().isBitmask() && v instanceof Value.Single ? joinedFlags(value) : value;
    }

    /**
     * An anonymous set element: its value, or with stateful statements {@code {"elem": {"val": VALUE,
     * "counter": {...}}}}, the members of the first statement only, as nft 1.1.3 writes them.
     */
    JsonValue element(JsonValue value, List<Statement> statements) {
        if (statements.isEmpty()) {
            return value;
        }
        JsonValue.ObjectBuilder b = JsonValue.object().put("val", value);
        // the statements an element holds (counter, limit, quota, last, ct count) do not depend on the family
        if (renderer.statement(statements.getFirst(), Family.INET) instanceof JsonValue.Obj o) {
            o.members().forEach(b::put);
        }
        return JsonValue.single("elem", b.build());
    }

    /**
     * nft's JSON prints the ends of a protocol range as numbers (protocol names come from
     * the system's protocol database, not from a symbol table); symbol-table types such
     * as arp operations keep their names.
     */
    private JsonValue rangeEnd(Field f, Bytes b) {
        if (!(f instanceof ConcatField) && (f.datatype() == Datatype.INET_PROTO || f.datatype() == Datatype.ARPHRD)) {
            // (and interface types: meta iiftype 1-5 is {"range": [1, 5]})
            return JsonValue.of(Long.parseLong(f.datatype().printNumeric(b)));
        }
        return single(f, b);
    }

    /** {@code "eth*"} for the interval of interface names an anonymous set stores a wildcard as, else {@code null}. */
    static String wildcard(Bytes low, Bytes high) {
        byte[] a = low.toArray();
        byte[] b = high.toArray();
        int n = 0;
        while (n < a.length && a[n] == b[n] && a[n] != 0) {
            n++;
        }
        for (int i = n; i < a.length; i++) {
            if (a[i] != 0 || b[i] != (byte) 0xff) {
                return null;
            }
        }
        return new String(a, 0, n, StandardCharsets.UTF_8) + "*";
    }

    /** A range of concatenations as nft writes it: each part a value, an address prefix or a range. */
    private JsonValue concatRange(ConcatField c, Value.Range r) {
        List<Bytes> lows = c.split(r.low());
        List<Bytes> highs = c.split(r.high());
        List<JsonValue> parts = new ArrayList<>();
        for (int i = 0; i < lows.size(); i++) {
            Field part = c.fields().get(i);
            Bytes low = lows.get(i);
            Bytes high = highs.get(i);
            if (low.equals(high)) {
                parts.add(ConcatField.holdsValue(part) ? JsonDatatypeValues.render(part.datatype(), ConcatField.valueOf(part, low))
                        : single(part, low));
                continue;
            }
            boolean address = part.datatype() == Datatype.IPV4_ADDR || part.datatype() == Datatype.IPV6_ADDR;
            int prefix = address ? RuleRenderer.prefixLength(low, high) : -1;
            parts.add(prefix >= 0 ? value(part, new Value.Prefix(low, prefix)) : value(part, new Value.Range(low, high)));
        }
        return JsonValue.single("concat", JsonValue.array(parts));
    }

    /** One value of {@code f} as nft writes it: concatenation parts, priorities, cgroup paths, interface names, times, flags, wide numbers. */
    JsonValue single(Field f, Bytes b) {
        if (f instanceof ConcatField c) {
            List<JsonValue> parts = new ArrayList<>();
            List<Bytes> split = c.split(b);
            for (int i = 0; i < split.size(); i++) {
                Field part = c.fields().get(i);
                parts.add(ConcatField.holdsValue(part) ? JsonDatatypeValues.render(part.datatype(), ConcatField.valueOf(part, split.get(i)))
                        : single(part, split.get(i)));
            }
            return JsonValue.single("concat", JsonValue.array(parts));
        }
        if (f instanceof MetaField m && m.key() == Meta.Key.PRIORITY) {
            return JsonDatatypeValues.tcHandle(b);
        }
        if (f instanceof SocketCgroupField) {
            long id = 0;
            for (int i = 7; i >= 0; i--) {
                id = id << 8 | b.get(i);
            }
            String path = renderer.cgroupPaths().apply(id);
            return JsonValue.of(path != null ? path : Long.toUnsignedString(id));
        }
        if (f instanceof ExthdrField x && x.presence()) {
            return JsonValue.of(b.get(0) != 0);
        }
        if (f.datatype() == Datatype.IFINDEX) {
            // nft names the interface, or gives the index of one that is gone as a string
            String name = renderer.interfaceNames().apply(b.asU32());
            return JsonValue.of(name != null ? name : Integer.toUnsignedString(b.asU32()));
        }
        if (f.datatype() == Datatype.TIME) {
            return JsonValue.of(Integer.toUnsignedLong(b.asU32()) / 1000);
        }
        if (f instanceof RawPayloadField && b.length() > 8) {
            // nft's JSON gives numbers wider than 64 bits as hex strings
            return JsonValue.of("0x" + new BigInteger(1, b.toArray()).toString(16));
        }
        if (f.datatype().isBitmask() && f.datatype() != Datatype.CT_STATE && new BigInteger(1, b.toArray()).signum() == 0) {
            return JsonValue.of(0);
        }
        return JsonDatatypeValues.render(f.datatype(), f.fromRegister(b));
    }

    /** Several flags as one value, {@code {"|": ["syn", "ack"]}}; anything else as it is. */
    static JsonValue joinedFlags(JsonValue v) {
        if (v instanceof JsonValue.Arr a && a.items().size() > 1 && a.items().stream().allMatch(JsonValue.Str.class::isInstance)) {
            return JsonValue.single("|", a);
        }
        return v;
    }
}
