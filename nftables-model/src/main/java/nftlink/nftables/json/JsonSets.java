package nftlink.nftables.json;

import nftlink.nftables.lang.SetUserdata;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ElementCompiler;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.SetData;
import nftlink.nftables.lang.SetDeclaration;
import nftlink.nftables.lang.SetElementSpec;
import nftlink.nftables.lang.SetKey;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.StatefulStatements;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Sets and maps in libnftables JSON: {@code {"set": {...}}} and {@code {"map": {...}}} declarations
 * compiled through {@link SetDeclaration} (as nft text is), and the elements of {@code "elem"}
 * through the {@link ElementCompiler}.
 */
final class JsonSets {

    private final BiFunction<Field, Node, Value> values;
    private final BiFunction<Family, Node, Statement> statements;
    private final Function<Node, Field> fields;
    private final ToIntFunction<String> interfaces;

    /**
     * @param values     reads a value, prefix or range of a field (as a match's right-hand side)
     * @param statements reads a statement (for the stateful statements of a set)
     * @param fields     reads an expression (the key of a {@code typeof} declaration)
     * @param interfaces the index of an interface name (or of a number written as a string), for map data
     */
    JsonSets(BiFunction<Field, Node, Value> values, BiFunction<Family, Node, Statement> statements,
             Function<Node, Field> fields, ToIntFunction<String> interfaces) {
        this.values = values;
        this.statements = statements;
        this.fields = fields;
        this.interfaces = interfaces;
    }

    private static Datatype datatype(Node node) {
        String name = node.string();
        for (Datatype d : Datatype.values()) {
            if (d.nftName().equals(name) && d != Datatype.VERDICT && d.id() != Datatype.INTEGER.id()) {
                return d;
            }
        }
        throw node.error("unsupported datatype \"" + name + "\"");
    }

    /** The body of a {@code "set"} or {@code "map"} object as a declaration. */
    SetDeclaration declaration(boolean map, Node body) {
        body.only(Set.of("family", "table", "name", "handle", "type", "map", "flags", "timeout", "gc-interval", "size",
                "policy", "comment", "elem", "stmt", "auto-merge"));
        Family family = JsonParser.family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        Node mapNode = body.optional("map");
        if (map != (mapNode != null)) {
            throw body.error(map ? "a map needs \"map\": DATATYPE" : "a set has no \"map\" (declare a map)");
        }
        SetKey setKey = key(body.member("type"));
        SetData data = mapNode == null ? null : data(mapNode);
        if (data instanceof SetData.Values v && !v.interval() && hasRangeData(body.optional("elem"))) {
            // nft's JSON says data are ranges only by its elements ("map": "ipv4_addr" with {"range": [...]} data)
            data = new SetData.Values(v.value(), true);
        }
        if (data instanceof SetData.Verdicts && setKey.typeof() != null) {
            // nft's syntax has no typeof key with verdicts but 'typeof KEY : verdict'
            data = new SetData.Verdicts(true);
        }
        int flags = flags(body.optional("flags"));
        long timeout = body.optional("timeout") == null ? 0 : body.member("timeout").number(Long.MAX_VALUE / 1000) * 1000;
        int gc = body.optional("gc-interval") == null ? 0 : (int) (body.member("gc-interval").number(Integer.MAX_VALUE / 1000) * 1000);
        int size = body.optional("size") == null ? 0 : (int) body.member("size").number(0xffffffffL);
        int policy = -1;
        Node policyNode = body.optional("policy");
        if (policyNode != null) {
            policy = switch (policyNode.string()) {
                case "performance" -> NfTablesUapi.NFT_SET_POL_PERFORMANCE;
                case "memory" -> NfTablesUapi.NFT_SET_POL_MEMORY;
                default -> throw policyNode.error("unknown policy \"" + policyNode.string() + "\" (expected performance or memory)");
            };
        }
        boolean autoMerge = body.optional("auto-merge") != null && body.member("auto-merge").bool();
        String comment = body.optional("comment") == null ? null : body.member("comment").string();
        List<Statement> stateful = statements(family, body.optional("stmt"));
        int f = flags;
        int pol = policy;
        SetData d = data;
        return JsonParser.at(body, () -> new SetDeclaration(family, table, name, setKey, d, f, timeout, gc, size, pol,
                autoMerge, comment, stateful));
    }

