package nftlink.nftables.json;

import nftlink.nftables.lang.RejectContext;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.SetOperation;
import nftlink.nftables.Family;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.StatefulStatements;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.ObjectType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;
import static nftlink.nftables.json.JsonParser.family;
import static nftlink.nftables.json.JsonParser.verdict;

/** Reads the statements of a rule's {@code expr} array, dispatching each statement family to its reader. */
final class JsonStatementReader {

    private final JsonParseContext context;

    JsonStatementReader(JsonParseContext context) {
        this.context = context;
    }

    /** The body of a {@code "rule"} object as a rule. */
    RuleSpec ruleSpec(Node body) {
        body.only(Set.of("family", "table", "chain", "handle", "position", "index", "comment", "expr"));
        if (body.optional("index") != null) {
            throw body.member("index").error("unsupported: \"index\" (use \"position\" with a rule handle)");
        }
        Family family = family(body);
        String table = body.member("table").string();
        String chain = body.member("chain").string();
        List<Statement> statements = new ArrayList<>();
        context.ruleFamily = family;
        try {
            for (Node s : body.member("expr").array()) {
                Statement st = statement(family, s);
                if (st instanceof Statement.RejectStatement r && s.single().getValue().isNull()) {
                    st = RejectContext.inContext(family, statements);
                }
                statements.add(st);
            }
        } finally {
            context.ruleFamily = null;
        }
        Node comment = body.optional("comment");
        long handle = body.optional("handle") == null ? 0 : body.member("handle").number(Long.MAX_VALUE);
        return at(body, () -> new RuleSpec(family, table, chain, statements, comment == null ? null : comment.string(), handle));
    }

    /** One statement of a rule: {@code {"KIND": BODY}}, read by the reader of its family. */
    Statement statement(Family family, Node node) {
        Map.Entry<String, Node> e = node.single();
        String kind = e.getKey();
        Node body = e.getValue();
        ObjectType objectType = ObjectType.named(kind).orElse(null);
        if (objectType != null && body.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && o.members().containsKey("map")) {
            return context.maps.objectMap(objectType, body.member("map"));
        }
        return switch (kind) {
            case "match" -> context.matches.match(body);
            case "accept", "drop", "continue", "return" -> verdictStatement(kind, body);
            case "jump", "goto" -> new Statement.VerdictStatement(verdict(node));
            case "counter" -> JsonStatefulReader.counter(body);
            case "mangle" -> context.mangles.mangle(body);
            case "log" -> JsonLogReader.log(body);
            case "limit" -> body.value() instanceof JsonValue.Str s
                    ? new Statement.ObjectReference(ObjectType.LIMIT, s.value()) : JsonStatefulReader.limit(body);
            case "quota" -> body.value() instanceof JsonValue.Str s
                    ? new Statement.ObjectReference(ObjectType.QUOTA, s.value()) : JsonStatefulReader.quota(body);
            case "ct helper", "ct timeout", "ct expectation", "secmark" ->
                    new Statement.ObjectReference(objectType, body.string());
            case "reset" -> tcpOptionReset(body);
            case "queue" -> context.forwards.queue(body);
            case "ct count" -> JsonStatefulReader.connlimit(body);
            case "tproxy" -> context.forwards.tproxy(body);
            case "synproxy" -> body.value() instanceof JsonValue.Str s
                    ? new Statement.ObjectReference(ObjectType.SYNPROXY, s.value()) : JsonForwardReader.synproxy(body);
            case "dup" -> context.forwards.dup(family, body);
            case "fwd" -> context.forwards.fwd(body);
            case "last" -> new Statement.LastStatement(body.isNull() ? null : body.member("used").number(Long.MAX_VALUE));
            case "set", "map" -> dynset(family, body);
            case "reject" -> JsonRejectReader.reject(family, body);
            case "notrack" -> notrack(body);
            case "snat", "dnat" -> context.nats.nat(family, kind.equals("dnat"), body);
            case "masquerade", "redirect" -> context.nats.masqueradeOrRedirect(kind, body);
            case "vmap" -> context.maps.vmap(body);
            default -> throw node.error("unsupported statement \"" + kind + "\"");
        };
    }

    /** {@code {"accept": null}}, {@code {"drop": null}}, {@code {"continue": null}} or {@code {"return": null}}. */
    private static Statement verdictStatement(String kind, Node body) {
        if (!body.isNull()) {
            throw body.error("expected null");
        }
        return new Statement.VerdictStatement(switch (kind) {
            case "accept" -> Verdict.ACCEPT;
            case "drop" -> Verdict.DROP;
            case "continue" -> Verdict.CONTINUE;
            default -> Verdict.RETURN;
        });
    }

    /** {@code {"reset": {"tcp option": {"name": NAME}}}} or {@code {"base": KIND}}: a TCP option reset. */
    private static Statement tcpOptionReset(Node body) {
        body.only(Set.of("tcp option"));
        Node option = body.member("tcp option");
        option.only(Set.of("name", "base"));
        int optionKind;
        if (option.optional("base") != null) {
            optionKind = (int) option.member("base").number(255);
        } else {
            String name = option.member("name").string();
            optionKind = name.matches("\\d+") ? Integer.parseInt(name) : Fields.presence("tcp option " + name)
                    .map(ExthdrField::type)
                    .orElseThrow(() -> option.member("name").error("unknown tcp option \"" + name + "\""));
        }
        int k = optionKind;
        return at(option, () -> new Statement.TcpOptionReset(k));
    }

    /** {@code {"notrack": null}}. */
    private static Statement notrack(Node body) {
        if (!body.isNull()) {
            throw body.error("expected null");
        }
        return new Statement.NotrackStatement();
    }

    /**
     * The stateful statements of an anonymous set element, the members of {@code {"elem": {"val": VALUE,
     * "counter": {...}}}} besides its value; none for a plain value.
     */
    List<Statement> elementStatements(Node node) {
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

    private Statement dynset(Family family, Node body) {
        body.only(Set.of("op", "elem", "set", "map", "data", "stmt"));
        List<Statement> stateful = new ArrayList<>();
        if (body.optional("stmt") != null) {
            for (Node s : body.member("stmt").arrayOrSingle()) {
                stateful.add(statement(family, s));
            }
        }
        String op = body.member("op").string();
        SetOperation code = SetOperation.named(op)
                .orElseThrow(() -> body.member("op").error("expected add, update or delete"));
        // nft names the set of a {"map": ...} update as "map"
        Node setNode = body.optional("map") != null ? body.member("map") : body.member("set");
        String set = setNode.string();
        if (!set.startsWith("@")) {
            throw setNode.error("expected @SET");
        }
        Node elem = body.member("elem");
        context.constantsSet = set.substring(1);
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
        Field data = dataNode == null ? null : constantData ? JsonConstants.data(dataNode, context.constantsParts(false), set, context.interfaces::indexOrNumber) : context.fields.field(dataNode);
        Duration t = timeout == null ? null : Duration.ofMillis(timeout);
        return at(body, () -> new Statement.DynsetStatement(code, set.substring(1), key, data, t, stateful));
    }

    /** The key of a dynamic set update: an expression, or a constant of the set's key type ({@code "10.2.3.4"}). */
    private Field dynsetKey(Node node, String set) {
        return JsonConstants.isConstant(node) ? JsonConstants.constant(context.constantsParts(true), 0, node, set, context.interfaces::indexOrNumber) : context.fields.field(node);
    }
}
