package nftlink.nftables.json;

import nftlink.nftables.expr.Fib;
import nftlink.nftables.expr.Hash;
import nftlink.nftables.expr.Numgen;
import nftlink.nftables.expr.Osf;
import nftlink.nftables.expr.Rt;
import nftlink.nftables.expr.Socket;
import nftlink.nftables.expr.Xfrm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.CombinedField;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.ConstantField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ExpressionField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.HashField;
import nftlink.nftables.lang.InnerField;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.lang.SetKeyTypedField;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Value;

/**
 * Writes the left-hand sides of matches and the values computed from packets (payload, meta, ct, maps, hashes, ...) as nft 1.1.3's JSON.
 *
 * @param renderer the renderer whose options (cgroup paths, interface names, stateless) this writer follows
 */
record JsonFieldWriter(JsonRenderer renderer) {

    /** The left-hand side of a match. */
    JsonValue field(Field f) {
        return switch (f) {
            case PayloadField p -> JsonValue.single("payload", JsonValue.object().put("protocol", p.protocol())
                    .put("field", p.name()).build());
            case PayloadBitField p -> JsonValue.single("payload", JsonValue.object().put("protocol", p.protocol())
                    .put("field", p.name()).build());
            case InnerField i when i.field() instanceof MetaField m -> JsonValue.single("meta",
                    JsonValue.object().put("key", m.keyName()).put("tunnel", i.tunnel().text()).build());
            case InnerField i -> innerField(i);
            case BinopField b -> binop(b);
            case HashField h -> jhash(h);
            case ExthdrField x -> exthdr(x);
            case ExpressionField x -> expressionField(x);
            case MapLookupField m -> mapLookup(m);
            case CombinedField k -> JsonValue.single(k.op().symbol(), JsonValue.array(operands(k)));
            case ConstantField k -> constant(k);
            case SetKeyTypedField t -> field(t.field());
            case RawPayloadField r -> JsonValue.single("payload", JsonValue.object()
                    .put("base", r.text().substring(1, r.text().indexOf(','))).put("offset", r.bitOffset()).put("len", r.bits()).build());
            case MaskedField x when x.isOr() && renderer.values().single(x.field(), x.xor()) instanceof JsonValue.Arr flags
                    && flags.items().size() > 1 -> {
                // FIELD | FLAG | FLAG: nft lists the flags as further operands
                List<JsonValue> operands = new ArrayList<>();
                operands.add(field(x.field()));
                operands.addAll(flags.items());
                yield JsonValue.single("|", JsonValue.array(operands));
            }
            case MaskedField x when x.field() instanceof CombinedField k
                    && x.isOr() == (k.op() == CombinedField.Op.OR)
                    && (x.isOr() || k.op() == CombinedField.Op.AND) -> {
                // a constant after combined values is one more operand: {"|": [ct mark, ip dscp, 512]}
                List<JsonValue> operands = operands(k);
                operands.add(JsonValue.of(Integer.toUnsignedLong((x.isOr() ? x.xor() : x.mask()).asU32())));
                yield JsonValue.single(k.op().symbol(), JsonValue.array(operands));
            }
            case MaskedField x when !x.isWritten() -> maskAndXor(x);
            case MaskedField x when x.isXor() -> JsonValue.single("^",
                    JsonValue.array(field(x.field()), renderer.values().single(x.field(), x.xor())));
            case MaskedField x -> JsonValue.single(x.isOr() ? "|" : "&",
                    JsonValue.array(field(x.field()), JsonValueWriter.joinedFlags(renderer.values().single(x.field(), x.isOr() ? x.xor() : x.mask()))));
            case MetaField m -> JsonValue.single("meta", JsonValue.single("key", JsonValue.of(m.keyName())));
            case CtField c -> JsonValue.single("ct", c.listedDirection() == null ? JsonValue.single("key", JsonValue.of(c.keyName()))
                    : JsonValue.object().put("key", c.jsonKeyName()).put("dir", c.listedDirection().text()).build());
            case SocketCgroupField s -> JsonValue.single("socket", JsonValue.single("key", JsonValue.of("cgroupv2")));
            case ConcatField c -> concat(c);
        };
    }