    /** {@code "flags": ["interval", "timeout", ...]}, or 0 when absent. */
    private static int flags(Node flagsNode) {
        int flags = 0;
        if (flagsNode != null) {
            for (Node f : flagsNode.arrayOrSingle()) {
                flags |= switch (f.string()) {
                    case "constant" -> NfTablesUapi.NFT_SET_CONSTANT;
                    case "interval" -> NfTablesUapi.NFT_SET_INTERVAL;
                    case "timeout" -> NfTablesUapi.NFT_SET_TIMEOUT;
                    case "dynamic" -> NfTablesUapi.NFT_SET_EVAL;
                    default -> throw f.error("unknown set flag \"" + f.string() + "\" (expected constant, interval, timeout or dynamic)");
                };
            }
        }
        return flags;
    }

    /** {@code "stmt": [{"counter": null}, ...]}: the set's stateful statements, none when absent. */
    private List<Statement> statements(Family family, Node stmt) {
        List<Statement> stateful = new ArrayList<>();
        if (stmt != null) {
            for (Node s : stmt.array()) {
                Statement st = statements.apply(family, s);
                if (!StatefulStatements.isStateful(st)) {
                    throw s.error("unsupported set statement \"" + s.single().getKey()
                            + "\" (a set holds counter, limit, quota, ct count and last)");
                }
                stateful.add(st);
            }
        }
        return stateful;
    }

    /**
     * {@code "type": "ipv4_addr"}, the parts of a concatenation ({@code ["ipv4_addr", "inet_service"]}),
     * or the expression of a typeof declaration ({@code {"typeof": {"payload": {...}}}}).
     */
    private SetKey key(Node type) {
        if (type.value() instanceof JsonValue.Obj) {
            Map.Entry<String, Node> e = type.single();
            if (!e.getKey().equals("typeof")) {
                throw type.error("expected a datatype, a list of datatypes or {\"typeof\": EXPRESSION}");
            }
            Field f = fields.apply(e.getValue());
            return JsonParser.at(e.getValue(), () -> SetKey.typeof(f));
        }
        List<Datatype> types = datatypes(type);
        return JsonParser.at(type, () -> SetKey.of(types));
    }

    /** Datatype names: one, a list of the parts of a concatenation, or the parts joined by {@code " . "}. */
    private static List<Datatype> datatypes(Node node) {
        List<Datatype> types = new ArrayList<>();
        for (Node t : node.arrayOrSingle()) {
            for (String part : t.string().split(" \\. ")) {
                types.add(datatype(new Node(JsonValue.of(part.strip()), t.path())));
            }
        }
        return types;
    }

    /** {@code "map": "verdict"}, {@code "map": "ipv4_addr"}, concatenated data, or an object type ({@code "counter"}). */
    private static SetData data(Node mapNode) {
        if (mapNode.value() instanceof JsonValue.Str s) {
            if (s.value().equals("verdict")) {
                return new SetData.Verdicts(false);
            }
            int objectType = ObjectRenderer.type(s.value());
            if (objectType >= 0) {
                return new SetData.Objects(objectType);
            }
        }
        List<Datatype> parts = datatypes(mapNode);
        return new SetData.Values(JsonParser.at(mapNode, () -> SetKey.of(parts)), false);
    }

    /** The elements of {@code elem} for {@code set}; with {@code keysOnly} map elements need no data (deletion). */
    List<SetElement> elements(NftSet set, Node elem, boolean keysOnly) {
        return elements(set, elem, keysOnly, false);
    }

