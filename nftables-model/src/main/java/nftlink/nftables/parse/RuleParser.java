package nftlink.nftables.parse;

import java.util.function.Function;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.Family;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;

import java.util.ArrayList;
import java.util.List;

/** Parses the statements of one rule into the rule language's types. */
final class RuleParser {

    private final RuleContext r;
    private final Cursor c;

    /** A parser of rules read from {@code c} in a table of {@code family} whose sets it does not know. */
    RuleParser(Cursor c, ValueParser values, Family family) {
        this(c, values, family, name -> null);
    }

    /** With {@code maps} giving the shape of the sets and maps the rule's table has (or {@code null}). */
    RuleParser(Cursor c, ValueParser values, Family family, Function<String, SetShape> maps) {
        this.r = new RuleContext(c, values, family, maps);
        this.c = c;
    }

    /** Whether this parser reads from {@code cursor} with {@code valueParser}. */
    boolean reads(Cursor cursor, ValueParser valueParser) {
        return c == cursor && r.values == valueParser;
    }

    /** A rule's statements up to the end of the statement; and its comment, if any. */
    record Parsed(List<Statement> statements, String comment) {
    }

    /** The statements of one rule, up to the end of its statement, and its comment; nft's checks on their order. */
    Parsed rule() {
        List<Statement> out = new ArrayList<>();
        r.before = out;
        String comment = null;
        if (c.peek().isEndOfStatement()) {
            throw c.unexpected("a statement");
        }
        Statement terminal = null;
        while (!c.peek().isEndOfStatement()) {
            if (c.at("comment")) {
                c.next();
                comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
                continue;
            }
            Token start = c.peek();
            if (terminal != null) {
                throw Cursor.error(start, "statement after terminal statement has no effect");
            }
            Statement s = statement();
            if (s instanceof Statement.TproxyStatement t) {
                r.nats.checkTproxy(start, t, out);
            }
            boolean ports = s instanceof Statement.NatStatement n && n.portMin() != null
                    || s instanceof Statement.RedirectStatement r && r.portMin() != null
                    || s instanceof Statement.MasqueradeStatement m && m.portMin() != null;
            if (s instanceof Statement.NatStatement n && n.sourcesPort()) {
                // dnat ip to tcp dport map { 80 : 10.0.0.1 . 8080 }: the key's protocol counts as matched
                Field key = ((MapLookupField) n.addressSource()).key();
                List<Field> parts = key instanceof ConcatField concat ? concat.fields() : List.of(key);
                ports = parts.stream().noneMatch(f -> f instanceof PayloadField p && p.base() == Payload.Base.TRANSPORT
                        && !p.protocol().equals("th"));
            }
            if (ports && !RuleVocabulary.matchesTransport(out)) {
                throw Cursor.error(start, "transport protocol mapping is only valid after a transport protocol match "
                        + "(such as tcp dport 80 or meta l4proto tcp)");
            }
            if (isTerminal(s)) {
                terminal = s;
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw c.unexpected("a statement");
        }
        return new Parsed(out, comment);
    }

    /**
     * Verdicts, reject and nat end a rule: nft refuses statements after them (a vmap does not end it, nor
     * tproxy, which only assigns the socket: tproxy to :20000 meta mark set 1 accept).
     */
    static boolean isTerminal(Statement s) {
        return s instanceof Statement.VerdictStatement || s instanceof Statement.ChainBinding || s instanceof Statement.RejectStatement
                || s instanceof Statement.NatStatement || s instanceof Statement.MasqueradeStatement
                || s instanceof Statement.RedirectStatement || s instanceof Statement.QueueStatement
                || s instanceof Statement.FwdStatement;
    }

    private Statement statement() {
        Token t = c.peek();
        if ((t.text().equals("jump") || t.text().equals("goto")) && t.kind() == Token.Kind.WORD
                && c.in.peekToken(1).kind() == Token.Kind.LBRACE) {
            return chainBinding();
        }
        if (ValueParser.isVerdict(t)) {
            return new Statement.VerdictStatement(r.values.verdict());
        }
        if (t.kind() == Token.Kind.SET_REFERENCE && RawPayloadField.base(t.text()) != null) {
            return r.matches.match();
        }
        if (t.kind() != Token.Kind.WORD) {
            throw c.unexpected("a statement");
        }
        if (t.text().equals("ct") && c.in.peekIs(1, "count")) {
            return r.stateful.connlimit();
        }
        if (t.text().equals("ct") && c.in.peekIs(1, "timeout", "expectation") && c.in.peekIs(2, "set")) {
            c.next();
            ObjectType type = c.next().text().equals("timeout") ? ObjectType.CT_TIMEOUT : ObjectType.CT_EXPECTATION;
            c.next();
            return r.lookups.objectReference(type);
        }
        return switch (t.text()) {
            case "counter" -> r.stateful.counter();
            case "log" -> r.stateful.log();
            case "limit" -> r.stateful.limit();
            case "quota" -> r.stateful.quota();
            case "reject" -> r.rejects.reject();
            case "notrack" -> {
                c.next();
                yield new Statement.NotrackStatement();
            }
            case "snat", "dnat" -> r.nats.nat();
            case "queue" -> r.queues.queue();
            case "reset" -> r.tcp.tcpOptionReset();
            case "last" -> r.stateful.last();
            case "add", "update", "delete" -> r.dynsets.dynset();
            case "tproxy" -> r.nats.tproxy();
            case "synproxy" -> r.tcp.synproxy();
            case "dup" -> r.dupFwd.dup();
            case "fwd" -> r.dupFwd.fwd();
            case "masquerade", "redirect" -> r.nats.portNat();
            default -> r.matches.match();
        };
    }

    /**
     * {@code jump { RULE ... }} or {@code goto { ... }}: the rules of an anonymous chain, one per line or
     * separated by {@code ;}, each parsed as a rule of the same table.
     */
    private Statement chainBinding() {
        boolean goTo = c.next().text().equals("goto");
        Token open = c.next();
        List<RuleSpec> rules = new ArrayList<>();
        while (true) {
            while (c.accept(Token.Kind.NEWLINE) || c.accept(Token.Kind.SEMICOLON)) {
                // blank lines and empty statements between rules
            }
            if (c.accept(Token.Kind.RBRACE)) {
                break;
            }
            if (c.at(Token.Kind.END)) {
                throw Cursor.error(open, "syntax error, missing '}' after the rules of an anonymous chain");
            }
            if (r.nested) {
                throw Cursor.error(open, "too many levels of nesting");
            }
            RuleParser inner = new RuleParser(c, r.values, r.family, r.maps);
            inner.r.nested = true;
            Parsed rule = inner.rule();
            rules.add(new RuleSpec(r.family, "-", "-", rule.statements(), rule.comment(), 0));
        }
        return new Statement.ChainBinding(goTo, null, rules);
    }

    /** A field or a concatenation of fields ({@code ip saddr . tcp dport}), as in a match or {@code typeof}. */
    Field fieldOrConcat() {
        return r.fields.fieldOrConcat();
    }

    /**
     * The stateful statement that comes next ({@code counter}, {@code limit}, {@code quota}, {@code ct
     * count}, {@code last}), as a set declaration or a set element holds them, or {@code null} when none does.
     */
    Statement stateful() {
        return r.stateful.stateful();
    }

    /** Parses a value for a field given by nft name (used for set element types); visible for the declarations. */
    static Datatype datatype(Token t) {
        for (Datatype d : Datatype.values()) {
            if (d.nftName().equals(t.text()) && d != Datatype.VERDICT && d.id() != Datatype.INTEGER.id()) {
                return d;
            }
        }
        throw Cursor.error(t, "unsupported set type " + t.text() + " (nftlink knows ipv4_addr, ipv6_addr, ether_addr, "
                + "inet_proto, inet_service, mark, ifname, ct_state, ether_type, uid, gid, iface_index, nf_proto)");
    }
}