    /** A header field of a tunnel's inner packet: {@code {"payload": {"tunnel": ..., "protocol": ..., "field": ...}}}. */
    private JsonValue innerField(InnerField i) {
        String[] header = switch (i.field()) {
            case PayloadField p -> new String[]{p.protocol(), p.name()};
            case PayloadBitField p -> new String[]{p.protocol(), p.name()};
            default -> throw new IllegalStateException("no header field: " + i.text());
        };
        return JsonValue.single("payload", JsonValue.object().put("tunnel", i.tunnel().text())
                .put("protocol", header[0]).put("field", header[1]).build());
    }

    /** A value shifted, masked or combined with constants: {@code {"&": [...]}}, {@code {"<<": [...]}}, ... */
    private JsonValue binop(BinopField b) {
        JsonValue value = field(b.source());
        if (b.shift() != 0) {
            value = JsonValue.single(b.shift() > 0 ? "<<" : ">>", JsonValue.array(value, JsonValue.of(Math.abs(b.shift()))));
        }
        boolean or = b.xor() != 0 && b.mask() == (~b.xor() & 0xffffffffL);
        if (or) {
            value = JsonValue.single("|", JsonValue.array(value, binopConstant(b, b.xor())));
        } else {
            if (b.mask() != 0xffffffffL) {
                value = JsonValue.single("&", JsonValue.array(value, binopConstant(b, b.mask())));
            }
            if (b.xor() != 0) {
                value = JsonValue.single("^", JsonValue.array(value, binopConstant(b, b.xor())));
            }
        }
        return value;
    }

    /** A {@code jhash} of a value: its modulus, seed and offset. */
    private JsonValue jhash(HashField h) {
        var body = JsonValue.object().put("expr", field(h.key())).put("mod", Integer.toUnsignedLong(h.modulus()));
        if (h.seed() != null) {
            body.put("seed", Integer.toUnsignedLong(h.seed()));
        }
        if (h.offset() != 0) {
            body.put("offset", Integer.toUnsignedLong(h.offset()));
        }
        return JsonValue.single("jhash", body.build());
    }

    /** A value looked up in a named map or in the anonymous map of its entries. */
    private JsonValue mapLookup(MapLookupField m) {
        JsonValue data;
        if (m.named() != null) {
            data = JsonValue.of("@" + m.named());
        } else {
            List<JsonValue> items = new ArrayList<>();
            for (var e : m.entries()) {
                items.add(JsonValue.array(e.isCatchAll() ? JsonValue.of("*") : renderer.value(m.key(), m.keyValue(e)), mapData(m, e.data())));
            }
            data = JsonValue.single("set", JsonValue.array(items));
        }
        return JsonValue.single("map", JsonValue.object().put("key", field(m.key())).put("data", data).build());
    }

    /** A constant, or a concatenation of constants, an interface index by name as nft gives it. */
    private JsonValue constant(ConstantField k) {
        List<JsonValue> parts = new ArrayList<>();
        for (int i = 0; i < k.parts().size(); i++) {
            // an interface index by name, as nft gives it
            parts.add(k.parts().get(i) == Datatype.IFINDEX ? renderer.values().single(new ConstantField(List.of(Datatype.IFINDEX), List.of(k.values().get(i))), k.values().get(i))
                    : JsonDatatypeValues.render(k.parts().get(i), k.values().get(i)));
        }
        return parts.size() == 1 ? parts.getFirst() : JsonValue.single("concat", JsonValue.array(parts));
    }

    /** A concatenation of fields: {@code {"concat": [...]}}. */
    private JsonValue concat(ConcatField c) {
        List<JsonValue> parts = new ArrayList<>();
        c.fields().forEach(x -> parts.add(field(x)));
        return JsonValue.single("concat", JsonValue.array(parts));
    }

