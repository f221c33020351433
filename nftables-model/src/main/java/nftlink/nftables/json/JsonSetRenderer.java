package nftlink.nftables.json;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ListedElement;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.SetData;
import nftlink.nftables.lang.SetDeclaration;
import nftlink.nftables.lang.SetElementListing;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Named sets and maps in libnftables JSON, as {@code nft -j list ruleset} (nft 1.1.3) prints them:
 * the declaration's members ({@code "type"} or {@code {"typeof": EXPR}}, {@code "map"}, flags,
 * timeouts, {@code "auto-merge"}, {@code "stmt"}) and the elements of {@code "elem"} in nft's order.
 *
 * @param renderer renders the fields of typeof declarations and the stateful statements
 */
record JsonSetRenderer(JsonRenderer renderer) {

    /** The body of a {@code "set"} or {@code "map"} object with its elements. */
    JsonValue.Obj set(NftSet s, List<SetElement> elements) {
        SetDeclaration d = SetDeclaration.of(s);
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", s.family().nftName()).put("name", s.name())
                .put("table", s.table());
        if (d == null) {
            // nft names datatype 0 (a deleted set's notification carries no key type) "invalid"
            b.put("type", JsonValue.of(s.keyType() == 0 ? "invalid" : Integer.toUnsignedString(s.keyType())));
        } else if (d.key().typeof() != null) {
            b.put("type", JsonValue.single("typeof", renderer.field(d.key().typeof())));
        } else {
            b.put("type", datatypes(d.key().types()));
        }
        b.put("handle", JsonValue.of(s.handle()));
        s.comment().ifPresent(c -> b.put("comment", c));
        JsonValue map = d == null ? null : switch (d.data()) {
            case SetData.Verdicts v -> JsonValue.of("verdict");
            case SetData.Values v -> datatypes(v.value().types());
            case SetData.Objects o -> JsonValue.of(objectType(o.type()));
            case null -> null;
        };
        if (map != null) {
            b.put("map", map);
        }
        if ((s.flags() & NfTablesUapi.NFT_SET_CONSTANT) == 0) {
            if (s.policy() == NfTablesUapi.NFT_SET_POL_MEMORY) {
                b.put("policy", "memory");
            }
            if (s.size() != 0) {
                b.put("size", Integer.toUnsignedLong(s.size()));
            }
        }
        List<JsonValue> flags = new ArrayList<>();
        String[] names = {"constant", "interval", "timeout", "dynamic"};
        int[] bits = {NfTablesUapi.NFT_SET_CONSTANT, NfTablesUapi.NFT_SET_INTERVAL, NfTablesUapi.NFT_SET_TIMEOUT, NfTablesUapi.NFT_SET_EVAL};
        for (int i = 0; i < names.length; i++) {
            if ((s.flags() & bits[i]) != 0) {
                flags.add(JsonValue.of(names[i]));
            }
        }
        if (!flags.isEmpty()) {
            b.put("flags", JsonValue.array(flags));
        }
        if (!s.timeout().isZero()) {
            b.put("timeout", s.timeout().toSeconds());
        }
        if (!s.gcInterval().isZero()) {
            b.put("gc-interval", s.gcInterval().toSeconds());
        }
        if (d != null && d.autoMerge()) {
            b.put("auto-merge", JsonValue.of(true));
        }
        List<ListedElement> listed = d == null ? null : SetElementListing.list(d, s, elements);
        if (!elements.isEmpty() && listed != null) {
            List<JsonValue> elem = new ArrayList<>();
            for (ListedElement e : listed) {
                elem.add(element(d, s, e));
            }
            b.put("elem", JsonValue.array(elem));
        }
        if (d != null && !d.statements().isEmpty()) {
            JsonRenderer stateless = renderer.withStateless(true);
            List<JsonValue> stmts = new ArrayList<>();
            d.statements().forEach(st -> stmts.add(stateless.statement(st, s.family())));
            b.put("stmt", JsonValue.array(stmts));
        }
        return b.build();
    }

    private static String objectType(int type) {
        String name = ObjectRenderer.typeName(type);
        return name == null ? Integer.toUnsignedString(type) : name;
    }

