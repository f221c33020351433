package nftlink.nftables.json;

import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;
import static nftlink.nftables.json.JsonParser.verdict;

/** Reads anonymous and named map lookups: data maps, verdict maps and object maps. */
final class JsonMapReader {

    private final JsonParseContext context;

    JsonMapReader(JsonParseContext context) {
        this.context = context;
    }

    /**
     * {@code {"map": {"key": FIELD, "data": "@NAME" | {"set": [[KEY, DATA], ...]}}}}: a value looked up
     * in a map, its data values of {@code target}'s type.
     */
    Field mapLookup(Node body, Field target) {
        body.only(Set.of("key", "data"));
        // a field, or one with constants applied: {"&": [{"meta": {"key": "length"}}, 255]}
        Field key = context.fields.mapKey(body.member("key"));
        Node data = body.member("data");
        if (data.value() instanceof JsonValue.Str s && s.value().startsWith("@")) {
            String name = s.value().substring(1);
            return at(body, () -> new MapLookupField(key, target.datatype(), target.length(), List.of(), name));
        }
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (Node item : data.member("set").array()) {
            List<Node> pair = item.array();
            if (pair.size() != 2) {
                throw item.error("expected [KEY, DATA]");
            }
            entries.add(mapEntry(key, pair.get(0), context.values.single(target, pair.get(1))));
        }
        return at(body, () -> new MapLookupField(key, target.datatype(), target.length(), entries, null));
    }

    /** {@code {"counter": {"map": {"key": KEY, "data": "@NAME" | {"set": [[K, "OBJ"], ...]}}}}}. */
    Statement objectMap(ObjectType type, Node body) {
        body.only(Set.of("key", "data"));
        Field key = context.fields.mapKey(body.member("key"));
        Node data = body.member("data");
        if (data.value() instanceof JsonValue.Str s && s.value().startsWith("@")) {
            return at(body, () -> new Statement.ObjectMap(type, key, List.of(), s.value().substring(1)));
        }
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        for (Node item : data.member("set").array()) {
            List<Node> pair = item.array();
            if (pair.size() != 2) {
                throw item.error("expected [KEY, \"OBJECT\"]");
            }
            Value k = context.values.setItem(key, pair.get(0));
            String object = pair.get(1).string();
            entries.add(at(pair.get(0), () -> new Statement.ObjectMap.Entry(k, object)));
        }
        return at(body, () -> new Statement.ObjectMap(type, key, entries, null));
    }

    /** The catch-all key {@code "*"} of a map. */
    private static boolean isCatchAll(Node key) {
        return key.value() instanceof JsonValue.Str s && s.value().equals("*");
    }

    /** A data map entry: {@code "*"}, a value, or a range or prefix ({@code {"range": [LOW, HIGH]}}) as its key. */
    MapLookupField.Entry mapEntry(Field key, Node keyNode, Bytes data) {
        if (isCatchAll(keyNode)) {
            return MapLookupField.Entry.catchAll(data);
        }
        if (!(keyNode.value() instanceof JsonValue.Obj)) {
            return new MapLookupField.Entry(context.values.single(key, keyNode), data);
        }
        return switch (context.values.setItem(key, keyNode)) {
            case Value.Single v -> new MapLookupField.Entry(v.bytes(), data);
            case Value.Range r -> at(keyNode, () -> MapLookupField.Entry.range(r.low(), r.high(), data));
            case Value.Prefix p -> at(keyNode, () -> MapLookupField.Entry.range(p.address(), p.last(), data));
            default -> throw keyNode.error("not a key of a data map");
        };
    }

    /** {@code {"map": {...}}}. */
    static boolean isMap(Node node) {
        return node.value() instanceof JsonValue.Obj o && o.members().size() == 1 && node.single().getKey().equals("map");
    }

    /** {@code {"vmap": {"key": FIELD, "data": "@MAP" | {"set": [[KEY, VERDICT], ...]}}}}. */
    Statement vmap(Node body) {
        body.only(Set.of("key", "data"));
        Field field = context.fields.mapKey(body.member("key"));
        Node data = body.member("data");
        if (data.value() instanceof JsonValue.Str s) {
            if (!s.value().startsWith("@")) {
                throw data.error("expected \"@MAP\" or {\"set\": [[KEY, VERDICT], ...]}");
            }
            return at(body, () -> new Statement.VerdictMap(field, List.of(), s.value().substring(1)));
        }
        Map.Entry<String, Node> e = data.single();
        if (!e.getKey().equals("set")) {
            throw data.error("expected \"@MAP\" or {\"set\": [[KEY, VERDICT], ...]}");
        }
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        for (Node entry : e.getValue().array()) {
            List<Node> pair = entry.array();
            if (pair.size() != 2) {
                throw entry.error("a map entry is [KEY, VERDICT]");
            }
            Node keyNode = JsonValueReader.elementValue(pair.get(0));
            List<Statement> stateful = context.statements.elementStatements(pair.get(0));
            Value key = isCatchAll(keyNode) ? new Value.CatchAll() : context.values.setItem(field, keyNode);
            Verdict verdict = verdict(pair.get(1));
            entries.add(at(pair.get(0), () -> new Statement.VerdictMap.Entry(key, verdict, stateful)));
        }
        if (entries.isEmpty()) {
            throw e.getValue().error("an anonymous verdict map needs at least one entry");
        }
        return at(body, () -> new Statement.VerdictMap(field, entries, null));
    }
}