    /**
     * The elements a declaration of {@code set} gives in its {@code elem}: with {@code auto-merge},
     * overlapping and adjacent intervals joined, as nft text's declaration joins them.
     */
    List<SetElement> declared(NftSet set, Node elem) {
        return elements(set, elem, false, true);
    }

    private List<SetElement> elements(NftSet set, Node elem, boolean keysOnly, boolean declaration) {
        SetDeclaration d = SetDeclaration.of(set);
        if (d == null) {
            throw elem.error("set " + set.name() + " has a key or data type nftlink does not know (" + set.keyType() + ")");
        }
        SetKey key = d.key();
        List<Field> parts = new ArrayList<>();
        for (int i = 0; i < key.types().size(); i++) {
            parts.add(new PayloadField("set", "key", Payload.Base.NETWORK, 0, key.lengths().get(i), key.types().get(i)));
        }
        ConcatField concat = parts.size() == 1 ? null : new ConcatField(parts);
        Field field = concat == null ? parts.getFirst() : concat;
        List<SetElementSpec> specs = new ArrayList<>();
        List<Node> where = new ArrayList<>();
        for (Node e : elem.arrayOrSingle()) {
            where.add(e);
            specs.add(element(set, field, concat, e, keysOnly));
        }
        // nft's JSON holds an element's first statement only (and nft reads none back): the statements are
        // kept where the set takes them as they are, else the set's template gives the element its own
        ElementCompiler compiler = JsonParser.at(elem, () -> ElementCompiler.of(d, declaration && d.autoMerge() && !d.isMap()));
        specs.replaceAll(spec -> compiler.takesStatements(spec.statements()) ? spec : new SetElementSpec(spec.key(),
                spec.data(), spec.objectRef(), spec.timeout(), spec.expiration(), spec.comment(), List.of()));
        try {
            return keysOnly ? compiler.deletion(specs) : compiler.compile(specs);
        } catch (ElementCompiler.ElementException x) {
            throw where.get(x.index()).error(x.getMessage());
        }
    }

    private SetElementSpec element(NftSet set, Field field, ConcatField concat, Node e, boolean keysOnly) {
        Node keyNode = e;
        Node dataNode = null;
        boolean mapped = set.isMap() || (set.flags() & NfTablesUapi.NFT_SET_OBJECT) != 0;
        if (mapped && e.value() instanceof JsonValue.Arr) {
            List<Node> pair = e.array();
            if (pair.size() != 2) {
                throw e.error("a map element is [KEY, DATA]");
            }
            keyNode = pair.get(0);
            dataNode = pair.get(1);
        } else if (mapped && !keysOnly) {
            throw e.error("a map element is [KEY, DATA]");
        }
        long timeout = 0;
        long expires = 0;
        String comment = null;
        List<Statement> stateful = new ArrayList<>();
        if (keyNode.value() instanceof JsonValue.Obj o && o.members().containsKey("elem")) {
            Node wrapper = keyNode.member("elem");
            for (Map.Entry<String, JsonValue> m : wrapper.object().members().entrySet()) {
                Node member = wrapper.member(m.getKey());
                switch (m.getKey()) {
                    case "val" -> { }
                    case "timeout" -> timeout = member.number(Long.MAX_VALUE / 1000) * 1000;
                    case "expires" -> expires = member.number(Long.MAX_VALUE / 1000) * 1000;
                    case "comment" -> comment = member.string();
                    default -> stateful.add(statement(set, m.getKey(), member));
                }
            }
            keyNode = wrapper.member("val");
        }
        boolean objects = (set.flags() & NfTablesUapi.NFT_SET_OBJECT) != 0;
        NftData data = dataNode == null || objects ? null : data(set, dataNode);
        String object = dataNode != null && objects ? dataNode.string() : null;
        Value key = keyNode.value() instanceof JsonValue.Str s && s.value().equals("*") ? new Value.CatchAll()
                : key(set, field, concat, keyNode);
        long to = timeout;
        long ex = expires;
        String c = comment;
        return JsonParser.at(keyNode, () -> new SetElementSpec(key, data, object, to, ex, c, stateful));
    }