    /** The operands of values combined with one operation, left to right: {@code meta mark | iif | meta cpu}. */
    private List<JsonValue> operands(CombinedField k) {
        List<JsonValue> out = k.left() instanceof CombinedField l && l.op() == k.op()
                ? operands(l) : new ArrayList<>(List.of(field(k.left())));
        out.add(field(k.right()));
        return out;
    }

    /** A constant of a shift, mask or combination, as a name or a number as the field gives it. */
    private static JsonValue binopConstant(BinopField b, long value) {
        Object c = b.jsonConstant(value);
        return c instanceof String s ? JsonValue.of(s) : JsonValue.of((Long) c);
    }

    /** fib, rt, osf, socket and ipsec keys in libnftables' JSON. */
    private static JsonValue expressionField(ExpressionField x) {
        return switch (x.expression()) {
            case Fib f -> {
                List<JsonValue> flags = new ArrayList<>();
                for (String w : x.text().substring(4, x.text().lastIndexOf(' ')).split(" \\. ")) {
                    flags.add(JsonValue.of(w));
                }
                var body = JsonValue.object().put("result", f.result().text())
                        .put("flags", JsonValue.array(flags));
                yield JsonValue.single("fib", body.build());
            }
            case Rt r -> {
                var body = JsonValue.object().put("key", switch (r.key()) {
                    case NEXTHOP4, NEXTHOP6 -> "nexthop";
                    case TCPMSS -> "mtu";
                    default -> r.key().text();
                });
                if (r.key() == Rt.Key.NEXTHOP4 || r.key() == Rt.Key.NEXTHOP6) {
                    body.put("family", r.key() == Rt.Key.NEXTHOP4 ? "ip" : "ip6");
                }
                yield JsonValue.single("rt", body.build());
            }
            case Osf o -> {
                var body = JsonValue.object().put("key", x.text().endsWith("version") ? "version" : "name");
                if (o.ttl() != null && o.ttl() != 0) {
                    body.put("ttl", o.ttl() == 1 ? "loose" : "skip");
                }
                yield JsonValue.single("osf", body.build());
            }
            case Socket s -> JsonValue.single("socket", JsonValue.single("key", JsonValue.of(s.key().text())));
            case Numgen n -> {
                // nft's JSON gives numgen's offset even when it is 0 (symhash's only when it is not)
                yield JsonValue.single("numgen", JsonValue.object().put("mode", n.type().text())
                        .put("mod", Integer.toUnsignedLong(n.modulus())).put("offset", Integer.toUnsignedLong(n.offset())).build());
            }
            case Hash.Symmetric h -> {
                var body = JsonValue.object().put("mod", Integer.toUnsignedLong(h.modulus()));
                if (h.offset() != 0) {
                    body.put("offset", Integer.toUnsignedLong(h.offset()));
                }
                yield JsonValue.single("symhash", body.build());
            }
            case Xfrm f -> {
                String key = x.text().substring(x.text().indexOf(' ', 6) + 1);
                if (f.spnum() != 0) {
                    key = key.substring(key.indexOf(' ', "spnum ".length()) + 1);
                }
                var body = JsonValue.object().put("key", key.replace("ip6 ", "").replace("ip ", ""));
                if (key.startsWith("ip")) {
                    body.put("family", key.startsWith("ip6") ? "ip6" : "ip");
                }
                body.put("dir", f.direction().text()).put("spnum", f.spnum());
                yield JsonValue.single("ipsec", body.build());
            }
            default -> throw new IllegalArgumentException(x.text());
        };
    }

