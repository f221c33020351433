package nftlink.nftables.json;

import nftlink.nftables.BaseChain;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainPriority;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTables;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftObject;
import nftlink.nftables.lang.DynamicSets;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.InnerField;
import nftlink.nftables.NftSet;
import nftlink.nftables.ObjectData;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Data;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Objref;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.NamedSetLookups;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.StatefulStatements;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.LogLevel;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.TimeUnit;
import nftlink.nftables.lang.ByteUnit;
import nftlink.nftables.lang.Value;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.SetLookup;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses libnftables JSON into operations: listings as {@code nft -j list ruleset}
 * prints them (every table, chain, set, map and rule is added) and command
 * documents as {@code nft -j -f} takes them ({@code {"nftables": [{"add": {"table":
 * {...}}}, {"flush": {"ruleset": null}}, ...]}} with {@code add}, {@code create},
 * {@code insert}, {@code replace}, {@code delete} and {@code flush}).
 *
 * <p>Rules compile through the rule language ({@link RuleSpec}, {@link Linearizer}),
 * so they produce the same kernel expressions as the same rule written in nft
 * syntax. The whole document is parsed before anything is returned; an error is a
 * {@link JsonException} naming the JSON path of the offending element, and nothing
 * reaches the kernel.
 *
 * <pre>{@code
 * List<NftOperation> ops = JsonParser.standard().parse(Files.readString(file));
 * nft.transaction().addAll(ops).commit();
 * }</pre>
 */
public final class JsonParser {

    private static final Set<String> COMMANDS = Set.of("add", "create", "insert", "replace", "delete", "destroy", "flush");

    private final CgroupPathResolver cgroups;
    private final SetLookup sets;
    private final InterfaceResolver interfaces;
    private final JsonSets jsonSets = new JsonSets(this::setItem, this::statement, this::field);

    /**
     * @param cgroups resolves the paths of {@code socket cgroupv2} matches to cgroup IDs
     * @param sets    finds sets that a document adds elements to without declaring them
     */
    public JsonParser(CgroupPathResolver cgroups, SetLookup sets) {
        this(cgroups, sets, InterfaceResolver.sysfs());
    }

    /**
     * @param cgroups    resolves the paths of {@code socket cgroupv2} matches to cgroup IDs
     * @param sets       finds sets that a document adds elements to without declaring them
     * @param interfaces resolves interface names in {@code iif}/{@code oif} values and devices
     */
    /** The sets a rule being read may name: declared in the document, or known; by name. */
    private java.util.function.Function<String, NftSet> ruleSets = name -> null;

    /** The set (its name) a concatenation being read is looked up in or added to: its key types read constants. */
    private String constantsSet;

    public JsonParser(CgroupPathResolver cgroups, SetLookup sets, InterfaceResolver interfaces) {
        this.cgroups = Objects.requireNonNull(cgroups, "cgroups");
        this.sets = Objects.requireNonNull(sets, "sets");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
    }

    /** This parser with another resolver of interface names. */
    public JsonParser withInterfaces(InterfaceResolver resolver) {
        return new JsonParser(cgroups, sets, resolver);
    }

    /** Resolves cgroup paths under the mounted cgroup-v2 hierarchy; knows no undeclared sets. */
    public static JsonParser standard() {
        return new JsonParser(CgroupPathResolver.mounted(), SetLookup.NONE);
    }

    /** This parser with another lookup of undeclared sets. */
    public JsonParser withSetLookup(SetLookup lookup) {
        return new JsonParser(cgroups, lookup, interfaces);
    }

    /**
     * Parses a JSON document into operations, in document order.
     *
     * @throws JsonException for text that is not JSON, or not a libnftables document nftlink supports
     */
    public List<NftOperation> parse(String text) {
        return operations(JsonValue.parse(text));
    }

    /**
     * Turns a parsed document into operations, in document order.
     *
     * @throws JsonException for a document that is not in the libnftables schema, or not supported
     */
    public List<NftOperation> operations(JsonValue document) {
        Node root = new Node(document, "$");
        root.only(Set.of("nftables"));
        List<NftOperation> out = new ArrayList<>();
        Map<String, NftSet> declared = new HashMap<>();
        BatchIds ids = new BatchIds();
        for (Node item : root.member("nftables").array()) {
            Map.Entry<String, Node> e = item.single();
            String name = e.getKey();
            Node body = e.getValue();
            if (name.equals("metainfo")) {
                body.object();
                continue;
            }
            if (COMMANDS.contains(name)) {
                command(name, body, out, declared, ids);
            } else {
                object("add", name, body, out, declared, ids);
            }
        }
        return chainsBeforeTheirJumps(DynamicSets.flagged(out));
    }