    /** One stateful statement of an element, {@code "counter": {...}} as a member of its {@code "elem"} object, checked. */
    private Statement statement(NftSet set, String name, Node body) {
        Node statement = new Node(JsonValue.single(name, body.value()), body.path());
        Statement st = statements.apply(set.family(), statement);
        if (!StatefulStatements.isStateful(st)) {
            throw body.error("unsupported element member \"" + name + "\" (an element holds counter, limit, quota, "
                    + "ct count and last)");
        }
        return st;
    }

    private Value key(NftSet set, Field field, ConcatField concat, Node keyNode) {
        if (concat != null && set.isInterval()) {
            Bytes[] bounds = concatBounds(concat, keyNode);
            return bounds[0].equals(bounds[1]) ? new Value.Single(bounds[0]) : new Value.Range(bounds[0], bounds[1]);
        }
        Value v = values.apply(field, keyNode);
        if (v instanceof Value.SetLiteral || v instanceof Value.SetReference) {
            throw keyNode.error("an element is a value, a prefix or a range");
        }
        if (!(v instanceof Value.Single) && !set.isInterval()) {
            throw keyNode.error("set " + set.name() + " needs \"flags\": [\"interval\"] for prefixes and ranges");
        }
        return v;
    }

    private NftData data(NftSet set, Node dataNode) {
        boolean verdicts = set.dataType() == SetData.Verdicts.TYPE;
        if (verdicts) {
            return NftData.of(JsonParser.verdict(dataNode));
        }
        if (set.userdata() != null && SetUserdata.decode(set.userdata()).dataInterval() == 1) {
            return NftData.of(rangeData(Datatype.parts(set.dataType()), dataNode));
        }
        Datatype dataType = Datatype.ofId(set.dataType());
        if (dataType == null && set.dataType() > 63) {
            return NftData.of(concatData(Datatype.parts(set.dataType()), dataNode));
        }
        if (dataType == Datatype.IFINDEX && dataNode.value() instanceof JsonValue.Str name) {
            // an interface by name, or the index of one that is gone as a string ("90000"), as nft writes them
            return NftData.of(JsonParser.at(dataNode, () -> Bytes.u32(interfaces.applyAsInt(name.value()))));
        }
        return NftData.of(JsonDatatypeValues.parse(dataType, set.dataLength(), dataNode.value(), dataNode.path()));
    }

