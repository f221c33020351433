package nftlink.nftables.json;

import nftlink.nftables.lang.NatMapData;
import nftlink.nftables.lang.SetUserdata;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.lang.DynamicSets;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.NamedSetLookups;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;
import static nftlink.nftables.json.JsonParser.family;

/** Reads the commands of a libnftables JSON document (add, create, insert, replace, delete, destroy, flush) into operations. */
final class JsonCommandReader {

    private static final Set<String> COMMANDS = Set.of("add", "create", "insert", "replace", "delete", "destroy", "flush");

    private final JsonParseContext context;

    JsonCommandReader(JsonParseContext context) {
        this.context = context;
    }

    /** Turns a parsed document into operations, in document order. */
    List<NftOperation> operations(JsonValue document) {
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
                    if (x.data() instanceof NftData.OfVerdict v && v.verdict().chain() != null) {
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

    /** Adds a table, chain, rule, set, map, element, flowtable or named object ({@code add}, {@code create}, {@code insert}, {@code replace}). */
    private void object(String command, String kind, Node body, List<NftOperation> out, Map<String, NftSet> declared,
                        BatchIds ids) {
        boolean exclusive = command.equals("create");
        if ((command.equals("insert") || command.equals("replace")) && !kind.equals("rule")) {
            throw body.error(command + " applies to rules only, not to " + kind);
        }
        switch (kind) {
            case "table" -> out.add(new NftOperation.AddTable(JsonTableReader.table(body), exclusive));
            case "chain" -> out.add(new NftOperation.AddChain(JsonTableReader.chain(body), exclusive));
            case "rule" -> out.addAll(rule(command, body, declared, ids));
            case "set", "map" -> {
                NftSet set = at(body, context.jsonSets.declaration(kind.equals("map"), body)::set).withId(ids.nextSet());
                declared.put(key(set.family(), set.table(), set.name()), set);
                out.add(new NftOperation.AddSet(set, exclusive));
                Node elem = body.optional("elem");
                if (elem != null) {
                    List<SetElement> elements = context.jsonSets.declared(set, elem);
                    if (!elements.isEmpty()) {
                        out.addAll(NftOperation.addElements(set.family(), set.table(), set.name(), elements));
                    }
                }
            }
            case "element" -> {
                NftSet set = referencedSet(body, declared);
                List<SetElement> elements = context.jsonSets.elements(set, body.member("elem"), false);
                if (exclusive) {
                    out.add(new NftOperation.AddElements(set.family(), set.table(), set.name(), 0, elements, true));
                } else {
                    out.addAll(NftOperation.addElements(set.family(), set.table(), set.name(), elements));
                }
            }
            case "counter", "quota", "limit", "ct helper", "ct timeout", "ct expectation", "synproxy", "secmark" ->
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
            set = context.sets.find(family, table, name).orElseThrow(() -> body.member("name").error("set " + name
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
                        context.jsonSets.elements(set, body.member("elem"), true)));
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

    /** The operations a rule command makes: its anonymous sets and the rule itself. */
    private List<NftOperation> rule(String command, Node body, Map<String, NftSet> declared, BatchIds ids) {
        Family ruleFamily = family(body);
        String ruleTable = body.member("table").string();
        context.ruleSets = name -> {
            NftSet set = declared.get(key(ruleFamily, ruleTable, name));
            try {
                return set != null ? set : context.sets.find(ruleFamily, ruleTable, name).orElse(null);
            } catch (RuntimeException unknown) {
                return null;
            }
        };
        RuleSpec spec;
        try {
            spec = withMapData(context.statements.ruleSpec(body), declared);
        } finally {
            context.ruleSets = name -> null;
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
                return set != null ? set : context.sets.find(spec.family(), spec.table(), name).orElse(null);
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
        List<Statement> statements = NatMapData.withNamedMapData(spec.statements(), name -> {
            NftSet set = declared.get(key(spec.family(), spec.table(), name));
            if (set == null) {
                set = context.sets.find(spec.family(), spec.table(), name).orElse(null);
            }
            return set == null || !set.isMap() ? null : Datatype.parts(set.dataType());
        }, name -> {
            NftSet set = declared.get(key(spec.family(), spec.table(), name));
            if (set == null) {
                set = context.sets.find(spec.family(), spec.table(), name).orElse(null);
            }
            return set != null && set.userdata() != null
                    && SetUserdata.decode(set.userdata()).dataInterval() == 1;
        });
        return new RuleSpec(spec.family(), spec.table(), spec.chain(), statements, spec.comment(), spec.handle());
    }
}
