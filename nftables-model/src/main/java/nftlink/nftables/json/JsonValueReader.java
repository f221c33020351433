package nftlink.nftables.json;

import java.util.Arrays;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.parse.Accounts;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads the constant side of matches and set items: single values, prefixes, ranges, anonymous sets and concatenations, as bytes of a field's type. */
final class JsonValueReader {

    private final JsonParseContext context;

    JsonValueReader(JsonParseContext context) {
        this.context = context;
    }

    /** A value of {@code field}'s type: a set reference, an anonymous set, a prefix, a range or a single value. */
    Value value(Field field, Node node) {
        JsonValue v = node.value();
        if (v instanceof JsonValue.Str s && s.value().startsWith("@")) {
            return new Value.SetReference(s.value().substring(1));
        }
        if (v instanceof JsonValue.Obj o && o.members().size() == 1) {
            Map.Entry<String, Node> e = node.single();
            Node body = e.getValue();
            switch (e.getKey()) {
                case "set" -> {
                    List<Value> items = new ArrayList<>();
                    List<List<Statement>> statements = new ArrayList<>();
                    for (Node item : body.arrayOrSingle()) {
                        Value x = setItem(field, elementValue(item));
                        if (x instanceof Value.SetLiteral || x instanceof Value.SetReference) {
                            throw item.error("set items must be values, prefixes or ranges");
                        }
                        items.add(x);
                        statements.add(context.statements.elementStatements(item));
                    }
                    return at(body, () -> new Value.SetLiteral(items, statements));
                }
                case "prefix" -> {
                    body.only(Set.of("addr", "len"));
                    Bytes address = single(field, body.member("addr"));
                    int bits = (int) body.member("len").number(address.length() * 8L);
                    return at(body, () -> new Value.Prefix(address, bits));
                }
                case "range" -> {
                    List<Node> bounds = body.array();
                    if (bounds.size() != 2) {
                        throw body.error("a range has two bounds, not " + bounds.size());
                    }
                    Bytes low = single(field, bounds.get(0));
                    Bytes high = single(field, bounds.get(1));
                    return at(body, () -> new Value.Range(low, high));
                }
                case "concat" -> {
                    if (field instanceof ConcatField concat && body.value() instanceof JsonValue.Arr a
                            && (a.items().stream().anyMatch(JsonValue.Obj.class::isInstance) || hasWildcard(concat, a))) {
                        return concatRange(concat, body);
                    }
                }
                default -> {
                    // another one-member object: a single value
                }
            }
        }
        return new Value.Single(single(field, node));
    }

    /**
     * A concatenation whose parts may be ranges or prefixes, {@code {"concat": [{"prefix": ...}, {"range":
     * [10, 23]}]}}: the range from the concatenation of the lows to that of the highs.
     */
    private Value concatRange(ConcatField concat, Node body) {
        List<Node> parts = body.array();
        if (parts.size() != concat.fields().size()) {
            throw body.error(concat.text() + " has " + concat.fields().size() + " parts, not " + parts.size());
        }
        Bytes[] lows = new Bytes[parts.size()];
        Bytes[] highs = new Bytes[parts.size()];
        boolean range = false;
        for (int i = 0; i < parts.size(); i++) {
            Field part = concat.fields().get(i);
            Node n = parts.get(i);
            if (isWildcard(part, n.value())) {
                Value.Range r = (Value.Range) setItem(part, n);
                lows[i] = r.low();
                highs[i] = r.high();
                range = true;
                continue;
            }
            if (!(n.value() instanceof JsonValue.Obj)) {
                lows[i] = ConcatField.holdsValue(part)
                        ? ConcatField.partOf(part, JsonDatatypeValues.parse(part.datatype(), part.valueLength(), n.value(), n.path()))
                        : single(part, n);
                highs[i] = lows[i];
                continue;
            }
            if (ConcatField.holdsValue(part)) {
                throw n.error("unsupported: a range of " + part.text() + " in a concatenation");
            }
            switch (value(part, n)) {
                case Value.Range r -> {
                    lows[i] = r.low();
                    highs[i] = r.high();
                }
                case Value.Prefix p -> {
                    lows[i] = p.address();
                    highs[i] = p.last();
                }
                case Value.Single x -> {
                    lows[i] = x.bytes();
                    highs[i] = x.bytes();
                }
                default -> throw n.error("expected a value, a range or a prefix");
            }
            range |= !lows[i].equals(highs[i]);
        }
        Bytes low = at(body, () -> concat.key(lows));
        Bytes high = at(body, () -> concat.key(highs));
        return range ? new Value.Range(low, high) : new Value.Single(low);
    }

    /** The value of an anonymous set element: {@code VALUE}, or the {@code "val"} of {@code {"elem": {"val": VALUE, ...}}}. */
    static Node elementValue(Node node) {
        if (node.value() instanceof JsonValue.Obj o && o.members().size() == 1 && o.members().containsKey("elem")) {
            return node.member("elem").member("val");
        }
        return node;
    }