    /** A datatype name, or the names of a concatenation's parts. */
    private static JsonValue datatypes(List<Datatype> types) {
        if (types.size() == 1) {
            return JsonValue.of(types.getFirst().nftName());
        }
        List<JsonValue> names = new ArrayList<>();
        types.forEach(t -> names.add(JsonValue.of(t.nftName())));
        return JsonValue.array(names);
    }

    /** An element: its key, in {@code {"elem": {...}}} with timeout, comment and statement, paired with its data. */
    private JsonValue element(SetDeclaration d, NftSet s, ListedElement e) {
        JsonValue item = e.isCatchAll() ? JsonValue.of("*") : values(d.key().types(), e.key());
        if (e.timeout() != 0 || e.expiration() != 0 || e.comment() != null || !e.statements().isEmpty()) {
            JsonValue.ObjectBuilder b = JsonValue.object().put("val", item);
            if (e.timeout() != 0) {
                b.put("timeout", e.timeout() / 1000);
            }
            if (e.expiration() != 0) {
                b.put("expires", e.expiration() / 1000);
            }
            if (e.comment() != null) {
                b.put("comment", e.comment());
            }
            if (!e.statements().isEmpty()) {
                // nft adds the members of the first statement only
                Statement first = e.statements().getFirst();
                if (renderer.statement(first, s.family()) instanceof JsonValue.Obj o) {
                    for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
                        b.put(m.getKey(), m.getValue());
                    }
                }
            }
            item = JsonValue.single("elem", b.build());
        }
        JsonValue data;
        if (e.verdict() != null) {
            data = JsonRenderer.verdict(e.verdict());
        } else if (e.object() != null) {
            data = JsonValue.of(e.object());
        } else if (e.data() != null && d.data() instanceof SetData.Values v) {
            data = values(v.value().types(), e.data());
        } else {
            return item;
        }
        return JsonValue.array(item, data);
    }

    /**
     * An interface by the name the renderer knows for its index (as nft's if_indextoname), else its index as a
     * string, as nft writes the index of an interface that does not exist (in elements as in rules).
     */
    private JsonValue device(Bytes index) {
        if (index.length() != 4) {
            return JsonDatatypeValues.render(Datatype.IFINDEX, index);
        }
        String name = renderer.interfaceNames().apply(index.asU32());
        return JsonValue.of(name != null ? name : Integer.toUnsignedString(index.asU32()));
    }

    /** A value, or a bitmask value's flags as nft lists several: {@code {"|": ["fin", "ack"]}}. */
    private static JsonValue flags(Datatype type, Bytes value) {
        List<Bytes> flags = SetElementListing.flags(type, value);
        if (flags.size() == 1) {
            return JsonDatatypeValues.render(type, value);
        }
        List<JsonValue> names = new ArrayList<>();
        flags.forEach(f -> names.add(JsonDatatypeValues.render(type, f)));
        return JsonValue.single("|", JsonValue.array(names));
    }

    /** An end of a range: protocols as numbers, as nft writes ranges (numeric protocols, no service names). */
    private static JsonValue rangeEnd(Datatype type, Bytes value) {
        return type == Datatype.INET_PROTO && value.length() == 1 ? JsonValue.of(value.get(0) & 0xff)
                : JsonDatatypeValues.render(type, value);
    }

    /** A key's or data's parts: one value, prefix or range each, {@code {"concat": [...]}} for several. */
    private JsonValue values(List<Datatype> types, List<Value> parts) {
        List<JsonValue> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Datatype type = types.get(Math.min(i, types.size() - 1));
            out.add(switch (parts.get(i)) {
                case Value.Single v when type == Datatype.IFINDEX -> device(v.bytes());
                case Value.Single v -> flags(type, v.bytes());
                case Value.Prefix p -> JsonValue.single("prefix", JsonValue.object().put("addr", JsonDatatypeValues.render(type, p.address()))
                        .put("len", p.bits()).build());
                case Value.Range r when type == Datatype.IFINDEX -> JsonValue.single("range", JsonValue.array(device(r.low()),
                        device(r.high())));
                case Value.Range r -> JsonValue.single("range", JsonValue.array(rangeEnd(type, r.low()), rangeEnd(type, r.high())));
                default -> throw new IllegalArgumentException("not an element value: " + parts.get(i));
            });
        }
        return out.size() == 1 ? out.getFirst() : JsonValue.single("concat", JsonValue.array(out));
    }
}