    /**
     * Moves the addition of map elements that jump to a chain the document adds
     * only later to right after that chain's addition: listings put maps before
     * chains, and the kernel resolves a verdict's chain when the element is added.
     */
    private static List<NftOperation> chainsBeforeTheirJumps(List<NftOperation> ops) {
        Map<String, Integer> added = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof NftOperation.AddChain a) {
                added.putIfAbsent(key(a.chain().family(), a.chain().table(), a.chain().name()), i);
            }
        }
        Map<Integer, List<NftOperation>> parked = new HashMap<>();
        List<NftOperation> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            NftOperation op = ops.get(i);
            int after = -1;
            if (op instanceof NftOperation.AddElements e) {
                for (SetElement x : e.elements()) {
                    if (x.data() instanceof Data.OfVerdict v && v.verdict().chain() != null) {
                        Integer at = added.get(key(e.tableFamily(), e.table(), v.verdict().chain()));
                        if (at != null && at > i) {
                            after = Math.max(after, at);
                        }
                    }
                }
            }
            if (after >= 0) {
                parked.computeIfAbsent(after, k -> new ArrayList<>()).add(op);
                continue;
            }
            out.add(op);
            out.addAll(parked.getOrDefault(i, List.of()));
        }
        return out;
    }

    private void command(String command, Node body, List<NftOperation> out, Map<String, NftSet> declared, BatchIds ids) {
        Map.Entry<String, Node> e = body.single();
        String kind = e.getKey();
        Node object = e.getValue();
        switch (command) {
            case "add", "create", "insert", "replace" -> object(command, kind, object, out, declared, ids);
            case "delete", "destroy" -> delete(command.equals("destroy"), kind, object, out);
            case "flush" -> flush(kind, object, out);
            default -> throw body.error("unknown command " + command);
        }
    }

    private void object(String command, String kind, Node body, List<NftOperation> out, Map<String, NftSet> declared,
                        BatchIds ids) {
        boolean exclusive = command.equals("create");
        if ((command.equals("insert") || command.equals("replace")) && !kind.equals("rule")) {
            throw body.error(command + " applies to rules only, not to " + kind);
        }
        switch (kind) {
            case "table" -> out.add(new NftOperation.AddTable(table(body), exclusive));
            case "chain" -> out.add(new NftOperation.AddChain(chain(body), exclusive));
            case "rule" -> out.addAll(rule(command, body, declared, ids));
            case "set", "map" -> {
                NftSet set = at(body, jsonSets.declaration(kind.equals("map"), body)::set).withId(ids.nextSet());
                declared.put(key(set.family(), set.table(), set.name()), set);
                out.add(new NftOperation.AddSet(set, exclusive));
                Node elem = body.optional("elem");
                if (elem != null) {
                    List<SetElement> elements = jsonSets.declared(set, elem);
                    if (!elements.isEmpty()) {
                        out.addAll(NftOperation.addElements(set.family(), set.table(), set.name(), elements));
                    }
                }
            }
            case "element" -> {
                NftSet set = referencedSet(body, declared);
                List<SetElement> elements = jsonSets.elements(set, body.member("elem"), false);
                if (exclusive) {
                    out.add(new NftOperation.AddElements(set.family(), set.table(), set.name(), 0, elements, true));
                } else {
                    out.addAll(NftOperation.addElements(set.family(), set.table(), set.name(), elements));
                }
            }
            case "counter", "quota", "limit" -> out.add(new NftOperation.AddObject(namedObject(kind, body), exclusive));
            case "ct helper", "ct timeout", "ct expectation", "synproxy", "secmark" ->
                    out.add(new NftOperation.AddObject(JsonObjects.object(kind, body), exclusive));
            case "flowtable" -> out.add(new NftOperation.AddFlowtable(JsonObjects.flowtable(body), exclusive));
            default -> throw body.error("unsupported object \"" + kind
                    + "\" (nftlink reads table, chain, rule, set, map, element, flowtable, counter, quota, limit, "
                    + "ct helper, ct timeout, ct expectation, synproxy and secmark)");
        }
    }

    private NftSet referencedSet(Node body, Map<String, NftSet> declared) {
        body.only(Set.of("family", "table", "name", "elem"));
        Family family = family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        NftSet set = declared.get(key(family, table, name));
        if (set == null) {
            set = sets.find(family, table, name).orElseThrow(() -> body.member("name").error("set " + name
                    + " in table " + family.nftName() + " " + table + " is neither declared in the document nor known"));
        }
        return set;
    }

    private static String key(Family family, String table, String name) {
        return family.nftName() + " " + table + " " + name;
    }

    private void delete(boolean ignoreMissing, String kind, Node body, List<NftOperation> out) {
        Family family = family(body);
        switch (kind) {
            case "table" -> out.add(new NftOperation.DeleteTable(family, body.member("name").string(), ignoreMissing));
            case "chain" -> out.add(new NftOperation.DeleteChain(family, body.member("table").string(),
                    body.member("name").string(), ignoreMissing));
            case "set", "map" -> out.add(new NftOperation.DeleteSet(family, body.member("table").string(),
                    body.member("name").string(), ignoreMissing));
            case "rule" -> out.add(new NftOperation.DeleteRule(family, body.member("table").string(),
                    body.member("chain").string(), body.member("handle").number(Long.MAX_VALUE)));
            case "element" -> {
                NftSet set = referencedSet(body, Map.of());
                out.addAll(NftOperation.deleteElements(set.family(), set.table(), set.name(),
                        jsonSets.elements(set, body.member("elem"), true)));
            }
            case "counter", "quota", "limit", "ct helper", "ct timeout", "ct expectation", "synproxy", "secmark" -> {
                int type = ObjectRenderer.type(kind);
                String table = body.member("table").string();
                Node name = body.optional("name");
                out.add(name != null
                        ? new NftOperation.DeleteObject(family, table, type, name.string(), 0, ignoreMissing)
                        : new NftOperation.DeleteObject(family, table, type, null, body.member("handle").number(Long.MAX_VALUE),
                        ignoreMissing));
            }
            case "flowtable" -> out.add(new NftOperation.DeleteFlowtable(family, body.member("table").string(),
                    body.member("name").string(), ignoreMissing));
            default -> throw body.error("unsupported object \"" + kind + "\" to delete");
        }
    }

    private void flush(String kind, Node body, List<NftOperation> out) {
        switch (kind) {
            case "ruleset" -> {
                if (body.isNull()) {
                    out.add(new NftOperation.FlushRuleset(null));
                } else {
                    Node f = body.optional("family");
                    out.add(new NftOperation.FlushRuleset(f == null ? null : family(body)));
                }
            }
            case "table" -> out.add(new NftOperation.FlushTable(family(body), body.member("name").string()));
            case "chain" -> out.add(new NftOperation.FlushChain(family(body), body.member("table").string(),
                    body.member("name").string()));
            case "set", "map" -> out.add(new NftOperation.FlushSet(family(body), body.member("table").string(),
                    body.member("name").string()));
            default -> throw body.error("unsupported object \"" + kind + "\" to flush");
        }
    }

    /** A named counter, quota or limit, as nft lists them. */
    private static NftObject namedObject(String kind, Node body) {
        Family family = family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        Node comment = body.optional("comment");
        ObjectData data = switch (kind) {
            case "counter" -> {
                body.only(Set.of("family", "table", "name", "handle", "comment", "packets", "bytes"));
                yield new ObjectData.Counter(body.optional("packets") == null ? 0 : body.member("packets").number(Long.MAX_VALUE),
                        body.optional("bytes") == null ? 0 : body.member("bytes").number(Long.MAX_VALUE));
            }
            case "quota" -> {
                body.only(Set.of("family", "table", "name", "handle", "comment", "bytes", "used", "inv"));
                boolean over = body.optional("inv") != null && body.member("inv").bool();
                yield new ObjectData.Quota(body.member("bytes").number(Long.MAX_VALUE),
                        body.optional("used") == null ? 0 : body.member("used").number(Long.MAX_VALUE),
                        over ? NfTables.NFT_QUOTA_F_INV : 0);
            }
            default -> {
                Statement.LimitStatement l = (Statement.LimitStatement) limit(withoutObjectMembers(body));
                yield new ObjectData.Limit(l.rate(), l.period().seconds(), (int) l.burst(),
                        l.bytes() ? NfTables.NFT_LIMIT_PKT_BYTES : NfTables.NFT_LIMIT_PKTS, l.over() ? NfTables.NFT_LIMIT_F_INV : 0);
            }
        };
        return at(body, () -> {
            NftObject o = NftObject.of(family, table, name, data);
            return comment == null ? o : o.withComment(comment.string());
        });
    }

    /** A limit object's body without the members that name the object, to read it as a limit statement. */
    private static Node withoutObjectMembers(Node body) {
        java.util.LinkedHashMap<String, JsonValue> m = new java.util.LinkedHashMap<>(body.object().members());
        for (String k : List.of("family", "table", "name", "handle", "comment")) {
            m.remove(k);
        }
        return new Node(new JsonValue.Obj(m), body.path());
    }

    // ---- tables and chains ----

    static Family family(Node body) {
        Node f = body.optional("family");
        if (f == null) {
            return Family.IP;
        }
        String name = f.string();
        try {
            return Family.ofName(name);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    static <T> T at(Node node, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (JsonException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw node.error(e.getMessage());
        }
    }

    private static Table table(Node body) {
        body.only(Set.of("family", "name", "handle", "flags", "comment"));
        Family family = family(body);
        String name = body.member("name").string();
        int flags = 0;
        Node f = body.optional("flags");
        if (f != null) {
            for (Node flag : f.arrayOrSingle()) {
                flags |= switch (flag.string()) {
                    case "dormant" -> NfTables.NFT_TABLE_F_DORMANT;
                    case "owner" -> NfTables.NFT_TABLE_F_OWNER;
                    case "persist" -> 4;
                    default -> throw flag.error("unknown table flag \"" + flag.string() + "\"");
                };
            }
        }
        Node comment = body.optional("comment");
        int fl = flags;
        return at(body, () -> {
            Table t = Table.of(family, name).withFlags(fl);
            return comment == null ? t : t.withComment(comment.string());
        });
    }

    private Chain chain(Node body) {
        body.only(Set.of("family", "table", "name", "handle", "type", "hook", "prio", "policy", "dev", "comment"));
        Family family = family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        Node hookNode = body.optional("hook");
        Node comment = body.optional("comment");
        Chain chain;
        if (hookNode == null) {
            for (String k : List.of("type", "prio", "policy", "dev")) {
                if (body.optional(k) != null) {
                    throw body.member(k).error("\"" + k + "\" needs a base chain (\"type\", \"hook\" and \"prio\")");
                }
            }
            chain = at(body, () -> Chain.regular(family, table, name));
        } else {
            Node typeNode = body.member("type");
            ChainType type = at(typeNode, () -> ChainType.ofName(typeNode.string()));
            Hook hook = at(hookNode, () -> Hook.ofName(hookNode.string()));
            at(hookNode, () -> hook.number(family));
            Node prioNode = body.member("prio");
            int priority;
            if (prioNode.value() instanceof JsonValue.Str s) {
                priority = ChainPriority.valueOf(family, hook, s.value()).orElseThrow(() -> prioNode.error(
                        "unknown priority \"" + s.value() + "\" for a " + family.nftName() + " " + hook.nftName() + " chain"));
            } else {
                priority = (int) prioNode.signed(Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            Node policyNode = body.optional("policy");
            ChainPolicy policy = policyNode == null ? null : at(policyNode, () -> ChainPolicy.ofName(policyNode.string()));
            List<String> devices = new ArrayList<>();
            Node dev = body.optional("dev");
            if (dev != null) {
                for (Node d : dev.arrayOrSingle()) {
                    devices.add(d.string());
                }
            }
            chain = at(body, () -> Chain.base(family, table, name, new BaseChain(type, hook, priority, devices, policy)));
        }
        return comment == null ? chain : chain.withComment(comment.string());
    }

    // ---- rules ----

    private List<NftOperation> rule(String command, Node body, Map<String, NftSet> declared, BatchIds ids) {
        Family ruleFamily = family(body);
        String ruleTable = body.member("table").string();
        ruleSets = name -> {
            NftSet set = declared.get(key(ruleFamily, ruleTable, name));
            try {
                return set != null ? set : sets.find(ruleFamily, ruleTable, name).orElse(null);
            } catch (RuntimeException unknown) {
                return null;
            }
        };
        RuleSpec spec;
        try {
            spec = withMapData(ruleSpec(body), declared);
        } finally {
            ruleSets = name -> null;
        }
        long handle = body.optional("handle") == null ? 0 : body.member("handle").number(Long.MAX_VALUE);
        long position = body.optional("position") == null ? 0 : body.member("position").number(Long.MAX_VALUE);
        Linearizer.Result result = at(body, () -> Linearizer.linearize(spec, ids));
        List<NftOperation> ops = new ArrayList<>();
        for (Linearizer.AnonymousSet s : result.sets()) {
            ops.add(new NftOperation.AddSet(s.set(), false));
            ops.add(new NftOperation.AddElements(s.set().family(), s.set().table(), s.set().name(), s.set().id(),
                    s.elements(), false));
        }
        Rule rule = NamedSetLookups.withByteOrder(result.rule(), name -> {
            NftSet set = declared.get(key(spec.family(), spec.table(), name));
            try {
                return set != null ? set : sets.find(spec.family(), spec.table(), name).orElse(null);
            } catch (RuntimeException unknown) {
                return null;
            }
        });
        ops.add(switch (command) {
            case "insert" -> new NftOperation.InsertRule(rule.withPosition(position));
            case "replace" -> {
                if (handle == 0) {
                    throw body.error("replace needs the \"handle\" of the rule to replace");
                }
                yield new NftOperation.ReplaceRule(rule.withHandle(handle));
            }
            default -> new NftOperation.AddRule(rule.withPosition(position));
        });
        return ops;
    }

    /** {@code spec} with nat to named maps of {@code ADDRESS . PORT} reading the port too (the map is declared or known). */
    private RuleSpec withMapData(RuleSpec spec, Map<String, NftSet> declared) {
        List<Statement> statements = Statement.NatStatement.withNamedMapData(spec.statements(), name -> {
            NftSet set = declared.get(key(spec.family(), spec.table(), name));
            if (set == null) {
                set = sets.find(spec.family(), spec.table(), name).orElse(null);
            }
            return set == null || !set.isMap() ? null : Datatype.parts(set.dataType());
        }, name -> {
            NftSet set = declared.get(key(spec.family(), spec.table(), name));
            if (set == null) {
                set = sets.find(spec.family(), spec.table(), name).orElse(null);
            }
            return set != null && set.userdata() != null
                    && nftlink.nftables.lang.SetUserdata.decode(set.userdata()).dataInterval() == 1;
        });
        return new RuleSpec(spec.family(), spec.table(), spec.chain(), statements, spec.comment(), spec.handle());
    }

    /**
     * Reads the body of a {@code "rule"} object ({@code family}, {@code table},
     * {@code chain}, {@code expr}, optional {@code comment} and {@code handle}) into a rule.
     *
     * @param body the body and its JSON path
     * @throws JsonException for statements that are not valid, or not supported
     */
    public RuleSpec ruleSpec(JsonValue body, String path) {
        return ruleSpec(new Node(body, path));
    }

    private RuleSpec ruleSpec(Node body) {
        body.only(Set.of("family", "table", "chain", "handle", "position", "index", "comment", "expr"));
        if (body.optional("index") != null) {
            throw body.member("index").error("unsupported: \"index\" (use \"position\" with a rule handle)");
        }
        Family family = family(body);
        String table = body.member("table").string();
        String chain = body.member("chain").string();
        List<Statement> statements = new ArrayList<>();
        for (Node s : body.member("expr").array()) {
            Statement st = statement(family, s);
            if (st instanceof Statement.RejectStatement r && s.single().getValue().isNull()) {
                st = Statement.RejectStatement.inContext(family, statements);
            }
            statements.add(st);
        }
        Node comment = body.optional("comment");
        long handle = body.optional("handle") == null ? 0 : body.member("handle").number(Long.MAX_VALUE);
        return at(body, () -> new RuleSpec(family, table, chain, statements, comment == null ? null : comment.string(), handle));
    }

    private Statement statement(Family family, Node node) {
        Map.Entry<String, Node> e = node.single();
        String kind = e.getKey();
        Node body = e.getValue();
        ObjectType objectType = ObjectType.named(kind).orElse(null);
        if (objectType != null && body.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && o.members().containsKey("map")) {
            return objectMap(objectType, body.member("map"));
        }
        return switch (kind) {
            case "match" -> match(body);
            case "accept", "drop", "continue", "return" -> {
                if (!body.isNull()) {
                    throw body.error("expected null");
                }
                yield new Statement.VerdictStatement(switch (kind) {
                    case "accept" -> Verdict.ACCEPT;
                    case "drop" -> Verdict.DROP;
                    case "continue" -> Verdict.CONTINUE;
                    default -> Verdict.RETURN;
                });
            }
            case "jump", "goto" -> new Statement.VerdictStatement(verdict(node));
            case "counter" -> {
                if (body.isNull()) {
                    yield new Statement.CounterStatement(0, 0);
                }
                if (body.value() instanceof JsonValue.Str s) {
                    yield new Statement.ObjectReference(ObjectType.COUNTER, s.value());
                }
                body.only(Set.of("packets", "bytes"));
                long packets = body.optional("packets") == null ? 0 : body.member("packets").number(Long.MAX_VALUE);
                long bytes = body.optional("bytes") == null ? 0 : body.member("bytes").number(Long.MAX_VALUE);
                yield new Statement.CounterStatement(packets, bytes);
            }
            case "mangle" -> mangle(body);
            case "log" -> log(body);
            case "limit" -> body.value() instanceof JsonValue.Str s
                    ? new Statement.ObjectReference(ObjectType.LIMIT, s.value()) : limit(body);
            case "quota" -> body.value() instanceof JsonValue.Str s
                    ? new Statement.ObjectReference(ObjectType.QUOTA, s.value()) : quota(body);
            case "ct helper", "ct timeout", "ct expectation", "secmark" ->
                    new Statement.ObjectReference(objectType, body.string());
            case "reset" -> {
                // {"reset": {"tcp option": {"name": NAME}}} or {"base": KIND}
                body.only(Set.of("tcp option"));
                Node option = body.member("tcp option");
                option.only(Set.of("name", "base"));
                int optionKind;
                if (option.optional("base") != null) {
                    optionKind = (int) option.member("base").number(255);
                } else {
                    String name = option.member("name").string();
                    optionKind = name.matches("\\d+") ? Integer.parseInt(name) : Fields.presence("tcp option " + name)
                            .map(nftlink.nftables.lang.ExthdrField::type)
                            .orElseThrow(() -> option.member("name").error("unknown tcp option \"" + name + "\""));
                }
                int k = optionKind;
                yield at(option, () -> new Statement.TcpOptionReset(k));
            }
            case "queue" -> queue(body);
            case "ct count" -> {
                body.only(Set.of("val", "inv"));
                int count = (int) body.member("val").number(0xffffffffL);
                boolean over = body.optional("inv") != null && body.member("inv").value() instanceof JsonValue.Bool b && b.value();
                yield new Statement.ConnlimitStatement(count, over);
            }
            case "tproxy" -> tproxy(body);
            case "synproxy" -> body.value() instanceof JsonValue.Str s
                    ? new Statement.ObjectReference(ObjectType.SYNPROXY, s.value()) : synproxy(body);
            case "dup" -> {
                body.only(Set.of("addr", "dev"));
                Node addr = body.optional("addr");
                Node dev = body.optional("dev");
                if (family == Family.NETDEV && dev == null && addr != null) {
                    // nft writes a netdev dup's device as its "addr"
                    if (isMap(addr)) {
                        Field devices = mapLookup(addr.single().getValue(), DEVICE_TARGET);
                        yield at(body, () -> new Statement.DupStatement(null, null, null, devices));
                    }
                    int device = device(addr);
                    yield new Statement.DupStatement(null, device);
                }
                if (addr != null && isMap(addr)) {
                    Field addresses = mapLookup(addr.single().getValue(), family == Family.IP6 ? PayloadField.IP6_SADDR : PayloadField.IP_SADDR);
                    Integer device = dev == null ? null : device(dev);
                    yield at(body, () -> new Statement.DupStatement(null, device, addresses, null));
                }
                Bytes address = addr == null ? null : address(addr);
                Integer device = dev == null ? null : device(dev);
                yield at(body, () -> new Statement.DupStatement(address, device));
            }
            case "fwd" -> {
                body.only(Set.of("dev", "family", "addr"));
                if (isMap(body.member("dev")) && body.optional("addr") == null) {
                    Field devices = mapLookup(body.member("dev").single().getValue(), DEVICE_TARGET);
                    yield at(body, () -> new Statement.FwdStatement(0, null, devices));
                }
                int device = device(body.member("dev"));
                Node addr = body.optional("addr");
                Bytes address = addr == null ? null : address(addr);
                yield at(body, () -> new Statement.FwdStatement(device, address));
            }
            case "last" -> new Statement.LastStatement(body.isNull() ? null : body.member("used").number(Long.MAX_VALUE));
            case "set", "map" -> dynset(family, body);
            case "reject" -> reject(family, body);
            case "notrack" -> {
                if (!body.isNull()) {
                    throw body.error("expected null");
                }
                yield new Statement.NotrackStatement();
            }
            case "snat", "dnat" -> nat(family, kind.equals("dnat"), body);
            case "masquerade", "redirect" -> {
                Integer[] ports = {null, null};
                Set<NatFlag> flags = Set.of();
                if (!body.isNull()) {
                    body.only(Set.of("port", "flags"));
                    Node port = body.optional("port");
                    flags = natFlags(body.optional("flags"));
                    if (port != null && kind.equals("redirect") && isMap(port)) {
                        // redirect to a port from a map: {"map": {"key": FIELD, "data": {"set": [[K, PORT], ...]}}}
                        Field source = mapLookup(port.single().getValue(), PayloadField.TCP_DPORT);
                        Set<NatFlag> f = flags;
                        yield at(body, () -> new Statement.RedirectStatement(null, null, f, source));
                    }
                    if (port != null) {
                        ports = ports(port);
                    }
                }
                yield kind.equals("masquerade") ? new Statement.MasqueradeStatement(ports[0], ports[1], flags)
                        : new Statement.RedirectStatement(ports[0], ports[1], flags);
            }
            case "vmap" -> vmap(body);
            default -> throw node.error("unsupported statement \"" + kind + "\"");
        };
    }

    private Statement match(Node body) {
        body.only(Set.of("op", "left", "right"));
        Node opNode = body.optional("op");
        String opText = opNode == null ? "==" : opNode.string();
        if (opText.equals("!")) {
            // FIELD ! FLAGS: none of the flags is set
            Field flagsField = field(body.member("left"));
            if (!flagsField.datatype().isBitmask()) {
                throw opNode.error("\"!\" tests flags, and " + flagsField.text() + " holds no flags");
            }
            Bytes flags = single(flagsField, body.member("right"));
            return at(body, () -> new Match(nftlink.nftables.lang.MaskedField.and(flagsField, flags), Match.Op.EQ,
                    new Value.Single(Bytes.of(new byte[flagsField.length()]))));
        }
        Match.Op op = switch (opText) {
            case "==", "in" -> Match.Op.EQ;
            case "!=" -> Match.Op.NEQ;
            case "<" -> Match.Op.LT;
            case ">" -> Match.Op.GT;
            case "<=" -> Match.Op.LTE;
            case ">=" -> Match.Op.GTE;
            default -> throw opNode.error("unknown operator \"" + opText + "\" (expected ==, !=, <, >, <=, >= or in)");
        };
        Node left = body.member("left");
        // constants in a concatenation on the left are read as the key of the set on the right
        constantsSet = body.member("right").value() instanceof JsonValue.Str r && r.value().startsWith("@")
                ? r.value().substring(1) : null;
        Map.Entry<String, Node> leftKind = left.value() instanceof JsonValue.Obj o && o.members().size() == 1 ? left.single() : null;
        if (leftKind != null && leftKind.getKey().equals("^")) {
            // FIELD ^ C == V is FIELD == V ^ C
            List<Node> operands = leftKind.getValue().array();
            if (operands.size() != 2) {
                throw leftKind.getValue().error("expected [FIELD, CONSTANT]");
            }
            Field field = field(operands.get(0));
            Bytes xor = single(field, operands.get(1));
            Bytes v = single(field, body.member("right"));
            byte[] folded = v.toArray();
            for (int i = 0; i < folded.length && i < xor.length(); i++) {
                folded[i] ^= (byte) xor.get(i);
            }
            return at(body, () -> new Match(field, op, new Value.Single(Bytes.of(folded))));
        }
        Field parsed = leftKind != null && (leftKind.getKey().equals("&") || leftKind.getKey().equals("|"))
                ? valueField(left) : field(left);
        if (parsed instanceof nftlink.nftables.lang.MaskedField m && m.field() instanceof nftlink.nftables.lang.PayloadBitField) {
            throw left.error("unsupported: & or | on the bit field " + m.field().text() + " in a match");
        }
        // {"fib": ...} == true: whether the lookup has a result (fib daddr oif exists)
        if (parsed instanceof nftlink.nftables.lang.ExpressionField x && x.text().startsWith("fib ")
                && body.member("right").value() instanceof JsonValue.Bool) {
            nftlink.nftables.lang.ExpressionField present = at(left, x::presence);
            Value exists = value(present, body.member("right"));
            return at(body, () -> new Match(present, op, exists));
        }
        // {"tcp option": {"base": 6, "len": 8, "offset": 0}} == true: whether option 6 is there
        Field field = parsed instanceof nftlink.nftables.lang.ExthdrField x && x.op() == nftlink.nftables.expr.Exthdr.Op.TCPOPT
                && x.name() != null && x.name().isEmpty() && x.bitOffset() == 0 && x.bits() == 8
                && body.member("right").value() instanceof JsonValue.Bool
                ? at(left, () -> nftlink.nftables.lang.ExthdrField.tcpOption(x.type())) : parsed;
        Value value = value(field, body.member("right"));
        return at(body, () -> new Match(field, op, value));
    }

    /**
     * {@code {"map": {"key": FIELD, "data": "@NAME" | {"set": [[KEY, DATA], ...]}}}}: a value looked up
     * in a map, its data values of {@code target}'s type.
     */
    private Field mapLookup(Node body, Field target) {
        body.only(Set.of("key", "data"));
        Field key = field(body.member("key"));
        Node data = body.member("data");
        if (data.value() instanceof JsonValue.Str s && s.value().startsWith("@")) {
            String name = s.value().substring(1);
            return at(body, () -> new nftlink.nftables.lang.MapLookupField(key, target.datatype(), target.length(), List.of(), name));
        }
        List<nftlink.nftables.lang.MapLookupField.Entry> entries = new ArrayList<>();
        for (Node item : data.member("set").array()) {
            List<Node> pair = item.array();
            if (pair.size() != 2) {
                throw item.error("expected [KEY, DATA]");
            }
            entries.add(mapEntry(key, pair.get(0), single(target, pair.get(1))));
        }
        return at(body, () -> new nftlink.nftables.lang.MapLookupField(key, target.datatype(), target.length(), entries, null));
    }

    /** {@code {"counter": {"map": {"key": KEY, "data": "@NAME" | {"set": [[K, "OBJ"], ...]}}}}}. */
    private Statement objectMap(ObjectType type, Node body) {
        body.only(Set.of("key", "data"));
        Field key = mapKey(body.member("key"));
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
            Value k = setItem(key, pair.get(0));
            String object = pair.get(1).string();
            entries.add(at(pair.get(0), () -> new Statement.ObjectMap.Entry(k, object)));
        }
        return at(body, () -> new Statement.ObjectMap(type, key, entries, null));
    }

    /** The catch-all key {@code "*"} of a map. */
    private static boolean isCatchAll(Node key) {
        return key.value() instanceof JsonValue.Str s && s.value().equals("*");
    }

    /** fib, rt, osf and ipsec in libnftables' JSON, read as the words of their nft text. */
    private Field expressionField(String kind, Node body) {
        List<String> words = new ArrayList<>(List.of(kind));
        switch (kind) {
            case "fib" -> {
                body.only(Set.of("result", "flags"));
                List<Node> flags = body.member("flags").arrayOrSingle();
                for (int i = 0; i < flags.size(); i++) {
                    if (i > 0) {
                        words.add(".");
                    }
                    words.add(flags.get(i).string());
                }
                words.add(body.member("result").string());
            }
            case "rt" -> {
                body.only(Set.of("key", "family"));
                if (body.optional("family") != null) {
                    words.add(body.member("family").string());
                }
                words.add(body.member("key").string());
            }
            case "osf" -> {
                body.only(Set.of("key", "ttl"));
                if (body.optional("ttl") != null) {
                    words.add("ttl");
                    words.add(body.member("ttl").string());
                }
                words.add(body.member("key").string());
            }
            default -> {
                body.only(Set.of("key", "dir", "spnum", "family"));
                words.add(body.member("dir").string());
                long spnum = body.optional("spnum") == null ? 0 : body.member("spnum").number(255);
                if (spnum != 0) {
                    words.add("spnum");
                    words.add(Long.toString(spnum));
                }
                if (body.optional("family") != null) {
                    words.add(body.member("family").string());
                }
                words.add(body.member("key").string());
            }
        }
        nftlink.nftables.lang.ExpressionField f = at(body, () -> nftlink.nftables.lang.ExpressionField.parse(words));
        if (f == null) {
            throw body.error("unsupported " + kind + " expression \"" + String.join(" ", words) + "\"");
        }
        return f;
    }

    /**
     * A 32-bit value computed from a field, {@code {"|": [{"<<": [FIELD, N]}, C]}}, or {@code null}
     * when the value is no such computation (or its field is not one nftlink computes with).
     */
    private nftlink.nftables.lang.BinopField binop(Node node) {
        Map.Entry<String, Node> e = node.single();
        switch (e.getKey()) {
            case "<<", ">>", "&", "|", "^" -> {
                List<Node> operands = e.getValue().array();
                if (operands.size() != 2) {
                    throw e.getValue().error("expected [VALUE, CONSTANT]");
                }
                nftlink.nftables.lang.BinopField inner = binop(operands.get(0));
                if (inner == null) {
                    return null;
                }
                Node right = operands.get(1);
                if (e.getKey().equals("<<") || e.getKey().equals(">>")) {
                    int bits = (int) right.number(31);
                    nftlink.nftables.lang.BinopField in = inner;
                    return at(node, () -> in.shifted(e.getKey().equals("<<") ? bits : -bits));
                }
                long constant;
                if (right.value() instanceof JsonValue.Num) {
                    constant = right.number(0xffffffffL);
                } else {
                    Field source = inner.source();
                    Bytes b = at(right, () -> source.datatype().parse(right.string(), source.valueLength()));
                    constant = new java.math.BigInteger(1, b.toArray()).longValue();
                }
                return switch (e.getKey()) {
                    case "&" -> inner.and(constant);
                    case "|" -> inner.or(constant);
                    default -> inner.xor(constant);
                };
            }
            default -> {
                Field f = field(node);
                try {
                    return nftlink.nftables.lang.BinopField.of(f);
                } catch (IllegalArgumentException notComputable) {
                    return null;
                }
            }
        }
    }

    /**
     * The key of a verdict or object map: a field, a 32-bit value computed from one with a shift
     * ({@code {"&": [{">>": [{"meta": {"key": "mark"}}, 8]}, 15]}}), or a masked field.
     */
    private Field mapKey(Node node) {
        if (node.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && Set.of("<<", ">>", "&", "|", "^").contains(node.single().getKey())) {
            nftlink.nftables.lang.BinopField computed = binop(node);
            if (computed != null && computed.shift() != 0) {
                return computed;
            }
            // a masked key: {"&": [{"payload": {"protocol": "tcp", "field": "flags"}}, {"|": ["ack", "urg"]}]}
            return valueField(node);
        }
        return field(node);
    }

    /** Whether {@code node} is {@code {"|"|"&"|"^": [...]}} with at least two values from the packet among its operands. */
    private static boolean isCombination(Node node) {
        if (!(node.value() instanceof JsonValue.Obj o) || o.members().size() != 1) {
            return false;
        }
        Map.Entry<String, Node> e = node.single();
        if (!Set.of("|", "&", "^").contains(e.getKey()) || !(e.getValue().value() instanceof JsonValue.Arr a)) {
            return false;
        }
        return a.items().stream().filter(JsonValue.Obj.class::isInstance).count() >= 2;
    }

    /** Values combined left to right; constants apply to everything before them. */
    private Field combination(Node node) {
        Map.Entry<String, Node> e = node.single();
        nftlink.nftables.lang.CombinedField.Op op = switch (e.getKey()) {
            case "&" -> nftlink.nftables.lang.CombinedField.Op.AND;
            case "|" -> nftlink.nftables.lang.CombinedField.Op.OR;
            default -> nftlink.nftables.lang.CombinedField.Op.XOR;
        };
        List<Node> operands = e.getValue().array();
        Field value = combinationOperand(operands.getFirst());
        for (Node operand : operands.subList(1, operands.size())) {
            if (operand.value() instanceof JsonValue.Obj) {
                Field left = value;
                Field right = combinationOperand(operand);
                value = at(operand, () -> new nftlink.nftables.lang.CombinedField(left, op, right));
            } else {
                if (value instanceof nftlink.nftables.lang.MaskedField || op == nftlink.nftables.lang.CombinedField.Op.XOR) {
                    throw operand.error("unsupported: more than one operation with constants on a combination of values");
                }
                Bytes k = Bytes.u32((int) operand.number(0xffffffffL));
                Field v = value;
                value = at(operand, () -> op == nftlink.nftables.lang.CombinedField.Op.AND
                        ? nftlink.nftables.lang.MaskedField.and(v, k) : nftlink.nftables.lang.MaskedField.or(v, k));
            }
        }
        return value;
    }

    /** One operand of a combination: a field (a bit field's value), a combination, or a field {@code &} a constant. */
    private Field combinationOperand(Node node) {
        if (isCombination(node)) {
            return combination(node);
        }
        Field f = node.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && (o.members().containsKey("&") || o.members().containsKey("|")) ? valueField(node) : field(node);
        if (f instanceof nftlink.nftables.lang.PayloadBitField) {
            return at(node, () -> nftlink.nftables.lang.BinopField.of(f));
        }
        return f;
    }

    /** The value of constants combined with {@code &}, {@code |} and {@code ^}, or {@code null} when a field takes part. */
    private Bytes folded(Field field, Node node) {
        if (!(node.value() instanceof JsonValue.Obj)) {
            return single(field, node);
        }
        Map.Entry<String, Node> e = node.single();
        if (!Set.of("&", "|", "^").contains(e.getKey()) || !(e.getValue().value() instanceof JsonValue.Arr)) {
            return null;
        }
        List<Node> operands = e.getValue().array();
        if (operands.size() != 2) {
            return null;
        }
        Bytes a = folded(field, operands.get(0));
        Bytes b = a == null ? null : folded(field, operands.get(1));
        if (b == null || a.length() != b.length()) {
            return null;
        }
        byte[] x = a.toArray();
        byte[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) switch (e.getKey()) {
                case "&" -> x[i] & y[i];
                case "|" -> x[i] | y[i];
                default -> x[i] ^ y[i];
            };
        }
        return Bytes.of(x);
    }

    /** A value computed from the packet: a field, or {@code {"&"|"|"|"^": [FIELD, CONSTANT]}}. */
    private Field valueField(Node node) {
        Map.Entry<String, Node> e = node.single();
        if (e.getKey().equals("^")) {
            List<Node> operands = e.getValue().array();
            if (operands.size() != 2) {
                throw e.getValue().error("expected [FIELD, CONSTANT]");
            }
            Field inner = field(operands.get(0));
            Bytes constant = single(inner, operands.get(1));
            return at(node, () -> nftlink.nftables.lang.MaskedField.xor(inner, constant));
        }
        if (e.getKey().equals("&") || e.getKey().equals("|")) {
            List<Node> operands = e.getValue().array();
            if (operands.size() < 2) {
                throw e.getValue().error("expected [FIELD, CONSTANT, ...]");
            }
            Field inner = field(operands.get(0));
            // more constants fold into one: {"|": [FIELD, "ecn", "cwr"]}
            byte[] combined = single(inner, operands.get(1)).toArray();
            for (Node more : operands.subList(2, operands.size())) {
                byte[] b = single(inner, more).toArray();
                for (int i = 0; i < combined.length && i < b.length; i++) {
                    combined[i] = (byte) (e.getKey().equals("&") ? combined[i] & b[i] : combined[i] | b[i]);
                }
            }
            Bytes constant = Bytes.of(combined);
            return at(node, () -> e.getKey().equals("&") ? nftlink.nftables.lang.MaskedField.and(inner, constant)
                    : nftlink.nftables.lang.MaskedField.or(inner, constant));
        }
        return field(node);
    }

    private Field field(Node node) {
        Map.Entry<String, Node> e = node.single();
        Node body = e.getValue();
        return switch (e.getKey()) {
            case "payload" -> {
                if (body.optional("base") != null) {
                    // raw bits: {"base": "nh", "offset": 8, "len": 8}
                    body.only(Set.of("base", "offset", "len"));
                    String baseName = body.member("base").string();
                    nftlink.nftables.expr.Payload.Base base = nftlink.nftables.lang.RawPayloadField.base(baseName);
                    if (base == null) {
                        throw body.member("base").error("unknown payload base \"" + baseName + "\" (expected ll, nh, th or ih)");
                    }
                    int offset = (int) body.member("offset").number(Integer.MAX_VALUE);
                    int len = (int) body.member("len").number(Integer.MAX_VALUE);
                    yield at(body, () -> new nftlink.nftables.lang.RawPayloadField(base, offset, len));
                }
                body.only(Set.of("tunnel", "protocol", "field"));
                String protocol = body.member("protocol").string();
                String name = body.member("field").string();
                Node tunnelNode = body.optional("tunnel");
                if (tunnelNode != null) {
                    InnerField.Tunnel tunnel = InnerField.Tunnel.named(tunnelNode.string());
                    if (tunnel == null) {
                        throw tunnelNode.error("unknown payload tunnel protocol \"" + tunnelNode.string()
                                + "\" (expected vxlan, geneve, gre or gretap)");
                    }
                    if (protocol.equals(tunnel.text())) {
                        yield InnerField.header(tunnel, name).orElseThrow(() -> body.error("unsupported payload field "
                                + protocol + " " + name));
                    }
                    Field inside = Fields.header(protocol, name).orElseThrow(() -> body.error("unsupported payload field "
                            + protocol + " " + name));
                    yield at(body, () -> new InnerField(tunnel, inside));
                }
                yield Fields.header(protocol, name).orElseThrow(() -> body.error("unsupported payload field "
                        + protocol + " " + name));
            }
            case "exthdr", "tcp option", "sctp chunk", "ip option" -> {
                if (e.getKey().equals("tcp option") && body.optional("base") != null) {
                    yield tcpOptionBits(body);
                }
                body.only(Set.of("name", "field"));
                String header = (e.getKey().equals("exthdr") ? "" : e.getKey() + " ") + body.member("name").string();
                Node f = body.optional("field");
                if (f == null) {
                    yield Fields.presence(header).orElseThrow(() -> body.error("unsupported " + e.getKey() + " " + header));
                }
                yield Fields.header(header, f.string()).orElseThrow(() -> body.error("unsupported " + e.getKey() + " field "
                        + header + " " + f.string()));
            }
            case "meta" -> {
                body.only(Set.of("key"));
                String k = body.member("key").string();
                yield Fields.meta(k).orElseThrow(() -> body.member("key").error("unsupported meta key \"" + k + "\""));
            }
            case "ct" -> {
                body.only(Set.of("key", "dir"));
                String k = body.member("key").string();
                Node dir = body.optional("dir");
                if (dir != null) {
                    String d = dir.string();
                    nftlink.nftables.expr.Ct.Direction direction = switch (d) {
                        case "original" -> nftlink.nftables.expr.Ct.Direction.ORIGINAL;
                        case "reply" -> nftlink.nftables.expr.Ct.Direction.REPLY;
                        default -> throw dir.error("unknown ct direction \"" + d + "\" (expected original or reply)");
                    };
                    yield Fields.ct(k, direction).orElseThrow(() -> body.member("key").error("unsupported ct key \"" + k
                            + "\" with direction " + d));
                }
                yield Fields.ct(k).orElseThrow(() -> body.member("key").error("unsupported ct key \"" + k + "\""));
            }
            case "socket" -> {
                body.only(Set.of("key", "level"));
                String key = body.member("key").string();
                if (key.equals("transparent") || key.equals("mark") || key.equals("wildcard")) {
                    body.only(Set.of("key"));
                    yield at(body, () -> nftlink.nftables.lang.ExpressionField.parse(List.of("socket", key)));
                }
                if (!key.equals("cgroupv2")) {
                    throw body.member("key").error("unsupported socket key \"" + key + "\" (expected transparent, mark, "
                            + "wildcard or cgroupv2)");
                }
                Node level = body.optional("level");
                if (level == null) {
                    throw body.error("socket cgroupv2 needs \"level\" (nft 1.0.6 leaves it out of its listings)");
                }
                yield new SocketCgroupField((int) level.number(255));
            }
            case "concat" -> {
                List<Node> items = body.array();
                List<Field> fields = items.stream().anyMatch(JsonConstants::isConstant)
                        ? JsonConstants.concat(items, this::field, constantsParts(true), "@" + constantsSet,
                        interfaces::indexOrNumber)
                        : new ArrayList<>(items.stream().map(this::field).toList());
                yield at(body, () -> new ConcatField(fields));
            }
            case "fib", "rt", "osf", "ipsec" -> expressionField(e.getKey(), body);
            case "jhash" -> {
                body.only(Set.of("expr", "mod", "seed", "offset"));
                Field key = field(body.member("expr"));
                int mod = (int) body.member("mod").number(0xffffffffL);
                Integer seed = body.optional("seed") == null ? null : (int) body.member("seed").number(0xffffffffL);
                int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffffffffL);
                yield at(body, () -> new nftlink.nftables.lang.HashField(key, mod, seed, offset));
            }
            case "symhash" -> {
                body.only(Set.of("mod", "offset"));
                int mod = (int) body.member("mod").number(0xffffffffL);
                int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffffffffL);
                yield at(body, () -> new nftlink.nftables.lang.ExpressionField(
                        new nftlink.nftables.expr.Hash.Symmetric(NfTables.NFT_REG_1, mod, offset)));
            }
            case "numgen" -> {
                body.only(Set.of("mode", "mod", "offset"));
                String mode = body.member("mode").string();
                nftlink.nftables.expr.Numgen.Type type = java.util.Arrays.stream(nftlink.nftables.expr.Numgen.Type.values())
                        .filter(t -> t.text().equals(mode)).findFirst()
                        .orElseThrow(() -> body.member("mode").error("unknown numgen mode \"" + mode + "\" (expected inc or random)"));
                int mod = (int) body.member("mod").number(0xffffffffL);
                int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffffffffL);
                yield at(body, () -> new nftlink.nftables.lang.ExpressionField(
                        new nftlink.nftables.expr.Numgen(type, NfTables.NFT_REG_1, mod, offset)));
            }
            default -> throw node.error("unsupported expression \"" + e.getKey() + "\" on the left of a match");
        };
    }

    private Value value(Field field, Node node) {
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
                        statements.add(elementStatements(item));
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
                        ? ConcatField.partOf(part, Scalars.parse(part.datatype(), part.valueLength(), n.value(), n.path()))
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
    private static Node elementValue(Node node) {
        if (node.value() instanceof JsonValue.Obj o && o.members().size() == 1 && o.members().containsKey("elem")) {
            return node.member("elem").member("val");
        }
        return node;
    }

    /**
     * The stateful statements of an anonymous set element, the members of {@code {"elem": {"val": VALUE,
     * "counter": {...}}}} besides its value; none for a plain value.
     */
    private List<Statement> elementStatements(Node node) {
        if (!(node.value() instanceof JsonValue.Obj o && o.members().size() == 1 && o.members().containsKey("elem"))) {
            return List.of();
        }
        Node elem = node.member("elem");
        List<Statement> out = new ArrayList<>();
        for (String name : elem.object().members().keySet()) {
            if (name.equals("val")) {
                continue;
            }
            Node member = elem.member(name);
            Statement st = statement(Family.INET, new Node(JsonValue.single(name, member.value()), member.path()));
            if (!StatefulStatements.isStateful(st)) {
                throw member.error("unsupported element member \"" + name + "\" (an element holds counter, limit, quota, "
                        + "ct count and last)");
            }
            out.add(st);
        }
        return out;
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
    private Value setItem(Field field, Node node) {
        if (isWildcard(field, node.value())) {
            Bytes prefix = single(field, node);
            byte[] low = new byte[field.length()];
            byte[] high = new byte[field.length()];
            java.util.Arrays.fill(high, (byte) 0xff);
            System.arraycopy(prefix.toArray(), 0, low, 0, prefix.length());
            System.arraycopy(prefix.toArray(), 0, high, 0, prefix.length());
            return new Value.Range(Bytes.of(low), Bytes.of(high));
        }
        return value(field, node);
    }

    private Bytes single(Field field, Node node) {
        if (field instanceof ConcatField concat) {
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
                        ? ConcatField.partOf(part, Scalars.parse(part.datatype(), part.valueLength(), parts.get(i).value(), parts.get(i).path()))
                        : single(part, parts.get(i));
            }
            return at(node, () -> concat.key(values));
        }
        if (field instanceof MetaField m && m.key() == Meta.Key.PRIORITY) {
            return Scalars.parseTcHandle(node.value(), node.path());
        }
        if ((field.datatype() == Datatype.UID || field.datatype() == Datatype.GID) && node.value() instanceof JsonValue.Str user
                && !user.value().matches("\\d+")) {
            // a user or group name, as nft takes it
            return at(node, () -> Bytes.u32(field.datatype() == Datatype.UID ? nftlink.nftables.parse.Accounts.uid(user.value())
                    : nftlink.nftables.parse.Accounts.gid(user.value())));
        }
        if (field.datatype() == Datatype.IFINDEX && node.value() instanceof JsonValue.Str name) {
            return at(node, () -> Bytes.u32(interfaces.indexOrNumber(name.value())));
        }
        if (field instanceof SocketCgroupField && node.value() instanceof JsonValue.Str s && !s.value().matches("\\d+")) {
            long id;
            try {
                id = cgroups.cgroupId(s.value());
            } catch (RuntimeException e) {
                throw node.error("cgroup \"" + s.value() + "\": " + e.getMessage());
            }
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (id >>> (8 * i));
            }
            return Bytes.of(b);
        }
        if (field instanceof CtField ct && ct.datatype() == nftlink.nftables.lang.Datatype.CT_STATE
                && node.value() instanceof JsonValue.Num n) {
            return Bytes.u32((int) node.number(0xffffffffL));
        }
        if (field instanceof nftlink.nftables.lang.ExthdrField x && x.presence() && node.value() instanceof JsonValue.Bool b) {
            return Bytes.u8(b.value() ? 1 : 0);
        }
        if (field.datatype().isBitmask() && node.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && o.members().containsKey("|")) {
            // flags joined: {"|": ["fin", "syn"]}
            byte[] all = new byte[field.length()];
            for (Node flag : node.member("|").array()) {
                byte[] one = single(field, flag).toArray();
                for (int i = 0; i < all.length && i < one.length; i++) {
                    all[i] |= one[i];
                }
            }
            return Bytes.of(all);
        }
        if (field.datatype().isBitmask() && node.value() instanceof JsonValue.Arr) {
            // several flags: ["syn", "ack"]
            byte[] all = new byte[field.length()];
            for (Node flag : node.array()) {
                byte[] one = single(field, flag).toArray();
                for (int i = 0; i < all.length && i < one.length; i++) {
                    all[i] |= one[i];
                }
            }
            return Bytes.of(all);
        }
        Bytes value = Scalars.parse(field.datatype(), field.valueLength(), node.value(), node.path());
        return at(node, () -> field.toRegister(value));
    }

    static Verdict verdict(Node node) {
        Map.Entry<String, Node> e = node.single();
        Node body = e.getValue();
        return switch (e.getKey()) {
            case "accept" -> nullVerdict(body, Verdict.ACCEPT);
            case "drop" -> nullVerdict(body, Verdict.DROP);
            case "continue" -> nullVerdict(body, Verdict.CONTINUE);
            case "return" -> nullVerdict(body, Verdict.RETURN);
            case "jump", "goto" -> {
                body.only(Set.of("target"));
                String target = body.member("target").string();
                yield at(body, () -> e.getKey().equals("jump") ? Verdict.jump(target) : Verdict.goTo(target));
            }
            default -> throw node.error("unsupported verdict \"" + e.getKey() + "\"");
        };
    }

    private static Verdict nullVerdict(Node body, Verdict v) {
        if (!body.isNull()) {
            throw body.error("expected null");
        }
        return v;
    }

    private Statement queue(Node body) {
        if (body.isNull()) {
            // {"queue": null}: queue 0
            return new Statement.QueueStatement(0, 0, 0, null);
        }
        body.only(Set.of("num", "flags"));
        int first = 0;
        int last = 0;
        Field source = null;
        Node num = body.optional("num");
        if (num != null) {
            if (num.value() instanceof JsonValue.Obj && !num.single().getKey().equals("range")) {
                source = field(num);
            } else if (num.value() instanceof JsonValue.Num) {
                first = (int) num.number(0xffff);
                last = first;
            } else {
                List<Node> range = num.member("range").array();
                if (range.size() != 2) {
                    throw num.error("expected {\"range\": [LOW, HIGH]}");
                }
                first = (int) range.get(0).number(0xffff);
                last = (int) range.get(1).number(0xffff);
            }
        }
        int flags = 0;
        Node f = body.optional("flags");
        if (f != null) {
            for (Node flag : f.arrayOrSingle()) {
                flags |= switch (flag.string()) {
                    case "bypass" -> NfTables.NFT_QUEUE_FLAG_BYPASS;
                    case "fanout" -> NfTables.NFT_QUEUE_FLAG_CPU_FANOUT;
                    default -> throw flag.error("unknown queue flag (bypass, fanout)");
                };
            }
        }
        int a = first;
        int b = last;
        int fl = flags;
        Field s = source;
        return at(body, () -> new Statement.QueueStatement(a, b, fl, s));
    }

    private Statement tproxy(Node body) {
        body.only(Set.of("family", "addr", "port"));
        Node fam = body.optional("family");
        int family = fam == null ? 0 : switch (fam.string()) {
            case "ip" -> NfTables.NFPROTO_IPV4;
            case "ip6" -> NfTables.NFPROTO_IPV6;
            default -> throw fam.error("expected ip or ip6");
        };
        Node addr = body.optional("addr");
        Bytes address = addr == null ? null : address(addr);
        Node port = body.optional("port");
        Integer p = port == null ? null : (int) port.number(0xffff);
        return at(body, () -> new Statement.TproxyStatement(family, address, p));
    }

    private static Statement synproxy(Node body) {
        if (body.isNull()) {
            // {"synproxy": null}: no options
            return new Statement.SynproxyStatement(0, 0, 0);
        }
        ObjectData.Synproxy options = JsonObjects.synproxy(body);
        return new Statement.SynproxyStatement(options.mss(), options.wscale(), options.flags());
    }

    private Statement dynset(Family family, Node body) {
        body.only(Set.of("op", "elem", "set", "map", "data", "stmt"));
        List<Statement> stateful = new ArrayList<>();
        if (body.optional("stmt") != null) {
            for (Node s : body.member("stmt").arrayOrSingle()) {
                stateful.add(statement(family, s));
            }
        }
        String op = body.member("op").string();
        nftlink.nftables.lang.SetOperation code = nftlink.nftables.lang.SetOperation.named(op)
                .orElseThrow(() -> body.member("op").error("expected add, update or delete"));
        // nft names the set of a {"map": ...} update as "map"
        Node setNode = body.optional("map") != null ? body.member("map") : body.member("set");
        String set = setNode.string();
        if (!set.startsWith("@")) {
            throw setNode.error("expected @SET");
        }
        Node elem = body.member("elem");
        constantsSet = set.substring(1);
        Long timeout = null;
        Field key;
        Map.Entry<String, Node> inner = elem.single();
        if (inner.getKey().equals("elem")) {
            inner.getValue().only(Set.of("val", "timeout", "expires", "comment"));
            key = dynsetKey(inner.getValue().member("val"), set);
            Node t = inner.getValue().optional("timeout");
            timeout = t == null ? null : t.number(Long.MAX_VALUE / 1000) * 1000;
        } else {
            key = dynsetKey(elem, set);
        }
        Node dataNode = body.optional("data");
        boolean constantData = dataNode != null && (JsonConstants.isConstant(dataNode)
                || dataNode.value() instanceof JsonValue.Obj c && c.get("concat") instanceof JsonValue.Arr a
                && a.items().stream().anyMatch(x -> !(x instanceof JsonValue.Obj)));
        // constant data (a value, or a concatenation of values) is read as the map's data type, as nft reads it
        Field data = dataNode == null ? null : constantData ? JsonConstants.data(dataNode, constantsParts(false), set, interfaces::indexOrNumber) : field(dataNode);
        Long t = timeout;
        return at(body, () -> new Statement.DynsetStatement(code, set.substring(1), key, data, t, stateful));
    }

    /** The key of a dynamic set update: an expression, or a constant of the set's key type ({@code "10.2.3.4"}). */
    private Field dynsetKey(Node node, String set) {
        return JsonConstants.isConstant(node) ? JsonConstants.constant(constantsParts(true), 0, node, set, interfaces::indexOrNumber) : field(node);
    }

    /** The parts of the key ({@code key}) or data of the set constants are read for; {@code null} when unknown. */
    private JsonConstants.Parts constantsParts(boolean key) {
        NftSet set = constantsSet == null ? null : ruleSets.apply(constantsSet);
        if (set == null || !key && !set.isMap()) {
            return null;
        }
        return key ? JsonConstants.key(set) : JsonConstants.data(set);
    }

    private Bytes address(Node node) {
        String text = node.string();
        return at(node, () -> (text.contains(":") ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR).parse(text, 0));
    }

    /**
     * The addresses of a nat from a map: {@code {"key": FIELD, "data": "@NAME" | {"set": [[KEY, ADDRESS |
     * {"concat": [ADDRESS, PORT]}], ...]}}}.
     */
    private Field natMap(Node body, Datatype address) {
        body.only(Set.of("key", "data"));
        Field key = field(body.member("key"));
        Node data = body.member("data");
        if (data.value() instanceof JsonValue.Str s && s.value().startsWith("@")) {
            String name = s.value().substring(1);
            return at(body, () -> new nftlink.nftables.lang.MapLookupField(key, address, address.length(), List.of(), name));
        }
        // per entry: the lows and highs of the data's parts (ADDRESS or {"concat": [ADDRESS, PORT]}, each
        // also a {"range": [LOW, HIGH]} or an address {"prefix": ...})
        List<Node> keys = new ArrayList<>();
        List<List<Bytes>> lows = new ArrayList<>();
        List<List<Bytes>> highs = new ArrayList<>();
        boolean ranges = false;
        for (Node item : data.member("set").array()) {
            List<Node> pair = item.array();
            if (pair.size() != 2) {
                throw item.error("expected [KEY, DATA]");
            }
            Node value = pair.get(1);
            List<Node> parts = value.value() instanceof JsonValue.Obj o && o.members().containsKey("concat")
                    ? value.member("concat").array() : List.of(value);
            if (parts.size() > 2 || !lows.isEmpty() && parts.size() != lows.getFirst().size()) {
                throw value.error("all data of the map are ADDRESS or all are {\"concat\": [ADDRESS, PORT]}");
            }
            List<Bytes> low = new ArrayList<>();
            List<Bytes> high = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Datatype type = i == 0 ? address : Datatype.INET_SERVICE;
                Field part = i == 0 ? (address == Datatype.IPV6_ADDR ? PayloadField.IP6_SADDR : PayloadField.IP_SADDR)
                        : PayloadField.TCP_DPORT;
                Value v = parts.get(i).value() instanceof JsonValue.Obj ? setItem(part, parts.get(i))
                        : new Value.Single(Scalars.parse(type, type.length(), parts.get(i).value(), parts.get(i).path()));
                switch (v) {
                    case Value.Single x -> {
                        low.add(x.bytes());
                        high.add(x.bytes());
                    }
                    case Value.Range r -> {
                        low.add(r.low());
                        high.add(r.high());
                        ranges = true;
                    }
                    case Value.Prefix p -> {
                        low.add(p.address());
                        high.add(p.last());
                        ranges = true;
                    }
                    default -> throw parts.get(i).error("not a value of the map's data");
                }
            }
            keys.add(pair.get(0));
            lows.add(low);
            highs.add(high);
        }
        boolean concatenated = !lows.isEmpty() && lows.getFirst().size() > 1;
        List<nftlink.nftables.lang.MapLookupField.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Bytes bytes = ranges ? nftlink.nftables.lang.MapLookupField.rangeData(lows.get(i), highs.get(i))
                    : concatenated ? nftlink.nftables.lang.MapLookupField.concatData(lows.get(i)) : lows.get(i).getFirst();
            entries.add(mapEntry(key, keys.get(i), bytes));
        }
        List<Datatype> types = concatenated ? List.of(address, Datatype.INET_SERVICE) : List.of(address);
        if (ranges) {
            return at(body, () -> nftlink.nftables.lang.MapLookupField.ranges(key, types, entries, null));
        }
        if (concatenated) {
            return at(body, () -> nftlink.nftables.lang.MapLookupField.concatenated(key, types, entries, null));
        }
        return at(body, () -> new nftlink.nftables.lang.MapLookupField(key, address, address.length(), entries, null));
    }

    /** {@code {"concat": [V1, V2, ...]}} as data of {@code parts}, each padded to 4 bytes. */
    private static Bytes concatData(List<Datatype> parts, Node node) {
        if (parts == null) {
            throw node.error("a map data type nftlink does not know");
        }
        Map.Entry<String, Node> e = node.single();
        List<Node> values = e.getValue().array();
        if (!e.getKey().equals("concat") || values.size() != parts.size()) {
            throw node.error("expected {\"concat\": [...]} of " + parts.size() + " values");
        }
        List<Bytes> bytes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            bytes.add(Scalars.parse(parts.get(i), parts.get(i).length(), values.get(i).value(), values.get(i).path()));
        }
        return nftlink.nftables.lang.MapLookupField.concatData(bytes);
    }

    /** A data map entry: {@code "*"}, a value, or a range or prefix ({@code {"range": [LOW, HIGH]}}) as its key. */
    private nftlink.nftables.lang.MapLookupField.Entry mapEntry(Field key, Node keyNode, Bytes data) {
        if (isCatchAll(keyNode)) {
            return nftlink.nftables.lang.MapLookupField.Entry.catchAll(data);
        }
        if (!(keyNode.value() instanceof JsonValue.Obj)) {
            return new nftlink.nftables.lang.MapLookupField.Entry(single(key, keyNode), data);
        }
        return switch (setItem(key, keyNode)) {
            case Value.Single v -> new nftlink.nftables.lang.MapLookupField.Entry(v.bytes(), data);
            case Value.Range r -> at(keyNode, () -> nftlink.nftables.lang.MapLookupField.Entry.range(r.low(), r.high(), data));
            case Value.Prefix p -> at(keyNode, () -> nftlink.nftables.lang.MapLookupField.Entry.range(p.address(), p.last(), data));
            default -> throw keyNode.error("not a key of a data map");
        };
    }

    /** A TCP option by number: {@code {"base": KIND, "offset": BITS, "len": BITS}}. */
    private static Field tcpOptionBits(Node body) {
        body.only(Set.of("base", "offset", "len"));
        int kind = (int) body.member("base").number(255);
        int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffff);
        int bits = body.optional("len") == null ? 8 : (int) body.member("len").number(0xffff);
        return at(body, () -> nftlink.nftables.lang.ExthdrField.tcpOptionBits(kind, offset, bits));
    }

    /** {@code {"map": {...}}}. */
    private static boolean isMap(Node node) {
        return node.value() instanceof JsonValue.Obj o && o.members().size() == 1 && node.single().getKey().equals("map");
    }

    /** A field of interface indexes, standing for the data type of a map of devices. */
    private static final Field DEVICE_TARGET = new MetaField(Meta.Key.IIF, Datatype.IFINDEX);

    private int device(Node node) {
        if (node.value() instanceof JsonValue.Num) {
            return (int) node.number(0xffffffffL);
        }
        String name = node.string();
        return at(node, () -> interfaces.indexOrNumber(name));
    }

    private Statement mangle(Node body) {
        body.only(Set.of("key", "value"));
        Field field = field(body.member("key"));
        Node valueNode = body.member("value");
        if ((field instanceof MetaField || field instanceof CtField || field instanceof PayloadField)
                && valueNode.value() instanceof JsonValue.Obj o && o.members().size() == 1 && valueNode.single().getKey().equals("map")) {
            Field source = mapLookup(valueNode.single().getValue(), field);
            return at(body, () -> new Statement.SetFromField(field, source));
        }
        // values combined from two registers: {"|": [{"meta": {"key": "mark"}}, {"meta": {"key": "iif"}}, 512]}
        if ((field instanceof MetaField || field instanceof CtField) && field.length() == 4 && isCombination(valueNode)) {
            Field combined = combination(valueNode);
            return at(body, () -> new Statement.SetFromField(field, combined));
        }
        // constants combined with & | ^, as nft writes "ct mark set 0x12 or 0x11": the value they make
        Bytes folded = valueNode.value() instanceof JsonValue.Obj ? folded(field, valueNode) : null;
        if (folded != null) {
            return switch (field) {
                case CtField ct -> at(body, () -> new Statement.CtSet(ct, folded));
                case MetaField meta -> at(body, () -> new Statement.MetaSet(meta, folded));
                default -> at(body, () -> new Statement.PayloadSet(field, folded));
            };
        }
        if ((field instanceof MetaField || field instanceof CtField) && field.length() == 4
                && body.member("value").value() instanceof JsonValue.Obj) {
            nftlink.nftables.lang.BinopField computed = binop(body.member("value"));
            if (computed != null && (computed.shift() != 0 || computed.source() instanceof nftlink.nftables.lang.PayloadBitField)) {
                return at(body, () -> new Statement.SetFromField(field, computed));
            }
            if (computed != null && computed.mask() == 0xffffffffL && computed.xor() != 0) {
                // FIELD ^ CONSTANT
                Field xored = nftlink.nftables.lang.MaskedField.xor(computed.source(), Bytes.u32((int) computed.xor()));
                return at(body, () -> new Statement.SetFromField(field, xored));
            }
        }
        if ((field instanceof MetaField || field instanceof CtField || field instanceof PayloadField
                || field instanceof nftlink.nftables.lang.PayloadBitField) && body.member("value").value() instanceof JsonValue.Obj) {
            Field source = valueField(body.member("value"));
            return at(body, () -> new Statement.SetFromField(field, source));
        }
        if (field instanceof CtField ct) {
            Bytes value = single(ct, body.member("value"));
            return at(body, () -> new Statement.CtSet(ct, value));
        }
        if (field instanceof PayloadField || field instanceof nftlink.nftables.lang.PayloadBitField
                || field instanceof nftlink.nftables.lang.ExthdrField || field instanceof nftlink.nftables.lang.RawPayloadField) {
            Bytes value = single(field, body.member("value"));
            return at(body, () -> new Statement.PayloadSet(field, value));
        }
        if (!(field instanceof MetaField meta)) {
            throw body.member("key").error("unsupported: only meta, ct and header fields can be set");
        }
        Bytes value = single(meta, body.member("value"));
        return at(body, () -> new Statement.MetaSet(meta, value));
    }

    private static Statement log(Node body) {
        if (body.isNull()) {
            return Statement.LogStatement.plain();
        }
        body.only(Set.of("prefix", "group", "snaplen", "queue-threshold", "level", "flags"));
        String prefix = body.optional("prefix") == null ? null : body.member("prefix").string();
        Integer group = body.optional("group") == null ? null : (int) body.member("group").number(0xffff);
        Integer snaplen = body.optional("snaplen") == null ? null : (int) body.member("snaplen").number(0xffffffffL);
        Integer threshold = body.optional("queue-threshold") == null ? null : (int) body.member("queue-threshold").number(0xffff);
        if (group == null && (snaplen != null || threshold != null)) {
            throw body.error("snaplen and queue-threshold need a log group (nflog)");
        }
        LogLevel level = null;
        Node levelNode = body.optional("level");
        if (levelNode != null) {
            level = LogLevel.named(levelNode.string()).orElseThrow(() -> levelNode.error("unknown log level \""
                    + levelNode.string() + "\" (expected one of " + LogLevel.names() + ")"));
        }
        Set<LogFlag> flags = EnumSet.noneOf(LogFlag.class);
        Node flagsNode = body.optional("flags");
        if (flagsNode != null) {
            for (Node f : flagsNode.arrayOrSingle()) {
                if (f.string().equals("all")) {
                    flags.addAll(EnumSet.allOf(LogFlag.class));
                } else {
                    flags.add(LogFlag.named(f.string()).orElseThrow(() -> f.error("unknown log flag \"" + f.string() + "\"")));
                }
            }
        }
        if (group != null && level != null) {
            throw body.error("a log statement has either a group or a level, not both");
        }
        return new Statement.LogStatement(prefix, level, flags, group, snaplen, threshold);
    }

    private static TimeUnit period(Node per) {
        return TimeUnit.named(per.string()).orElseThrow(() -> per.error("unknown period \"" + per.string()
                + "\" (expected " + TimeUnit.names() + ")"));
    }

    private static long unit(Node unit) {
        if (unit == null) {
            return 1;
        }
        return ByteUnit.named(unit.string()).orElseThrow(() -> unit.error("unknown unit \"" + unit.string()
                + "\" (expected " + ByteUnit.names() + ")")).bytes();
    }

    private static Statement limit(Node body) {
        body.only(Set.of("rate", "burst", "per", "inv", "rate_unit", "burst_unit"));
        Node rateUnit = body.optional("rate_unit");
        boolean bytes = rateUnit != null && !rateUnit.string().equals("packets");
        long rate = body.member("rate").number(bytes ? Long.MAX_VALUE >> 20 : Long.MAX_VALUE);
        TimeUnit period = period(body.member("per"));
        boolean over = body.optional("inv") != null && body.member("inv").bool();
        Node burstNode = body.optional("burst");
        if (!bytes) {
            long burst = burstNode == null ? 5 : burstNode.number(0xffffffffL);
            return new Statement.LimitStatement(rate, period, burst, false, over);
        }
        long burst = burstNode == null ? 0 : burstNode.number(0xffffffffL) * unit(body.optional("burst_unit"));
        if (burst > 0xffffffffL) {
            throw burstNode.error("burst too large");
        }
        return new Statement.LimitStatement(rate * unit(rateUnit), period, burst, true, over);
    }

    private static Statement quota(Node body) {
        body.only(Set.of("val", "val_unit", "used", "used_unit", "inv"));
        long val = body.member("val").number(Long.MAX_VALUE >> 20) * unit(body.optional("val_unit"));
        long used = body.optional("used") == null ? 0
                : body.member("used").number(Long.MAX_VALUE >> 20) * unit(body.optional("used_unit"));
        boolean over = body.optional("inv") != null && body.member("inv").bool();
        return new Statement.QuotaStatement(val, used, over);
    }

    private static Statement reject(Family family, Node body) {
        if (body.isNull()) {
            return Statement.RejectStatement.defaultFor(family);
        }
        body.only(Set.of("type", "expr"));
        Node typeNode = body.optional("type");
        Node expr = body.optional("expr");
        String type = typeNode == null ? null : typeNode.string();
        if (type == null) {
            if (expr != null) {
                throw body.error("a reject code needs a \"type\"");
            }
            return Statement.RejectStatement.defaultFor(family);
        }
        RejectKind kind = RejectKind.named(type);
        if (kind == null) {
            throw typeNode.error("unknown reject type \"" + type + "\" (expected tcp reset, icmp, icmpv6 or icmpx)");
        }
        if (kind == RejectKind.TCP_RESET) {
            if (expr != null) {
                throw expr.error("a TCP reset has no code");
            }
            return Statement.RejectStatement.portUnreachable(kind);
        }
        if (kind == RejectKind.ICMP && family == Family.IP6 || kind == RejectKind.ICMPV6 && family == Family.IP) {
            throw typeNode.error("reject with " + type + " is not possible in a " + family.nftName() + " table");
        }
        if (kind == RejectKind.ICMPX && (family == Family.IP || family == Family.IP6)) {
            throw typeNode.error("abstracted ICMP unreachable not supported in a " + family.nftName() + " table");
        }
        int code = expr == null ? kind.portUnreachable() : expr.value() instanceof JsonValue.Num ? (int) expr.number(255)
                : kind.code(expr.string()).orElseThrow(() -> expr.error("unknown " + type + " reject code \"" + expr.string() + "\""));
        return new Statement.RejectStatement(kind, code);
    }

    private static Integer[] ports(Node port) {
        if (port.value() instanceof JsonValue.Obj) {
            Map.Entry<String, Node> e = port.single();
            if (!e.getKey().equals("range")) {
                throw port.error("expected a port or {\"range\": [LOW, HIGH]}");
            }
            List<Node> b = e.getValue().array();
            if (b.size() != 2) {
                throw e.getValue().error("a range has two bounds, not " + b.size());
            }
            return new Integer[]{(int) b.get(0).number(0xffff), (int) b.get(1).number(0xffff)};
        }
        int p = (int) port.number(0xffff);
        return new Integer[]{p, p};
    }

    private static Set<NatFlag> natFlags(Node flags) {
        if (flags == null) {
            return Set.of();
        }
        Set<NatFlag> out = EnumSet.noneOf(NatFlag.class);
        for (Node f : flags.arrayOrSingle()) {
            out.add(NatFlag.named(f.string()).orElseThrow(() -> f.error("unknown nat flag \"" + f.string()
                    + "\" (expected random, fully-random, persistent or netmap)")));
        }
        return out;
    }

    private Statement nat(Family family, boolean destination, Node body) {
        body.only(Set.of("family", "addr", "port", "flags", "type_flags"));
        Node typeFlags = body.optional("type_flags");
        if (typeFlags != null) {
            for (Node f : typeFlags.arrayOrSingle()) {
                if (!f.string().equals("prefix")) {
                    throw f.error("unknown nat type flag \"" + f.string() + "\" (expected prefix)");
                }
            }
        }
        Node familyNode = body.optional("family");
        Datatype type = null;
        if (familyNode != null) {
            type = switch (familyNode.string()) {
                case "ip" -> Datatype.IPV4_ADDR;
                case "ip6" -> Datatype.IPV6_ADDR;
                default -> throw familyNode.error("expected ip or ip6");
            };
        } else if (family == Family.IP) {
            type = Datatype.IPV4_ADDR;
        } else if (family == Family.IP6) {
            type = Datatype.IPV6_ADDR;
        }
        Bytes low = null;
        Bytes high = null;
        Node addr = body.optional("addr");
        if (addr != null && isMap(addr)) {
            if (type == null) {
                throw body.error("a nat from a map in a table of family " + family.nftName() + " needs \"family\": \"ip\" or \"ip6\"");
            }
            Field source = natMap(addr.single().getValue(), type);
            Set<NatFlag> flags = natFlags(body.optional("flags"));
            if (body.optional("port") != null) {
                throw body.member("port").error("a port with a map to addresses goes into the map's data (ADDRESS . PORT)");
            }
            return at(body, () -> new Statement.NatStatement(destination, null, null, null, null, flags, source));
        }
        if (addr != null && addr.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && !o.members().containsKey("range") && !o.members().containsKey("prefix")) {
            // an address computed from the packet: numgen or a hash
            Field source = field(addr);
            Set<NatFlag> flags = natFlags(body.optional("flags"));
            return at(body, () -> new Statement.NatStatement(destination, null, null, null, null, flags, source));
        }
        if (addr != null && addr.value() instanceof JsonValue.Obj o && o.members().containsKey("prefix")) {
            Node prefix = addr.member("prefix");
            prefix.only(Set.of("addr", "len"));
            Datatype t = type != null ? type : prefix.member("addr").string().contains(":") ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
            Bytes a = Scalars.parse(t, t.length(), prefix.member("addr").value(), prefix.member("addr").path());
            int len = (int) prefix.member("len").number(8L * t.length());
            Value.Prefix pv = at(prefix, () -> new Value.Prefix(a, len));
            low = pv.address();
            high = pv.last();
        } else if (addr != null) {
            Node lowNode = addr;
            Node highNode = addr;
            if (addr.value() instanceof JsonValue.Obj) {
                Map.Entry<String, Node> e = addr.single();
                if (!e.getKey().equals("range")) {
                    throw addr.error("expected an address or {\"range\": [LOW, HIGH]}");
                }
                List<Node> b = e.getValue().array();
                if (b.size() != 2) {
                    throw e.getValue().error("a range has two bounds, not " + b.size());
                }
                lowNode = b.get(0);
                highNode = b.get(1);
            }
            if (type == null) {
                type = lowNode.string().contains(":") ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
            }
            low = Scalars.parse(type, type.length(), lowNode.value(), lowNode.path());
            high = Scalars.parse(type, type.length(), highNode.value(), highNode.path());
        }
        Integer[] ports = {null, null};
        Node port = body.optional("port");
        if (port != null) {
            ports = ports(port);
        }
        Set<NatFlag> flags = natFlags(body.optional("flags"));
        Bytes l = low;
        Bytes h = high;
        Integer[] p = ports;
        return at(body, () -> new Statement.NatStatement(destination, l, h, p[0], p[1], flags));
    }

    private Statement vmap(Node body) {
        body.only(Set.of("key", "data"));
        Field field = mapKey(body.member("key"));
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
            Node keyNode = elementValue(pair.get(0));
            List<Statement> stateful = elementStatements(pair.get(0));
            Value key = isCatchAll(keyNode) ? new Value.CatchAll() : setItem(field, keyNode);
            Verdict verdict = verdict(pair.get(1));
            entries.add(at(pair.get(0), () -> new Statement.VerdictMap.Entry(key, verdict, stateful)));
        }
        if (entries.isEmpty()) {
            throw e.getValue().error("an anonymous verdict map needs at least one entry");
        }
        return at(body, () -> new Statement.VerdictMap(field, entries, null));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