    /** {@code {"exthdr": {"name": "frag", "field": "id"}}}, {@code {"tcp option": {"name": "maxseg", ...}}}. */
    private static JsonValue exthdr(ExthdrField x) {
        String kind = x.header().startsWith("tcp option ") ? "tcp option" : x.header().startsWith("sctp chunk ") ? "sctp chunk"
                : x.header().startsWith("ip option ") ? "ip option" : "exthdr";
        String option = kind.equals("tcp option") ? x.header().substring(kind.length() + 1) : "";
        if (option.startsWith("@") || option.matches("\\d+")) {
            // a TCP option by number: its kind, and the bits read (whole option kind byte for its presence)
            return JsonValue.single(kind, JsonValue.object().put("base", JsonValue.of(x.type()))
                    .put("len", JsonValue.of(x.bits())).put("offset", JsonValue.of(x.bitOffset())).build());
        }
        var body = JsonValue.object().put("name", kind.equals("exthdr") ? x.header() : x.header().substring(kind.length() + 1));
        if (!x.presence()) {
            body.put("field", x.name());
        }
        return JsonValue.single(kind, body.build());
    }

    /** One data value of a map: {@code {"concat": ["10.0.0.1", 8080]}} when concatenated. */
    private static JsonValue mapData(MapLookupField m, Bytes data) {
        if (m.dataRanges()) {
            return rangeData(m.partTypes(), data);
        }
        return m.dataParts().isEmpty() ? JsonDatatypeValues.render(m.dataType(), data) : concatData(m.dataParts(), data);
    }

    /**
     * Range data (the parts' lows, then their highs) as nft writes it: per part a value, {@code {"prefix":
     * ...}} or {@code {"range": [LOW, HIGH]}}, concatenated with {@code {"concat": [...]}}.
     */
    static JsonValue rangeData(List<Datatype> types, Bytes data) {
        List<JsonValue> parts = new ArrayList<>();
        List<Value> values = MapLookupField.rangeParts(types, data);
        for (int i = 0; i < types.size(); i++) {
            Datatype d = types.get(i);
            parts.add(switch (values.get(i)) {
                case Value.Prefix p -> JsonValue.single("prefix", JsonValue.object().put("addr", JsonDatatypeValues.render(d, p.address()))
                        .put("len", p.bits()).build());
                case Value.Range r -> JsonValue.single("range", JsonValue.array(JsonDatatypeValues.render(d, r.low()), JsonDatatypeValues.render(d, r.high())));
                case Value.Single v -> JsonDatatypeValues.render(d, v.bytes());
                default -> throw new IllegalStateException("not a range part: " + values.get(i));
            });
        }
        return parts.size() == 1 ? parts.getFirst() : JsonValue.single("concat", JsonValue.array(parts));
    }

    /** Concatenated data of {@code types}, each padded to 4 bytes: {@code {"concat": ["10.0.0.1", 8080]}}. */
    static JsonValue concatData(List<Datatype> types, Bytes data) {
        List<JsonValue> parts = new ArrayList<>();
        List<Bytes> values = MapLookupField.partValues(types, data, 0);
        for (int i = 0; i < types.size(); i++) {
            parts.add(JsonDatatypeValues.render(types.get(i), values.get(i)));
        }
        return JsonValue.single("concat", JsonValue.array(parts));
    }

    /** A mask and xor that are no single operation, as nft lists them: {@code {"|": [{"&": [FIELD, M]}, O]}}. */
    private JsonValue maskAndXor(MaskedField x) {
        List<Bytes> ops = x.listedOperations();
        JsonValue value = field(x.field());
        if (new BigInteger(1, ops.get(0).toArray()).bitCount() < ops.get(0).length() * 8) {
            value = JsonValue.single("&", JsonValue.array(value, renderer.values().single(x.field(), ops.get(0))));
        }
        if (new BigInteger(1, ops.get(1).toArray()).signum() != 0) {
            value = JsonValue.single("^", JsonValue.array(value, renderer.values().single(x.field(), ops.get(1))));
        }
        if (new BigInteger(1, ops.get(2).toArray()).signum() != 0) {
            value = JsonValue.single("|", JsonValue.array(value, renderer.values().single(x.field(), ops.get(2))));
        }
        return value;
    }
}