    /** Whether some element of {@code elem} (a list of {@code [KEY, DATA]}) has a range or a prefix in its data. */
    private static boolean hasRangeData(Node elem) {
        if (elem == null || !(elem.value() instanceof JsonValue.Arr items)) {
            return false;
        }
        for (JsonValue item : items.items()) {
            if (item instanceof JsonValue.Arr pair && pair.items().size() == 2
                    && isRange(pair.items().get(1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code v} is a range or a prefix, or a concatenation with one. */
    private static boolean isRange(JsonValue v) {
        if (!(v instanceof JsonValue.Obj o) || o.members().size() != 1) {
            return false;
        }
        if (o.members().containsKey("range") || o.members().containsKey("prefix")) {
            return true;
        }
        return o.members().get("concat") instanceof JsonValue.Arr parts
                && parts.items().stream().anyMatch(JsonSets::isRange);
    }

    /**
     * Range data of {@code parts}: a value, {@code {"range": [LOW, HIGH]}} or {@code {"prefix": ...}}, or a
     * {@code {"concat": [...]}} of them; the lows of the parts, then their highs, each padded to 4 bytes.
     */
    private static Bytes rangeData(List<Datatype> parts, Node node) {
        if (parts == null) {
            throw node.error("a map data type nftlink does not know");
        }
        List<Node> items = node.value() instanceof JsonValue.Obj o && o.members().containsKey("concat")
                ? node.member("concat").array() : List.of(node);
        if (items.size() != parts.size()) {
            throw node.error("expected " + parts.size() + " data values, not " + items.size());
        }
        List<Bytes> lows = new ArrayList<>();
        List<Bytes> highs = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Bytes[] bounds = bounds(parts.get(i), items.get(i));
            lows.add(bounds[0]);
            highs.add(bounds[1]);
        }
        return MapLookupField.rangeData(lows, highs);
    }

    /** The first and last value of one part of range data. */
    private static Bytes[] bounds(Datatype type, Node node) {
        if (node.value() instanceof JsonValue.Obj o && o.members().containsKey("range")) {
            List<Node> ends = node.member("range").array();
            if (ends.size() != 2) {
                throw node.error("a range is [LOW, HIGH]");
            }
            return new Bytes[]{JsonDatatypeValues.parse(type, type.length(), ends.get(0).value(), ends.get(0).path()),
                    JsonDatatypeValues.parse(type, type.length(), ends.get(1).value(), ends.get(1).path())};
        }
        if (node.value() instanceof JsonValue.Obj o && o.members().containsKey("prefix")) {
            Node prefix = node.member("prefix");
            Node addr = prefix.member("addr");
            Bytes address = JsonDatatypeValues.parse(type, type.length(), addr.value(), addr.path());
            int bits = (int) prefix.member("len").number(8L * type.length());
            Value.Prefix p = JsonParser.at(node, () -> new Value.Prefix(address, bits));
            return new Bytes[]{p.address(), p.last()};
        }
        Bytes single = JsonDatatypeValues.parse(type, type.length(), node.value(), node.path());
        return new Bytes[]{single, single};
    }

    /** {@code {"concat": [V1, V2, ...]}} as data of {@code parts}, each padded to 4 bytes. */
    private static Bytes concatData(List<Datatype> parts, Node node) {
        if (parts == null) {
            throw node.error("a map data type nftlink does not know");
        }
        Map.Entry<String, Node> e = node.single();
        List<Node> items = e.getValue().array();
        if (!e.getKey().equals("concat") || items.size() != parts.size()) {
            throw node.error("expected {\"concat\": [...]} of " + parts.size() + " values");
        }
        List<Bytes> bytes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            bytes.add(JsonDatatypeValues.parse(parts.get(i), parts.get(i).length(), items.get(i).value(), items.get(i).path()));
        }
        return MapLookupField.concatData(bytes);
    }

    /** The first and last key of a concatenation whose parts may be ranges or prefixes. */
    private Bytes[] concatBounds(ConcatField concat, Node node) {
        Map.Entry<String, Node> e = node.single();
        if (!e.getKey().equals("concat")) {
            throw node.error("expected {\"concat\": [...]} for a key of " + concat.fields().size() + " parts");
        }
        List<Node> parts = e.getValue().array();
        if (parts.size() != concat.fields().size()) {
            throw e.getValue().error("the key has " + concat.fields().size() + " parts, not " + parts.size());
        }
        Bytes[] low = new Bytes[parts.size()];
        Bytes[] high = new Bytes[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Field part = concat.fields().get(i);
            switch (values.apply(part, parts.get(i))) {
                case Value.Single s -> {
                    low[i] = s.bytes();
                    high[i] = s.bytes();
                }
                case Value.Prefix p -> {
                    low[i] = p.address();
                    high[i] = p.last();
                }
                case Value.Range r -> {
                    low[i] = r.low();
                    high[i] = r.high();
                }
                default -> throw parts.get(i).error("a part of an element is a value, a prefix or a range");
            }
        }
        return new Bytes[]{JsonParser.at(node, () -> concat.key(low)), JsonParser.at(node, () -> concat.key(high))};
    }
}