    /** Whether a part of {@code concat} is an interface name with a wildcard, {@code "eth*"}. */
    private static boolean hasWildcard(ConcatField concat, JsonValue.Arr parts) {
        for (int i = 0; i < Math.min(parts.items().size(), concat.fields().size()); i++) {
            if (isWildcard(concat.fields().get(i), parts.items().get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWildcard(Field field, JsonValue v) {
        return field.datatype() == Datatype.IFNAME && !(field instanceof ConcatField) && v instanceof JsonValue.Str s
                && s.value().endsWith("*") && !s.value().endsWith("\\*");
    }

    /** A set item or map key: a value, prefix or range; an interface-name wildcard is the range of names it matches. */
    Value setItem(Field field, Node node) {
        if (isWildcard(field, node.value())) {
            Bytes prefix = single(field, node);
            byte[] low = new byte[field.length()];
            byte[] high = new byte[field.length()];
            Arrays.fill(high, (byte) 0xff);
            System.arraycopy(prefix.toArray(), 0, low, 0, prefix.length());
            System.arraycopy(prefix.toArray(), 0, high, 0, prefix.length());
            return new Value.Range(Bytes.of(low), Bytes.of(high));
        }
        return value(field, node);
    }

    /** The bytes of one value of {@code field}'s type, as the field holds it in a register. */
    Bytes single(Field field, Node node) {
        if (field instanceof ConcatField concat) {
            return concatKey(concat, node);
        }
        if (field instanceof MetaField m && m.key() == Meta.Key.PRIORITY) {
            return JsonDatatypeValues.parseTcHandle(node.value(), node.path());
        }
        if ((field.datatype() == Datatype.UID || field.datatype() == Datatype.GID) && node.value() instanceof JsonValue.Str user
                && !user.value().matches("\\d+")) {
            // a user or group name, as nft takes it
            return at(node, () -> Bytes.u32(field.datatype() == Datatype.UID ? Accounts.uid(user.value())
                    : Accounts.gid(user.value())));
        }
        if (field.datatype() == Datatype.IFINDEX && node.value() instanceof JsonValue.Str name) {
            return at(node, () -> Bytes.u32(context.interfaces.indexOrNumber(name.value())));
        }
        if (field instanceof SocketCgroupField && node.value() instanceof JsonValue.Str s && !s.value().matches("\\d+")) {
            return cgroupId(node, s.value());
        }
        if (field instanceof CtField ct && ct.datatype() == Datatype.CT_STATE
                && node.value() instanceof JsonValue.Num n) {
            return Bytes.u32((int) node.number(0xffffffffL));
        }
        if (field instanceof ExthdrField x && x.presence() && node.value() instanceof JsonValue.Bool b) {
            return Bytes.u8(b.value() ? 1 : 0);
        }
        if (field.datatype().isBitmask() && node.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && o.members().containsKey("|")) {
            // flags joined: {"|": ["fin", "syn"]}
            return flags(field, node.member("|").array());
        }
        if (field.datatype().isBitmask() && node.value() instanceof JsonValue.Arr) {
            // several flags: ["syn", "ack"]
            return flags(field, node.array());
        }
        Bytes value = JsonDatatypeValues.parse(field.datatype(), field.valueLength(), node.value(), node.path());
        return at(node, () -> field.toRegister(value));
    }

    /** {@code {"concat": [V1, V2, ...]}}: the key of {@code concat} the values make. */
    private Bytes concatKey(ConcatField concat, Node node) {
        Map.Entry<String, Node> e = node.single();
        if (!e.getKey().equals("concat")) {
            throw node.error("expected {\"concat\": [...]} for " + concat.text());
        }
        List<Node> parts = e.getValue().array();
        if (parts.size() != concat.fields().size()) {
            throw e.getValue().error(concat.text() + " has " + concat.fields().size() + " parts, not " + parts.size());
        }
        Bytes[] values = new Bytes[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Field part = concat.fields().get(i);
            values[i] = ConcatField.holdsValue(part)
                    ? ConcatField.partOf(part, JsonDatatypeValues.parse(part.datatype(), part.valueLength(), parts.get(i).value(), parts.get(i).path()))
                    : single(part, parts.get(i));
        }
        return at(node, () -> concat.key(values));
    }

    /** The ID of the cgroup at {@code path}, as the 8 bytes {@code socket cgroupv2} compares. */
    private Bytes cgroupId(Node node, String path) {
        long id;
        try {
            id = context.cgroups.cgroupId(path);
        } catch (RuntimeException e) {
            throw node.error("cgroup \"" + path + "\": " + e.getMessage());
        }
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id >>> (8 * i));
        }
        return Bytes.of(b);
    }

    /** The flags of {@code field}'s type named by {@code names}, joined. */
    private Bytes flags(Field field, List<Node> names) {
        byte[] all = new byte[field.length()];
        for (Node flag : names) {
            byte[] one = single(field, flag).toArray();
            for (int i = 0; i < all.length && i < one.length; i++) {
                all[i] |= one[i];
            }
        }
        return Bytes.of(all);
    }
}
