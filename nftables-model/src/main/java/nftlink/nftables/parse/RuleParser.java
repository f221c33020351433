package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.NfTables;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.ExpressionField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.InnerField;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.LogLevel;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the statements of one rule into the rule language's types. */
final class RuleParser {

    /** Meta keys nft accepts without the {@code meta} keyword. */
    private static final Set<String> BARE_META = Set.of("mark", "iif", "iifname", "iiftype", "oif", "oifname",
            "skuid", "skgid", "priority", "pkttype", "cpu", "iifgroup", "oifgroup", "oiftype", "nftrace", "rtclassid",
            "ibrname", "obrname", "cgroup", "time", "day", "hour");
    /** nft statements and matches the rule language does not have (yet). */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("icmp", "icmpv6", "igmp", "th", "sctp", "dccp",
            "udplite", "ah", "esp", "comp", "vlan", "fib", "rt", "jhash", "osf", "ipsec",
            "exthdr", "tcpopt", "hbh", "rt0", "frag", "dst", "mh", "srh", "synproxy",
            "flow", "set", "update", "add", "delete", "xt", "secmark", "@ll", "@nh", "@th",
            "ibriport",
            "obriport", "ct", "socket", "meta", "ip", "ip6", "tcp", "udp", "ether", "log", "limit", "counter",
            "quota", "reject", "snat", "dnat", "masquerade", "redirect", "notrack", "comment");

    private final Cursor c;
    private final Values values;
    private final Family family;

    RuleParser(Cursor c, Values values, Family family) {
        this(c, values, family, name -> null);
    }

    /** With {@code maps} giving the shape of the sets and maps the rule's table has (or {@code null}). */
    RuleParser(Cursor c, Values values, Family family, java.util.function.Function<String, SetShape> maps) {
        this.c = c;
        this.values = values;
        this.family = family;
        this.maps = maps;
    }

    /** The declared shape of a set or map of the rule's table, by name; {@code null} when unknown. */
    private final java.util.function.Function<String, SetShape> maps;

    /** A rule's statements up to the end of the statement; and its comment, if any. */
    record Parsed(List<Statement> statements, String comment) {
    }

    Parsed rule() {
        List<Statement> out = new ArrayList<>();
        before = out;
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
                checkTproxy(start, t, out);
            }
            boolean ports = s instanceof Statement.NatStatement n && n.portMin() != null
                    || s instanceof Statement.RedirectStatement r && r.portMin() != null
                    || s instanceof Statement.MasqueradeStatement m && m.portMin() != null;
            if (s instanceof Statement.NatStatement n && n.sourcesPort()) {
                // dnat ip to tcp dport map { 80 : 10.0.0.1 . 8080 }: the key's protocol counts as matched
                Field key = ((nftlink.nftables.lang.MapLookupField) n.addressSource()).key();
                List<Field> parts = key instanceof ConcatField concat ? concat.fields() : List.of(key);
                ports = parts.stream().noneMatch(f -> f instanceof PayloadField p && p.base() == nftlink.nftables.expr.Payload.Base.TRANSPORT
                        && !p.protocol().equals("th"));
            }
            if (ports && !matchesTransport(out)) {
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
        if (Values.isVerdict(t)) {
            return new Statement.VerdictStatement(values.verdict());
        }
        if (t.kind() == Token.Kind.SET_REFERENCE && RawPayloadField.base(t.text()) != null) {
            return match();
        }
        if (t.kind() != Token.Kind.WORD) {
            throw c.unexpected("a statement");
        }
        if (t.text().equals("ct") && c.in.peekIs(1, "count")) {
            return connlimit();
        }
        if (t.text().equals("ct") && c.in.peekIs(1, "timeout", "expectation") && c.in.peekIs(2, "set")) {
            c.next();
            ObjectType type = c.next().text().equals("timeout") ? ObjectType.CT_TIMEOUT : ObjectType.CT_EXPECTATION;
            c.next();
            return objectReference(type);
        }
        return switch (t.text()) {
            case "counter" -> counter();
            case "log" -> log();
            case "limit" -> limit();
            case "quota" -> quota();
            case "reject" -> reject();
            case "notrack" -> {
                c.next();
                yield new Statement.NotrackStatement();
            }
            case "snat", "dnat" -> nat();
            case "queue" -> queue();
            case "reset" -> tcpOptionReset();
            case "last" -> last();
            case "add", "update", "delete" -> dynset();
            case "tproxy" -> tproxy();
            case "synproxy" -> synproxy();
            case "dup" -> dup();
            case "fwd" -> fwd();
            case "masquerade", "redirect" -> portNat();
            default -> match();
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
            if (nested) {
                throw Cursor.error(open, "too many levels of nesting");
            }
            RuleParser inner = new RuleParser(c, values, family, maps);
            inner.nested = true;
            Parsed rule = inner.rule();
            rules.add(new RuleSpec(family, "-", "-", rule.statements(), rule.comment(), 0));
        }
        return new Statement.ChainBinding(goTo, null, rules);
    }

    /** A field or a concatenation of fields ({@code ip saddr . tcp dport}), as in a match or {@code typeof}. */
    Field fieldOrConcat() {
        Token start = c.peek();
        Field field = field();
        if (c.at(".")) {
            List<Field> fields = new ArrayList<>(List.of(field));
            java.util.Map<Integer, Token> constants = new java.util.TreeMap<>();
            while (c.accept(".")) {
                if (startsConstant(c.peek())) {
                    constants.put(fields.size(), c.next());
                    fields.add(null);
                } else {
                    fields.add(field());
                }
            }
            if (!constants.isEmpty()) {
                constantParts(fields, constants);
            }
            field = Cursor.at(start, () -> new ConcatField(fields));
        }
        return field;
    }

    /** Whether {@code t} is a value in a concatenation rather than a field: a number, an address, a quoted name. */
    private static boolean startsConstant(Token t) {
        return t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.WORD && !t.text().isEmpty()
                && (Character.isDigit(t.text().charAt(0)) || t.text().charAt(0) == ':');
    }

    /**
     * Fills the constants of a concatenation ({@code ip saddr . 1.2.3.4 . 80 @s1}), read as the types of the
     * set looked up after it, as nft reads them.
     */
    private void constantParts(List<Field> fields, java.util.Map<Integer, Token> constants) {
        Token first = constants.values().iterator().next();
        SetShape shape = c.at(Token.Kind.SET_REFERENCE) ? maps.apply(c.peek().text()) : null;
        if (shape == null) {
            throw Cursor.error(first, c.at(Token.Kind.SET_REFERENCE) ? "a constant in a concatenation: declare " + c.peek().text()
                    + " first (its type says how to read the value)" : "a constant in a concatenation is looked up in a named set (@SET)");
        }
        for (var constant : constants.entrySet()) {
            int index = constant.getKey();
            if (index >= shape.key().size()) {
                throw Cursor.error(constant.getValue(), c.peek().text() + " has no key part " + (index + 1));
            }
            Values.Part part = shape.key().get(index);
            Bytes value = values.single(part, constant.getValue());
            fields.set(index, Cursor.at(constant.getValue(), () -> new nftlink.nftables.lang.ConstantField(List.of(part.type()),
                    List.of(part.length()), List.of(value))));
        }
    }

    private Statement match() {
        Token start = c.peek();
        Field loaded = fieldOrConcat();
        // a key computed from the packet: meta mark >> 8 & 0xf vmap @m
        Field unmasked = atOperator("<<") || atOperator(">>") ? shiftedKey(start, loaded) : loaded;
        Bytes xorValue = null;
        Field masked = unmasked;
        String maskOp = maskOperator(unmasked);
        if (maskOp != null) {
            Token opToken = c.next();
            Bytes operand = flagsOrValue(Values.parts(unmasked).getFirst());
            switch (maskOp) {
                case "&" -> masked = Cursor.at(opToken, () -> MaskedField.and(unmasked, operand));
                case "|" -> masked = Cursor.at(opToken, () -> MaskedField.or(unmasked, operand));
                default -> xorValue = operand;
            }
        }
        if (masked != unmasked && c.peek().kind() == Token.Kind.OTHER && c.peek().text().equals("!")) {
            throw Cursor.error(c.peek(), "syntax error, unexpected '!' after a mask (FIELD & MASK == VALUE or FIELD ! FLAGS)");
        }
        if (unmasked.datatype().isBitmask() && !(unmasked instanceof ConcatField) && c.peek().kind() == Token.Kind.OTHER
                && c.peek().text().equals("!")) {
            // FIELD ! FLAGS: none of the flags is set
            Token bang = c.next();
            Bytes flags = flagsOrValue(Values.parts(unmasked).getFirst());
            MaskedField none = Cursor.at(bang, () -> MaskedField.and(unmasked, flags));
            return new Match(none, Match.Op.EQ, new Value.Single(Bytes.of(new byte[none.length()])));
        }
        Field f = masked;
        List<Values.Part> parts = Values.parts(f);
        if (c.accept("vmap")) {
            if (c.at(Token.Kind.SET_REFERENCE)) {
                return new Statement.VerdictMap(f, List.of(), c.next().text());
            }
            Token open = c.expect(Token.Kind.LBRACE, "'{' or @map");
            List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
            while (true) {
                c.skipNewlines();
                if (c.accept(Token.Kind.RBRACE)) {
                    break;
                }
                splitGluedColon();
                Token keyToken = c.peek();
                java.util.regex.Matcher glued = java.util.regex.Pattern.compile("(.+):(accept|drop|continue|return)")
                        .matcher(keyToken.kind() == Token.Kind.WORD ? keyToken.text() : "");
                if (glued.matches() && parts.size() == 1) {
                    // KEY:VERDICT written without spaces is one word
                    c.next();
                    Token keyOnly = new Token(Token.Kind.WORD, glued.group(1), keyToken.location());
                    Value k = new Value.Single(values.single(parts.getFirst(), keyOnly));
                    Verdict verdict = switch (glued.group(2)) {
                        case "accept" -> Verdict.ACCEPT;
                        case "drop" -> Verdict.DROP;
                        case "continue" -> Verdict.CONTINUE;
                        default -> Verdict.RETURN;
                    };
                    entries.add(Cursor.at(keyToken, () -> new Statement.VerdictMap.Entry(k, verdict)));
                } else {
                    Value key = c.accept("*") ? new Value.CatchAll() : Values.wildcard(parts, values.item(parts, false));
                    List<Statement> stateful = values.elementStatements();
                    c.expect(":");
                    Value k = key;
                    entries.add(Cursor.at(keyToken, () -> new Statement.VerdictMap.Entry(k, values.verdict(), stateful)));
                }
                c.skipNewlines();
                if (!c.accept(Token.Kind.COMMA) && !c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("',' or '}'");
                }
            }
            if (entries.isEmpty()) {
                throw Cursor.error(open, "an anonymous verdict map needs at least one element");
            }
            return Cursor.at(start, () -> new Statement.VerdictMap(f, entries, null));
        }
        if (c.at("set")) {
            Token set = c.next();
            if (f instanceof CtField ct && ct.key() == nftlink.nftables.expr.Ct.Key.HELPER) {
                return objectReference(ObjectType.CT_HELPER);
            }
            if (f instanceof MetaField meta && meta.key() == nftlink.nftables.expr.Meta.Key.SECMARK && c.at(Token.Kind.STRING)) {
                return objectReference(ObjectType.SECMARK);
            }
            boolean header = f instanceof PayloadField || f instanceof nftlink.nftables.lang.PayloadBitField
                    || f instanceof nftlink.nftables.lang.ExthdrField || f instanceof RawPayloadField;
            if (!(f instanceof MetaField) && !(f instanceof CtField) && !header) {
                throw Cursor.error(set, "unsupported: '" + f.text() + " set' (nftlink's rule language sets meta, ct and header fields)");
            }
            Token v = c.peek();
            if (v.kind() == Token.Kind.OTHER && v.text().equals("(") && (f instanceof MetaField || f instanceof CtField)
                    && startsField(c.in.peekToken(1))) {
                return shiftedGroup(f, v);
            }
            if (v.kind() == Token.Kind.WORD && header && !(f instanceof nftlink.nftables.lang.ExthdrField)
                    && f.text().startsWith(v.text() + " ")) {
                return setFromField(f, v);
            }
            if (v.kind() == Token.Kind.WORD && (f instanceof MetaField || f instanceof CtField) && (Fields.protocols().contains(v.text())
                    || v.text().equals("meta") || v.text().equals("ct") || v.text().equals("numgen") || v.text().equals("symhash")
                    || v.text().equals("jhash") || v.text().equals("osf")
                    || BARE_META.contains(v.text()) && !v.text().matches("\\d.*"))) {
                return setFromField(f, v);
            }
            if (f instanceof nftlink.nftables.lang.ExthdrField && v.kind() == Token.Kind.WORD && v.text().equals("rt")) {
                // tcp option maxseg size set rt mtu
                Field source = fieldOrConcat();
                return Cursor.at(v, () -> new Statement.SetFromField(f, source));
            }
            if (f instanceof PayloadField && startsField(v)) {
                // a header field from a map: ip daddr set iifname map @m, ip daddr set numgen inc mod 16 map { ... }
                Field key = fieldOrConcat();
                if (!c.at("map")) {
                    throw c.unexpected("map (a header field is set from a map of its values)");
                }
                Field source = mapLookup(key, f);
                return Cursor.at(v, () -> new Statement.SetFromField(f, source));
            }
            if (v.kind() == Token.Kind.WORD && (Fields.protocols().contains(v.text()) || v.text().equals("meta")
                    || v.text().equals("ct") || KNOWN_UNSUPPORTED.contains(v.text()))) {
                throw Cursor.error(v, "unsupported: " + f.text() + " set from an expression (nftlink sets constant values only)");
            }
            if ((f instanceof MetaField || f instanceof CtField) && c.in.peekIs(1, "or", "|", "and", "&")
                    && (c.in.peekIs(2, "meta", "ct") || c.in.peekIs(2, BARE_META.toArray(String[]::new))
                    || c.in.peekIs(2, Fields.protocols().toArray(String[]::new)))) {
                // CONSTANT or FIELD: the same as FIELD or CONSTANT
                Bytes k = values.single(parts.getFirst(), c.next());
                boolean or = c.next().text().matches("or|\\|");
                Token fieldStart = c.peek();
                Field source = fieldOrConcat();
                if (maskOperator(source) != null || c.at("map")) {
                    throw Cursor.error(c.peek(), "unsupported: more than one operation on a value computed from the packet");
                }
                Field combined = Cursor.at(fieldStart, () -> or ? MaskedField.or(source, k) : MaskedField.and(source, k));
                return Cursor.at(v, () -> new Statement.SetFromField(f, combined));
            }
            Bytes value = constant(parts.getFirst());
            return Cursor.at(v, () -> f instanceof MetaField meta ? new Statement.MetaSet(meta, value)
                    : f instanceof CtField ct ? new Statement.CtSet(ct, value) : new Statement.PayloadSet(f, value));
        }
        Match.Op op = Match.Op.EQ;
        Token opToken = c.peek();
        if (opToken.kind() == Token.Kind.OPERATOR) {
            if (opToken.text().equals("<<") || opToken.text().equals(">>")) {
                throw Cursor.error(opToken, "unsupported: " + opToken.text() + " in a match (nftlink shifts values that set a mark)");
            }
            c.next();
            op = switch (opToken.text()) {
                case "==" -> Match.Op.EQ;
                case "!=" -> Match.Op.NEQ;
                case "<" -> Match.Op.LT;
                case ">" -> Match.Op.GT;
                case "<=" -> Match.Op.LTE;
                default -> Match.Op.GTE;
            };
        } else if (opToken.kind() == Token.Kind.WORD && opToken.text().matches("eq|ne|lt|gt|le|ge")) {
            c.next();
            op = switch (opToken.text()) {
                case "eq" -> Match.Op.EQ;
                case "ne" -> Match.Op.NEQ;
                case "lt" -> Match.Op.LT;
                case "gt" -> Match.Op.GT;
                case "le" -> Match.Op.LTE;
                default -> Match.Op.GTE;
            };
        }
        if (c.peek().isEndOfStatement()) {
            throw c.unexpected("a value to compare " + f.text() + " with");
        }
        Token valueToken = c.peek();
        java.util.regex.Matcher numberPrefix = java.util.regex.Pattern.compile("(\\d+|0x[0-9a-fA-F]+)/(\\d+)")
                .matcher(valueToken.kind() == Token.Kind.WORD ? valueToken.text() : "");
        if (numberPrefix.matches() && f == unmasked && f.length() == 4 && f.datatype().hostOrder()
                && (f instanceof MetaField || f instanceof CtField)) {
            // meta mark 0xffffff00/24: the top bits of a 32-bit number, FIELD & MASK == VALUE & MASK
            c.next();
            long value = Long.decode(numberPrefix.group(1));
            int bits = Integer.parseInt(numberPrefix.group(2));
            if (value > 0xffffffffL || bits > 32) {
                throw Cursor.error(valueToken, "value " + valueToken.text() + " is out of range");
            }
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            MaskedField top = MaskedField.and(f, Bytes.u32((int) mask));
            Match.Op prefixOp = op;
            return Cursor.at(valueToken, () -> new Match(top, prefixOp, new Value.Single(Bytes.u32((int) (value & mask)))));
        }
        boolean number = c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("\\d+|0x[0-9a-fA-F]+");
        Value parsed = (f.datatype().isBitmask() || f instanceof MaskedField && number) && !(f instanceof ConcatField)
                && c.peek().kind() != Token.Kind.LBRACE && !c.at(Token.Kind.SET_REFERENCE)
                ? new Value.Single(flagsOrValue(parts.getFirst())) : values.value(parts);
        if (xorValue != null) {
            // FIELD xor C == V is FIELD == V xor C
            if (!(parsed instanceof Value.Single single)) {
                throw Cursor.error(valueToken, "unsupported: xor before a set, range or prefix");
            }
            byte[] v = single.bytes().toArray();
            byte[] x = xorValue.toArray();
            for (int i = 0; i < v.length && i < x.length; i++) {
                v[i] ^= x[i];
            }
            parsed = new Value.Single(Bytes.of(v));
        }
        if (f.datatype().isBitmask() && !(f instanceof MaskedField) && !(f instanceof ConcatField) && c.at("/")
                && parsed instanceof Value.Single) {
            // the older FLAGS / MASK: the masked flags compared with FLAGS
            c.next();
            Bytes mask = flagsOrValue(parts.getFirst());
            MaskedField masked2 = Cursor.at(valueToken, () -> MaskedField.and(f, mask));
            Value v = parsed;
            Match.Op o2 = op;
            return Cursor.at(valueToken, () -> new Match(masked2, o2, v));
        }
        Value value = parsed;
        Match.Op o = op;
        SourceLocation where = valueToken.location().to(c.in.last().location());
        return Cursor.at(new Token(Token.Kind.WORD, "", where), () -> new Match(f, o, value));
    }

    private Field field() {
        Token t = c.peek();
        if (t.kind() == Token.Kind.SET_REFERENCE && RawPayloadField.base(t.text()) != null) {
            return rawPayload();
        }
        if (t.kind() != Token.Kind.WORD) {
            throw c.unexpected("a statement");
        }
        String w = t.text();
        if (w.equals("rt") && c.in.peekIs(1, "nexthop")) {
            return rtNexthop();
        }
        if (w.equals("fib") || w.equals("osf") || w.equals("ipsec") || w.equals("numgen") || w.equals("symhash")
                || w.equals("socket") && !c.in.peekIs(1, "cgroupv2")
                || w.equals("rt") && c.in.peekIs(1, "classid", "nexthop", "mtu", "ipsec", "ip", "ip6")) {
            return expressionField();
        }
        if (w.equals("jhash")) {
            return jhash();
        }
        if (w.equals("exthdr")) {
            c.next();
            Token header = c.expect(Token.Kind.WORD, "an IPv6 extension header (hbh, rt, frag, dst, mh)");
            return Fields.presence(header.text()).orElseThrow(() -> Cursor.error(header,
                    "unsupported: exthdr " + header.text() + " (nftlink's rule language knows exthdr hbh, rt, frag, dst, mh)"));
        }
        InnerField.Tunnel tunnel = InnerField.Tunnel.named(w);
        if (tunnel != null && !(tunnel == InnerField.Tunnel.GRE && c.in.peekIs(1, "flags", "version", "protocol"))) {
            return tunnelField(tunnel);
        }
        if (Fields.protocols().contains(w)) {
            c.next();
            if (w.equals("tcp") && c.accept("option")) {
                return namedExtension("tcp option", "a tcp option");
            }
            if (w.equals("ip") && c.accept("option")) {
                return namedExtension("ip option", "an ip option (lsrr, rr, ssrr, ra)");
            }
            if (w.equals("sctp") && c.accept("chunk")) {
                return namedExtension("sctp chunk", "an sctp chunk type");
            }
            if (w.equals("dccp") && c.accept("option")) {
                Token kind = c.peek();
                int n = c.smallNumber("a dccp option kind (0 to 255)", 255);
                return Cursor.at(kind, () -> nftlink.nftables.lang.ExthdrField.dccpOption(n));
            }
            Token name = c.peek();
            if (name.kind() != Token.Kind.WORD) {
                throw c.unexpected("a " + w + " header field");
            }
            c.next();
            Token second = c.peek();
            if (second.kind() == Token.Kind.WORD) {
                // two-word field names such as arp's "saddr ip"
                var twoWords = Fields.header(w, name.text() + " " + second.text());
                if (twoWords.isPresent()) {
                    c.next();
                    return twoWords.get();
                }
            }
            return Fields.header(w, name.text()).orElseThrow(() -> Cursor.error(name,
                    "unsupported: " + w + " " + name.text() + " (nftlink's rule language knows " + w + " "
                            + String.join(", ", Fields.fieldNames(w)) + ")"));
        }
        if (w.equals("meta")) {
            c.next();
            Token key = c.expect(Token.Kind.WORD, "a meta key");
            return Fields.meta(key.text()).orElseThrow(() -> Cursor.error(key, "unsupported: meta " + key.text()
                    + " (nftlink's rule language knows meta " + String.join(", ",
                    Fields.all().stream().filter(f -> f instanceof MetaField).map(f -> ((MetaField) f).keyName()).toList()) + ")"));
        }
        if (BARE_META.contains(w)) {
            c.next();
            return Fields.meta(w).orElseThrow(() -> Cursor.error(t, "unsupported: " + w));
        }
        if (w.equals("ct")) {
            c.next();
            Token key = c.expect(Token.Kind.WORD, "a ct key");
            nftlink.nftables.expr.Ct.Direction direction = switch (key.text()) {
                case "original" -> nftlink.nftables.expr.Ct.Direction.ORIGINAL;
                case "reply" -> nftlink.nftables.expr.Ct.Direction.REPLY;
                default -> null;
            };
            if (direction != null) {
                key = c.expect(Token.Kind.WORD, "a ct key");
            }
            String name = key.text();
            if ((name.equals("ip") || name.equals("ip6")) && c.peek().kind() == Token.Kind.WORD) {
                name = name + " " + c.next().text();
            }
            String n = name;
            Token k = key;
            return (direction == null ? Fields.ct(n) : Fields.ct(n, direction)).orElseThrow(() -> Cursor.error(k,
                    "unsupported: ct " + (direction == null ? "" : direction.text() + " ") + n
                            + " (nftlink's rule language knows ct state, direction, status, mark, expiration, helper, label, "
                            + "id, zone, bytes, packets, avgpkt, l3proto, protocol, proto-src, proto-dst, ip saddr, ip daddr, "
                            + "ip6 saddr, ip6 daddr; the last seven with original or reply)"));
        }
        if (w.equals("socket")) {
            c.next();
            Token key = c.peek();
            if (!c.accept("cgroupv2")) {
                throw Cursor.error(key, "unsupported: socket " + key.describe() + " (nftlink's rule language knows socket cgroupv2 level N)");
            }
            c.expect("level");
            Token level = c.peek();
            int n = c.smallNumber("a cgroup level", 255);
            return Cursor.at(level, () -> new SocketCgroupField(n));
        }
        if (KNOWN_UNSUPPORTED.contains(w)) {
            throw Cursor.error(t, "unsupported: '" + w + "' is nft syntax that nftlink's rule language does not support");
        }
        throw c.unexpected("a statement");
    }

    /**
     * A value to set: a constant, or constants combined with {@code and}/{@code or}/{@code xor}
     * ({@code &}, {@code |}, {@code ^}), folded into one value as nft does.
     */
    private Bytes constant(Values.Part part) {
        Token first = c.next();
        Bytes value = values.single(part, first);
        while (part.bitmask() && c.at(Token.Kind.COMMA)) {
            // flags listed with commas: ct event set new,related
            c.next();
            byte[] a = value.toArray();
            byte[] b = values.single(part, c.next()).toArray();
            for (int i = 0; i < a.length && i < b.length; i++) {
                a[i] |= b[i];
            }
            value = Bytes.of(a);
        }
        while (c.peek().kind() == Token.Kind.WORD || c.peek().kind() == Token.Kind.OTHER) {
            String op = switch (c.peek().text()) {
                case "and", "&" -> "and";
                case "or", "|" -> "or";
                case "xor", "^" -> "xor";
                default -> null;
            };
            if (op == null) {
                break;
            }
            c.next();
            Token operand = c.peek();
            if (operand.kind() == Token.Kind.WORD && (Fields.protocols().contains(operand.text())
                    || operand.text().equals("meta") || operand.text().equals("ct") || BARE_META.contains(operand.text()))) {
                throw Cursor.error(operand, "unsupported: a set value computed from packet data (nftlink sets constant values only)");
            }
            byte[] a = value.toArray();
            byte[] b = values.single(part, c.next()).toArray();
            for (int i = 0; i < a.length && i < b.length; i++) {
                a[i] = (byte) switch (op) {
                    case "and" -> a[i] & b[i];
                    case "or" -> a[i] | b[i];
                    default -> a[i] ^ b[i];
                };
            }
            value = Bytes.of(a);
        }
        return value;
    }

    /** {@code fib FLAGS RESULT}, {@code rt KEY}, {@code osf [ttl T] name|version}, {@code socket KEY}, {@code ipsec DIR KEY}. */
    /** {@code rt nexthop}: the address family from the table or an earlier {@code meta nfproto}, as nft takes it. */
    private Field rtNexthop() {
        Token rt = c.next();
        c.next();
        Boolean ipv4 = family == Family.IP ? Boolean.TRUE : family == Family.IP6 ? Boolean.FALSE : null;
        for (Statement s : before) {
            if (s instanceof Match m && m.field().equals(MetaField.NFPROTO) && m.op() == Match.Op.EQ
                    && m.value() instanceof nftlink.nftables.lang.Value.Single v) {
                ipv4 = v.bytes().get(0) == NfTables.NFPROTO_IPV4;
            }
        }
        if (ipv4 == null) {
            throw Cursor.error(rt, "rt nexthop needs the address family: rt ip nexthop, rt ip6 nexthop, or meta nfproto first");
        }
        return new ExpressionField(new nftlink.nftables.expr.Rt(ipv4 ? nftlink.nftables.expr.Rt.Key.NEXTHOP4
                : nftlink.nftables.expr.Rt.Key.NEXTHOP6, NfTables.NFT_REG_1));
    }

    /** {@code jhash KEY mod N [seed S] [offset O]}. */
    private Field jhash() {
        Token start = c.next();
        Field key = fieldOrConcat();
        c.expect("mod");
        long modulus = c.number("a modulus");
        Long seed = null;
        long offset = 0;
        if (c.accept("seed")) {
            seed = c.number("a seed");
        }
        if (c.accept("offset")) {
            offset = c.number("an offset");
        }
        if (modulus > 0xffffffffL || seed != null && seed > 0xffffffffL || offset > 0xffffffffL) {
            throw Cursor.error(start, "jhash modulus, seed and offset are 32-bit numbers");
        }
        Integer s = seed == null ? null : (int) (long) seed;
        long o = offset;
        return Cursor.at(start, () -> new nftlink.nftables.lang.HashField(key, (int) modulus, s, (int) o));
    }

    /** {@code vxlan vni}, or a field of the packet inside a tunnel: {@code vxlan ip saddr}, {@code gre tcp dport}. */
    private Field tunnelField(InnerField.Tunnel tunnel) {
        c.next();
        Token name = c.peek();
        if (name.kind() == Token.Kind.WORD) {
            var header = InnerField.header(tunnel, name.text());
            if (header.isPresent()) {
                c.next();
                return header.get();
            }
        }
        if (name.kind() == Token.Kind.WORD && InnerField.Tunnel.named(name.text()) != null) {
            throw Cursor.error(name, "unsupported: a tunnel inside a tunnel (" + tunnel.text() + " " + name.text() + ")");
        }
        Field inside = field();
        return Cursor.at(name, () -> new InnerField(tunnel, inside));
    }

    private Field expressionField() {
        Token first = c.next();
        List<String> words = new ArrayList<>(List.of(first.text()));
        Token last = first;
        while (words.size() < 8 && (c.peek().kind() == Token.Kind.WORD) && ExpressionField.continues(first.text(), words, c.peek().text())) {
            last = c.next();
            words.add(last.text());
        }
        Token end = last;
        ExpressionField parsed = Cursor.at(new Token(Token.Kind.WORD, "", first.location().to(end.location())),
                () -> ExpressionField.parse(words));
        ExpressionField f = parsed != null && first.text().equals("fib") && (c.at("exists") || c.at("missing"))
                ? parsed.presence() : parsed;
        if (f == null) {
            throw new NftParseException(first.location().to(last.location()), "unsupported: '" + String.join(" ", words)
                    + "' (nftlink's rule language knows fib FLAGS oif|oifname|type, rt classid|ip nexthop|ip6 nexthop|mtu|ipsec, "
                    + "osf [ttl loose|skip] name|version, socket transparent|mark|wildcard, ipsec in|out [spnum N] KEY)");
        }
        return f;
    }

    /** {@code queue [num N[-M]] [fanout] [bypass]} or {@code queue [flags bypass,fanout] [to N[-M]]}. */
    private Statement queue() {
        Token start = c.next();
        int flags = 0;
        int[] range = {0, 0};
        Field[] source = {null};
        boolean numbered = false;
        while (c.peek().kind() == Token.Kind.WORD && !c.peek().isEndOfStatement()) {
            Token t = c.peek();
            switch (t.text()) {
                case "num", "to" -> {
                    Token keyword = c.next();
                    if (c.peek().kind() == Token.Kind.WORD && !c.peek().text().matches("\\d.*")) {
                        if (keyword.text().equals("num")) {
                            throw Cursor.error(c.peek(), "syntax error, unexpected " + c.peek().describe()
                                    + ", expecting a queue number (a computed one follows 'to')");
                        }
                        source[0] = queueSource();
                        numbered = true;
                        continue;
                    }
                    Token n = c.expect(Token.Kind.WORD, "a queue number or range");
                    if (!n.text().matches("\\d+(-\\d+)?")) {
                        throw Cursor.error(n, "syntax error, unexpected " + n.describe() + ", expecting a queue number or range");
                    }
                    String[] parts = n.text().split("-");
                    range[0] = Cursor.at(n, () -> parseQueue(parts[0]));
                    range[1] = parts.length > 1 ? Cursor.at(n, () -> parseQueue(parts[1])) : range[0];
                    numbered = true;
                }
                case "flags" -> {
                    c.next();
                    Token f = c.expect(Token.Kind.WORD, "queue flags (bypass, fanout)");
                    StringBuilder all = new StringBuilder(f.text());
                    while (c.accept(Token.Kind.COMMA)) {
                        all.append(',').append(c.expect(Token.Kind.WORD, "a queue flag").text());
                    }
                    for (String flag : all.toString().split(",")) {
                        flags |= switch (flag) {
                            case "bypass" -> NfTables.NFT_QUEUE_FLAG_BYPASS;
                            case "fanout" -> NfTables.NFT_QUEUE_FLAG_CPU_FANOUT;
                            default -> throw Cursor.error(f, "unknown queue flag " + flag + " (bypass, fanout)");
                        };
                    }
                }
                case "bypass" -> {
                    c.next();
                    flags |= NfTables.NFT_QUEUE_FLAG_BYPASS;
                }
                case "fanout" -> {
                    c.next();
                    flags |= NfTables.NFT_QUEUE_FLAG_CPU_FANOUT;
                }
                default -> {
                    return queueStatement(start, range, flags, source[0]);
                }
            }
        }
        return queueStatement(start, range, flags, source[0]);
    }

    private static int parseQueue(String text) {
        long v = Long.parseLong(text);
        if (v > 0xffff) {
            throw new IllegalArgumentException("queue number " + v + " is out of range (0 to 65535)");
        }
        return (int) v;
    }

    private static Statement queueStatement(Token start, int[] range, int flags, Field source) {
        return Cursor.at(start, () -> new Statement.QueueStatement(range[0], range[1], flags, source));
    }

    /** A queue number computed from the packet: numgen, symhash, jhash, or a map lookup ({@code oifname map { ... }}). */
    private Field queueSource() {
        Token start = c.peek();
        Field source = fieldOrConcat();
        if (c.at("map")) {
            source = mapLookup(source, Datatype.HOST_INTEGER, 2, new Values.Part(Datatype.HOST_INTEGER, 2, false, false));
        }
        Field s = source;
        Cursor.at(start, () -> new Statement.QueueStatement(0, 0, 0, s));
        return source;
    }

    /** Whether {@code t} starts a value computed from the packet (a field, numgen, a hash) rather than an address. */
    private static boolean startsField(Token t) {
        if (t.kind() != Token.Kind.WORD) {
            return false;
        }
        String w = t.text();
        return Fields.protocols().contains(w) || BARE_META.contains(w)
                || Set.of("meta", "ct", "numgen", "symhash", "jhash").contains(w);
    }

    /**
     * Whether one of {@code before} says which transport protocol the packet has: a match on it or on a transport
     * header field, or a transport header field in a map key ({@code meta mark set udp dport map { ... }}), as the
     * dependency nft adds for that field says it.
     */
    private static boolean matchesTransport(List<Statement> before) {
        for (Statement s : before) {
            Field read = switch (s) {
                case Match m -> m.field();
                case Statement.VerdictMap v -> v.field();
                case Statement.SetFromField sf -> sf.source();
                case Statement.ObjectMap om -> om.key();
                case Statement.DynsetStatement d -> d.key();
                default -> null;
            };
            if (read != null && readsTransport(read)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code field} is or reads the transport protocol or a transport header field. */
    private static boolean readsTransport(Field field) {
        return switch (field) {
            case ConcatField concat -> concat.fields().stream().anyMatch(RuleParser::readsTransport);
            // tcp flags & (fin | syn) == syn matches the protocol as tcp flags does
            case MaskedField masked -> readsTransport(masked.field());
            case MapLookupField map -> readsTransport(map.key());
            case BinopField computed -> readsTransport(computed.source());
            default -> field.equals(MetaField.L4PROTO) || field.equals(PayloadField.IP_PROTOCOL)
                    || field.equals(PayloadField.IP6_NEXTHDR)
                    || field instanceof PayloadField p && p.base() == nftlink.nftables.expr.Payload.Base.TRANSPORT
                    || field instanceof nftlink.nftables.lang.PayloadBitField b
                    && b.base() == nftlink.nftables.expr.Payload.Base.TRANSPORT;
        };
    }

    /** {@code ip} or {@code ip6} when one of {@code before} matches that header (or meta nfproto), else {@code null}. */
    private static String networkMatched(List<Statement> before) {
        String l3 = null;
        for (Statement s : before) {
            if (s instanceof Match m) {
                if (m.field() instanceof PayloadField p && (p.protocol().equals("ip") || p.protocol().equals("ip6"))
                        && m.op() == Match.Op.EQ && m.value() instanceof nftlink.nftables.lang.Value.Single) {
                    l3 = p.protocol();
                } else if (m.field().equals(MetaField.NFPROTO) && m.op() == Match.Op.EQ
                        && m.value() instanceof nftlink.nftables.lang.Value.Single v) {
                    l3 = v.bytes().get(0) == NfTables.NFPROTO_IPV6 ? "ip6" : "ip";
                }
            }
        }
        return l3;
    }

    /** Whether this parses a rule of an anonymous chain, which nft does not nest. */
    private boolean nested;

    /** The statements of the rule read so far (for syntax whose meaning depends on them). */
    private List<Statement> before = List.of();

    /** {@code FIELD << N [& C ...]} before a match, a vmap or a map: a 32-bit value computed from a field that allows it. */
    private Field shiftedKey(Token start, Field loaded) {
        try {
            nftlink.nftables.lang.BinopField.of(loaded);
        } catch (IllegalArgumentException notComputable) {
            throw Cursor.error(c.peek(), "unsupported: " + c.peek().text() + " in a match (nftlink shifts bit fields and "
                    + "32-bit meta and ct keys)");
        }
        return binop(start, loaded);
    }

    /** Whether {@code f} is the transport protocol: meta l4proto, ip protocol or ip6 nexthdr. */
    private static boolean transportProtocol(Field f) {
        return f.equals(MetaField.L4PROTO) || f.equals(PayloadField.IP_PROTOCOL) || f.equals(PayloadField.IP6_NEXTHDR);
    }

    /** nft's rules for tproxy: a transport protocol matched first, and one address family. */
    private void checkTproxy(Token at, Statement.TproxyStatement t, List<Statement> before) {
        boolean l4 = false;
        String l3 = family == Family.IP ? "ip" : family == Family.IP6 ? "ip6" : null;
        for (Statement s : before) {
            if (s instanceof Match m) {
                // a transport header field implies its protocol (tcp dport 80 tproxy to :20000)
                l4 |= transportProtocol(m.field()) || m.field().dependencies(family).stream()
                        .anyMatch(d -> transportProtocol(d.field()));
                if (m.field() instanceof PayloadField p && (p.protocol().equals("ip") || p.protocol().equals("ip6"))) {
                    l3 = p.protocol();
                }
            }
        }
        if (!l4) {
            throw Cursor.error(at, "transparent proxy support requires a transport protocol match (meta l4proto tcp or udp) before tproxy");
        }
        String wanted = t.family() == NfTables.NFPROTO_IPV4 ? "ip" : t.family() == NfTables.NFPROTO_IPV6 ? "ip6" : null;
        if (family == Family.INET && t.address() != null && wanted == null) {
            throw Cursor.error(at, "tproxy to an address in an inet table needs ip or ip6: tproxy ip to ADDRESS");
        }
        if (wanted != null && l3 != null && !wanted.equals(l3)) {
            throw Cursor.error(at, "conflicting protocols: tproxy " + wanted + " after a match on " + l3);
        }
    }

    /** {@code tproxy [ip|ip6] to [ADDR][:PORT]}. */
    private Statement tproxy() {
        Token start = c.next();
        int nfproto = 0;
        if (c.accept("ip")) {
            nfproto = NfTables.NFPROTO_IPV4;
        } else if (c.accept("ip6")) {
            nfproto = NfTables.NFPROTO_IPV6;
        }
        c.expect("to");
        Token target = c.expect(Token.Kind.WORD, "[ADDRESS][:PORT]");
        String text = target.text();
        boolean v6 = nfproto == NfTables.NFPROTO_IPV6 || nfproto == 0 && (text.startsWith("[") || text.indexOf(':') != text.lastIndexOf(':'));
        if (nfproto == NfTables.NFPROTO_IPV4 && family == Family.IP6 || nfproto == NfTables.NFPROTO_IPV6 && family == Family.IP) {
            throw Cursor.error(start, "tproxy " + (v6 ? "ip6" : "ip") + " cannot be used in a table of family " + family.nftName());
        }
        NatTarget t = NatTarget.parse(target, v6 ? 16 : 4);
        if (t.addressMin() != null && !t.addressMin().equals(t.addressMax()) || t.portMin() != null && !t.portMin().equals(t.portMax())) {
            throw Cursor.error(target, "tproxy takes one address and one port, not ranges");
        }
        if (t.addressMin() != null && (v6 && family == Family.IP || !v6 && family == Family.IP6)) {
            throw Cursor.error(target, "address of the wrong family for a table of family " + family.nftName());
        }
        int f = nfproto;
        return Cursor.at(start, () -> new Statement.TproxyStatement(f, t.addressMin(), t.portMin()));
    }

    /** {@code synproxy [mss N] [wscale N] [timestamp] [sack-perm]}. */
    private Statement synproxy() {
        Token start = c.next();
        int mss = 0;
        int wscale = 0;
        int flags = 0;
        while (!c.peek().isEndOfStatement() && c.peek().kind() == Token.Kind.WORD) {
            switch (c.peek().text()) {
                case "mss" -> {
                    c.next();
                    mss = c.smallNumber("a maximum segment size", 0xffff);
                    flags |= NfTables.NF_SYNPROXY_OPT_MSS;
                }
                case "wscale" -> {
                    c.next();
                    wscale = c.smallNumber("a window scale", 14);
                    flags |= NfTables.NF_SYNPROXY_OPT_WSCALE;
                }
                case "timestamp" -> {
                    c.next();
                    flags |= NfTables.NF_SYNPROXY_OPT_TIMESTAMP;
                }
                case "sack-perm" -> {
                    c.next();
                    flags |= NfTables.NF_SYNPROXY_OPT_SACK_PERM;
                }
                case "name" -> {
                    c.next();
                    return objectReference(ObjectType.SYNPROXY);
                }
                default -> {
                    return new Statement.SynproxyStatement(mss, wscale, flags);
                }
            }
        }
        return new Statement.SynproxyStatement(mss, wscale, flags);
    }

    /** {@code dup to ADDR [device DEV]} or {@code dup to DEV}. */
    private Statement dup() {
        Token start = c.next();
        c.expect("to");
        Token target = c.peek();
        if (startsField(target)) {
            Field map = targetMap(family == Family.NETDEV ? Datatype.IFINDEX
                    : family == Family.IP6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR);
            if (family == Family.NETDEV) {
                return Cursor.at(start, () -> new Statement.DupStatement(null, null, null, map));
            }
            Integer dev = c.accept("device") ? device(c.next()) : null;
            return Cursor.at(start, () -> new Statement.DupStatement(null, dev, map, null));
        }
        if (target.kind() == Token.Kind.STRING) {
            c.next();
            int dev = device(target);
            return new Statement.DupStatement(null, dev);
        }
        Bytes address = address(c.expect(Token.Kind.WORD, "an address or a quoted device name"));
        Integer dev = null;
        if (c.accept("device")) {
            dev = device(c.next());
        }
        Integer d = dev;
        return Cursor.at(start, () -> new Statement.DupStatement(address, d));
    }

    /** {@code fwd to DEV} or {@code fwd ip|ip6 to ADDR device DEV}. */
    private Statement fwd() {
        Token start = c.next();
        if (c.accept("to")) {
            if (startsField(c.peek())) {
                Field map = targetMap(Datatype.IFINDEX);
                return Cursor.at(start, () -> new Statement.FwdStatement(0, null, map));
            }
            return new Statement.FwdStatement(device(c.next()), null);
        }
        Token fam = c.expect(Token.Kind.WORD, "to, ip or ip6");
        if (!fam.text().equals("ip") && !fam.text().equals("ip6")) {
            throw Cursor.error(fam, "syntax error, unexpected " + fam.text() + ", expecting to, ip or ip6");
        }
        c.expect("to");
        Token at = c.expect(Token.Kind.WORD, "an address");
        Bytes address = Cursor.at(at, () -> (fam.text().equals("ip") ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR).parse(at.text(), 0));
        c.expect("device");
        int dev = device(c.next());
        return Cursor.at(start, () -> new Statement.FwdStatement(dev, address));
    }

    /** {@code KEY map { K : DATA, ... }} or {@code KEY map @NAME}, data of {@code type} (interfaces by name). */
    private Field targetMap(Datatype type) {
        Token start = c.peek();
        Field key = fieldOrConcat();
        if (!c.at("map")) {
            throw Cursor.error(start, "unsupported: a computed target other than a map lookup (KEY map { ... })");
        }
        int length = type == Datatype.IPV6_ADDR ? 16 : 4;
        return mapLookup(key, type, length, new Values.Part(type, length, false, false));
    }

    private Bytes address(Token t) {
        boolean v6 = t.text().contains(":");
        if (v6 && family == Family.IP || !v6 && family == Family.IP6) {
            throw Cursor.error(t, "address of the wrong family for a table of family " + family.nftName());
        }
        return Cursor.at(t, () -> (v6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR).parse(t.text(), 0));
    }

    private int device(Token t) {
        return values.single(new Values.Part(Datatype.IFINDEX, 4, false, false), t).asU32();
    }

    /**
     * A constant after {@code &} or {@code |}, or a flag value: one value, {@code a | b | c},
     * {@code (a | b)} or {@code a,b}, the flags combined into one.
     */
    private Bytes flagsOrValue(Values.Part part) {
        boolean paren = c.peek().kind() == Token.Kind.OTHER && c.peek().text().equals("(");
        if (paren) {
            c.next();
        }
        Token first = c.peek();
        if (first.kind() != Token.Kind.WORD && first.kind() != Token.Kind.STRING) {
            throw c.unexpected("a value");
        }
        byte[] value = Values.isVerdict(first) ? null : numberOrValue(part, c.next()).toArray();
        if (value == null) {
            throw c.unexpected("a value");
        }
        // VALUE | VALUE joins constants; VALUE | FIELD starts a combination of values, which the caller reads
        while (c.peek().kind() == Token.Kind.WORD && c.peek().text().equals("|") && !startsField(c.in.peekToken(1))
                || c.at(Token.Kind.COMMA) && part.bitmask()) {
            c.next();
            byte[] more = numberOrValue(part, c.next()).toArray();
            for (int i = 0; i < value.length && i < more.length; i++) {
                value[i] |= more[i];
            }
        }
        if (paren) {
            Token close = c.next();
            if (!close.text().equals(")")) {
                throw Cursor.error(close, "syntax error, unexpected " + close.describe() + ", expecting ')'");
            }
        }
        return Bytes.of(value);
    }

    /** {@code @ll|@nh|@th|@ih,OFFSET,LENGTH} (bits). */
    private Field rawPayload() {
        Token base = c.next();
        c.expect(Token.Kind.COMMA, "',' after @" + base.text());
        Token offset = c.expect(Token.Kind.WORD, "a bit offset");
        c.expect(Token.Kind.COMMA, "',' after the offset");
        Token length = c.expect(Token.Kind.WORD, "a length in bits");
        SourceLocation where = base.location().to(length.location());
        return Cursor.at(new Token(Token.Kind.WORD, "", where), () -> new RawPayloadField(RawPayloadField.base(base.text()),
                Integer.parseInt(offset.text()), Integer.parseInt(length.text())));
    }

    /** A value, where a plain number is also taken for an address (a mask such as {@code ip saddr & 0xff}). */
    private Bytes numberOrValue(Values.Part part, Token t) {
        boolean address = part.type() == Datatype.IPV4_ADDR || part.type() == Datatype.IPV6_ADDR;
        if (address && t.kind() == Token.Kind.WORD && t.text().matches("\\d+|0x[0-9a-fA-F]+")) {
            return Cursor.at(t, () -> Datatype.INTEGER.parse(t.text(), part.length()));
        }
        return values.single(part, t);
    }

    /** {@code &}, {@code |} or {@code ^} when one of them (or and/or/xor) follows a single field, else {@code null}. */
    private String maskOperator(Field f) {
        if (f instanceof ConcatField || c.peek().kind() != Token.Kind.WORD) {
            return null;
        }
        return switch (c.peek().text()) {
            case "&", "and" -> "&";
            case "|", "or" -> "|";
            case "^", "xor" -> "^";
            default -> null;
        };
    }

    /**
     * A map key written against its colon ({@code untracked: accept}) is one word for the lexer: reads it as the key
     * and a colon, unless a colon of its own follows (an IPv6 address may end with one: {@code 2001:db8:: : accept}).
     */
    private void splitGluedColon() {
        Token t = c.peek();
        if (t.kind() == Token.Kind.WORD && t.text().length() > 1 && t.text().endsWith(":") && !c.in.peekIs(1, ":")) {
            c.in.replaceNext(List.of(new Token(Token.Kind.WORD, t.text().substring(0, t.text().length() - 1), t.location()),
                    new Token(Token.Kind.WORD, ":", t.location())));
        }
    }

    /** {@code meta|ct KEY set FIELD [& MASK | | VALUE]}: the value comes from the packet. */
    private Statement setFromField(Field target, Token at) {
        Token start = c.peek();
        Field source = fieldOrConcat();
        boolean widened = target instanceof MetaField || target instanceof CtField;
        if (widened && !(source instanceof ConcatField) && target.length() == 4 && !c.at("map")
                && (source.length() != target.length() || atOperator("<<") || atOperator(">>"))
                && (source instanceof nftlink.nftables.lang.PayloadBitField || atOperator("<<") || atOperator(">>"))) {
            Field computed = binop(start, source);
            return Cursor.at(at, () -> new Statement.SetFromField(target, computed));
        }
        String op = maskOperator(source);
        if (op != null && startsField(c.in.peekToken(1))) {
            // meta mark | iif | meta cpu: values combined from two registers
            Token opToken = c.next();
            source = combination(opToken, source, op);
        } else if (op != null) {
            Token opToken = c.next();
            Bytes operand = flagsOrValue(Values.parts(source).getFirst());
            Field s = source;
            source = switch (op) {
                case "&" -> Cursor.at(opToken, () -> MaskedField.and(s, operand));
                case "|" -> Cursor.at(opToken, () -> MaskedField.or(s, operand));
                default -> Cursor.at(opToken, () -> MaskedField.xor(s, operand));
            };
            String more = maskOperator(source);
            if (more != null && startsField(c.in.peekToken(1))) {
                // ct mark & 0xffff0000 | meta mark & 0x0000ffff
                source = combination(c.next(), source, more);
            } else if (more != null) {
                throw Cursor.error(c.peek(), "unsupported: more than one operation on a value computed from the packet");
            }
        }
        if (c.at("map")) {
            source = mapLookup(source, target);
        }
        if (c.at("map") || atOperator("<<") || atOperator(">>")) {
            throw Cursor.error(c.peek(), "unsupported: " + c.peek().text() + " in a value computed from the packet");
        }
        Field s = source;
        return Cursor.at(at, () -> new Statement.SetFromField(target, s));
    }

    /**
     * {@code KEY set (FIELD & C | | C | ^ C) << N [& C | | C]}: a constant applied to a 32-bit key before the shift, as in
     * {@code ct mark set (meta mark | 0x10) << 8}.
     */
    private Statement shiftedGroup(Field target, Token open) {
        c.next();
        Token start = c.peek();
        Field inner = fieldOrConcat();
        String op = maskOperator(inner);
        if (op == null) {
            throw c.unexpected("&, | or ^ and a constant");
        }
        Token opToken = c.next();
        Bytes operand = flagsOrValue(Values.parts(inner).getFirst());
        Field masked = Cursor.at(opToken, () -> switch (op) {
            case "&" -> MaskedField.and(inner, operand);
            case "|" -> MaskedField.or(inner, operand);
            default -> MaskedField.xor(inner, operand);
        });
        Token close = c.next();
        if (!close.text().equals(")")) {
            throw Cursor.error(close, "syntax error, unexpected " + close.describe() + ", expecting ')'");
        }
        if (!atOperator("<<") && !atOperator(">>")) {
            throw c.unexpected("<< or >> (nftlink shifts a parenthesized value)");
        }
        boolean left = c.next().text().equals("<<");
        int bits = c.smallNumber("a shift in bits (0 to 31)", 31);
        nftlink.nftables.lang.BinopField value = Cursor.at(start, () -> new nftlink.nftables.lang.BinopField(masked,
                left ? bits : -bits, 0xffffffffL, 0));
        while (c.at("&") || c.at("and") || c.at("|") || c.at("or")) {
            boolean and = c.next().text().matches("&|and");
            long constant = binopConstant(inner);
            value = and ? value.and(constant) : value.or(constant);
        }
        nftlink.nftables.lang.BinopField v = value;
        return Cursor.at(open, () -> new Statement.SetFromField(target, v));
    }

    /**
     * A 32-bit value computed from {@code source}: {@code ip dscp}, {@code ip dscp << 2 | 0x10},
     * {@code ip dscp & 0x0f << 1} (constants fold as in nft, {@code <<} binding tighter than {@code &} and {@code |}).
     */
    /** Operations in one computed value, as nft limits them ("Binary operation limit 16 reached"). */
    private static final int MAX_BINOPS = 16;

    private Field binop(Token start, Field source) {
        nftlink.nftables.lang.BinopField value = Cursor.at(start, () -> nftlink.nftables.lang.BinopField.of(source));
        if (atOperator("<<") || atOperator(">>")) {
            boolean left = c.next().text().equals("<<");
            int bits = c.smallNumber("a shift in bits (0 to 31)", 31);
            value = new nftlink.nftables.lang.BinopField(source, left ? bits : -bits, value.mask(), value.xor());
        }
        int operations = 0;
        while (true) {
            String op = c.peek().kind() == Token.Kind.WORD ? switch (c.peek().text()) {
                case "&", "and" -> "&";
                case "|", "or" -> "|";
                default -> null;
            } : null;
            if (op == null) {
                break;
            }
            if (++operations > MAX_BINOPS) {
                throw Cursor.error(c.peek(), "Binary operation limit " + MAX_BINOPS + " reached");
            }
            c.next();
            long constant = binopConstant(source);
            while (atOperator("<<")) {
                c.next();
                constant = (constant << c.smallNumber("a shift in bits (0 to 31)", 31)) & 0xffffffffL;
            }
            value = op.equals("&") ? value.and(constant) : value.or(constant);
        }
        if (atOperator("<<") || atOperator(">>")) {
            throw Cursor.error(c.peek(), "unsupported: a shift after & or | in a value computed from the packet");
        }
        return value;
    }

    /** Whether the operator {@code op} ({@code <<}, {@code >>}) is next. */
    /**
     * The rest of a combination of values after {@code left} and the operator {@code op} (consumed):
     * further values (each with its own {@code &} constants and shifts, which bind tighter) combined
     * left to right, and constants that apply to everything before them ({@code ct mark | ip dscp | 0x200}).
     */
    private Field combination(Token at, Field left, String op) {
        Field value = left;
        String o = op;
        int operations = 0;
        while (true) {
            if (++operations > MAX_BINOPS) {
                throw Cursor.error(at, "Binary operation limit " + MAX_BINOPS + " reached");
            }
            if (startsField(c.peek())) {
                Field right = combinationOperand();
                Field l = value;
                nftlink.nftables.lang.CombinedField.Op combine = switch (o) {
                    case "&" -> nftlink.nftables.lang.CombinedField.Op.AND;
                    case "|" -> nftlink.nftables.lang.CombinedField.Op.OR;
                    default -> nftlink.nftables.lang.CombinedField.Op.XOR;
                };
                value = Cursor.at(at, () -> new nftlink.nftables.lang.CombinedField(l, combine, right));
            } else {
                Token t = c.peek();
                if (value instanceof MaskedField || o.equals("^")) {
                    throw Cursor.error(t, "unsupported: more than one operation with constants on a combination of values");
                }
                Bytes k = Bytes.u32((int) binopConstant(value));
                Field v = value;
                boolean and = o.equals("&");
                value = Cursor.at(t, () -> and ? MaskedField.and(v, k) : MaskedField.or(v, k));
            }
            String next = maskOperator(value);
            if (next == null) {
                return value;
            }
            at = c.next();
            o = next;
        }
    }

    /** One value of a combination: a field, a bit field's value, shifted and masked with {@code &} constants. */
    private Field combinationOperand() {
        Token start = c.peek();
        Field f = fieldOrConcat();
        boolean andConstant = (c.at("&") || c.at("and")) && !startsField(c.in.peekToken(1));
        if (f instanceof nftlink.nftables.lang.PayloadBitField || atOperator("<<") || atOperator(">>")) {
            nftlink.nftables.lang.BinopField b = Cursor.at(start, () -> nftlink.nftables.lang.BinopField.of(f));
            if (atOperator("<<") || atOperator(">>")) {
                boolean left = c.next().text().equals("<<");
                int bits = c.smallNumber("a shift in bits (0 to 31)", 31);
                b = new nftlink.nftables.lang.BinopField(f, left ? bits : -bits, b.mask(), b.xor());
            }
            while ((c.at("&") || c.at("and")) && !startsField(c.in.peekToken(1))) {
                c.next();
                b = b.and(binopConstant(f));
            }
            return b;
        }
        if (andConstant) {
            Token opToken = c.next();
            Bytes mask = flagsOrValue(Values.parts(f).getFirst());
            return Cursor.at(opToken, () -> MaskedField.and(f, mask));
        }
        return f;
    }

    private boolean atOperator(String op) {
        return c.peek().kind() == Token.Kind.OPERATOR && c.peek().text().equals(op);
    }

    /** A 32-bit constant: a number, or a name of the source's datatype ({@code lephb}, {@code af33}). */
    private long binopConstant(Field source) {
        Token t = c.next();
        if (t.kind() == Token.Kind.WORD && t.text().matches("\\d+|0x[0-9a-fA-F]+")) {
            long v = Long.decode(t.text());
            if (v > 0xffffffffL) {
                throw Cursor.error(t, "value " + t.text() + " is out of range");
            }
            return v;
        }
        Bytes b = Cursor.at(t, () -> source.datatype().parse(t.text(), source.valueLength()));
        return new java.math.BigInteger(1, b.toArray()).longValue();
    }

    /** {@code map { KEY : DATA, ... }} or {@code map @NAME} after {@code key}; data of {@code target}'s type. */
    private Field mapLookup(Field key, Field target) {
        return mapLookup(key, target.datatype(), target.length(), Values.parts(target).getFirst());
    }

    /** {@code map { KEY : DATA, ... }} or {@code map @NAME} after {@code key}, data of {@code dataType} read as {@code dataPart}. */
    private Field mapLookup(Field key, Datatype dataType, int dataLength, Values.Part dataPart) {
        return mapLookup(key, dataType, dataLength, dataPart, null);
    }

    /**
     * As {@link #mapLookup(Field, Datatype, int, Values.Part)}; with a {@code tail}, the data may be
     * concatenated {@code DATA . TAIL} (all entries or none), as nat's {@code ADDRESS . PORT}.
     */
    private Field mapLookup(Field key, Datatype dataType, int dataLength, Values.Part dataPart, Values.Part tail) {
        Token map = c.next();
        if (c.at(Token.Kind.SET_REFERENCE)) {
            String name = c.next().text();
            if (tail != null) {
                return namedNatMap(map, key, dataType, name);
            }
            return Cursor.at(map, () -> new MapLookupField(key, dataType, dataLength, List.of(), name));
        }
        c.expect(Token.Kind.LBRACE, "'{' or @map");
        List<Values.Part> keyParts = Values.parts(key);
        // per entry: its key, and the lows and highs of its data's parts
        List<Value> keys = new ArrayList<>();
        List<List<Bytes>> lows = new ArrayList<>();
        List<List<Bytes>> highs = new ArrayList<>();
        List<Token> keyTokens = new ArrayList<>();
        boolean ranges = false;
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                break;
            }
            splitGluedColon();
            Token keyToken = c.peek();
            // * : DATA is the catch-all entry
            Value k = c.accept("*") ? new Value.CatchAll() : values.item(keyParts, false);
            c.expect(":");
            Token dataToken = c.peek();
            List<Bytes> low = new ArrayList<>();
            List<Bytes> high = new ArrayList<>();
            if (tail == null) {
                Bytes single = values.single(dataPart, c.next());
                low.add(single);
                high.add(single);
            } else {
                // nat: ADDRESS, ADDRESS . PORT, each part also a range (or an address prefix)
                for (Values.Part part : List.of(dataPart, tail)) {
                    if (part == tail && !c.accept(".")) {
                        break;
                    }
                    Value v = dataValue(part);
                    low.add(switch (v) {
                        case Value.Single x -> x.bytes();
                        case Value.Range r -> r.low();
                        case Value.Prefix p -> p.address();
                        default -> throw Cursor.error(dataToken, "not a value of the map's data");
                    });
                    high.add(v instanceof Value.Range r ? r.high() : v instanceof Value.Prefix p ? p.last() : low.getLast());
                    ranges |= !(v instanceof Value.Single);
                }
            }
            if (!lows.isEmpty() && low.size() != lows.getFirst().size()) {
                throw Cursor.error(dataToken, low.size() > 1
                        ? "the map's first data is a single value: '. " + tail.type().nftName() + "' is out of place here"
                        : "the map's first data is concatenated (" + dataType.nftName() + " . " + tail.type().nftName()
                        + "): this one misses its second part");
            }
            keys.add(k);
            keyTokens.add(keyToken);
            lows.add(low);
            highs.add(high);
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA) && !c.at(Token.Kind.RBRACE)) {
                throw c.unexpected("',' or '}'");
            }
        }
        boolean concatenated = !lows.isEmpty() && lows.getFirst().size() > 1;
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Bytes d = ranges ? MapLookupField.rangeData(lows.get(i), highs.get(i))
                    : concatenated ? MapLookupField.concatData(lows.get(i)) : lows.get(i).getFirst();
            Token keyToken = keyTokens.get(i);
            entries.add(switch (keys.get(i)) {
                case Value.Single single -> new MapLookupField.Entry(single.bytes(), d);
                case Value.Range r -> Cursor.at(keyToken, () -> MapLookupField.Entry.range(r.low(), r.high(), d));
                case Value.Prefix p -> Cursor.at(keyToken, () -> MapLookupField.Entry.range(p.address(), p.last(), d));
                case Value.CatchAll all -> MapLookupField.Entry.catchAll(d);
                default -> throw Cursor.error(keyToken, "not a key of a data map");
            });
        }
        List<Datatype> parts = concatenated ? List.of(dataType, tail.type()) : List.of(dataType);
        if (ranges) {
            return Cursor.at(map, () -> MapLookupField.ranges(key, parts, entries, null));
        }
        if (concatenated) {
            return Cursor.at(map, () -> MapLookupField.concatenated(key, parts, entries, null));
        }
        return Cursor.at(map, () -> new MapLookupField(key, dataType, dataLength, entries, null));
    }

    /**
     * A named map nat takes its target from, shaped as declared: addresses, {@code ADDRESS . PORT}, or
     * ranges of them ({@code : interval ipv4_addr . inet_service}); an undeclared map holds addresses.
     */
    private Field namedNatMap(Token map, Field key, Datatype address, String name) {
        SetShape shape = maps.apply(name);
        if (shape == null || shape.data() == null) {
            return Cursor.at(map, () -> new MapLookupField(key, address, address.length(), List.of(), name));
        }
        List<Datatype> parts = shape.dataParts().stream().map(Values.Part::type).toList();
        if (parts.getFirst() != address) {
            throw Cursor.error(map, "@" + name + " maps to " + parts.getFirst().nftName() + ", not to " + address.nftName());
        }
        if (shape.dataInterval()) {
            return Cursor.at(map, () -> MapLookupField.ranges(key, parts, List.of(), name));
        }
        if (parts.size() > 1) {
            return Cursor.at(map, () -> MapLookupField.concatenated(key, parts, List.of(), name));
        }
        return Cursor.at(map, () -> new MapLookupField(key, address, address.length(), List.of(), name));
    }

    /** One part of a nat map's data: a value, a range or a prefix; an IPv6 address may be bracketed ([fd00::1]). */
    private Value dataValue(Values.Part part) {
        Token t = c.peek();
        if (t.text().startsWith("[") && t.text().endsWith("]")) {
            c.next();
            return new Value.Single(values.single(part, new Token(t.kind(), t.text().substring(1, t.text().length() - 1),
                    t.location())));
        }
        return values.item(List.of(part), false);
    }

    /** The quoted name of a stateful object a rule refers to. */
    private Statement objectReference(ObjectType type) {
        if (startsField(c.peek())) {
            return objectMap(type);
        }
        Token name = c.next();
        if (name.kind() != Token.Kind.STRING && name.kind() != Token.Kind.WORD) {
            throw Cursor.error(name, "syntax error, unexpected " + name.describe() + ", expecting an object name");
        }
        return Cursor.at(name, () -> new Statement.ObjectReference(type, name.text()));
    }

    /** {@code KEY map { K : "OBJECT", ... }} or {@code KEY map @NAME} after {@code counter name} and the like. */
    private Statement objectMap(ObjectType type) {
        Token start = c.peek();
        Field loaded = fieldOrConcat();
        // counter name meta mark >> 8 & 0xf map @m
        Field key = atOperator("<<") || atOperator(">>") ? binop(start, loaded) : loaded;
        Token map = c.expect("map");
        if (c.at(Token.Kind.SET_REFERENCE)) {
            String named = c.next().text();
            return Cursor.at(map, () -> new Statement.ObjectMap(type, key, List.of(), named));
        }
        c.expect(Token.Kind.LBRACE, "'{' or @map");
        List<Values.Part> keyParts = Values.parts(key);
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                break;
            }
            splitGluedColon();
            Token keyToken = c.peek();
            Value k = values.item(keyParts, false);
            c.expect(":");
            Token object = c.next();
            if (object.kind() != Token.Kind.STRING && object.kind() != Token.Kind.WORD) {
                throw Cursor.error(object, "syntax error, unexpected " + object.describe() + ", expecting an object name");
            }
            entries.add(Cursor.at(keyToken, () -> new Statement.ObjectMap.Entry(k, object.text())));
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA) && !c.at(Token.Kind.RBRACE)) {
                throw c.unexpected("',' or '}'");
            }
        }
        return Cursor.at(map, () -> new Statement.ObjectMap(type, key, entries, null));
    }

    /** {@code last [used never|DURATION]}. */
    private Statement last() {
        c.next();
        if (c.accept("used")) {
            Token t = c.next();
            if (t.text().equals("never")) {
                return new Statement.LastStatement(null);
            }
            return new Statement.LastStatement(Durations.millis(t));
        }
        return new Statement.LastStatement(null);
    }

    /** Constant data for map {@code set}, of the type its declaration gives: {@code 10.0.0.1 . 80}. */
    private Field constantData(Token set) {
        SetShape shape = maps.apply(set.text());
        if (shape == null || shape.data() == null) {
            throw Cursor.error(c.peek(), shape == null ? "constant data for @" + set.text() + ": declare the map first (its data type"
                    + " says how to read the value)" : "@" + set.text() + " is not a map of values");
        }
        Token start = c.peek();
        List<Datatype> types = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<Bytes> values = new ArrayList<>();
        for (Values.Part part : shape.dataParts()) {
            if (!types.isEmpty()) {
                c.expect(".");
            }
            types.add(part.type());
            lengths.add(part.length());
            values.add(this.values.single(part, c.next()));
        }
        return Cursor.at(start, () -> new nftlink.nftables.lang.ConstantField(types, lengths, values));
    }

    /**
     * The key of a dynamic set update: fields, and constants where the set's key has a part no field gives
     * ({@code add @s { ip saddr . 10002 }}, read as the declared type of that part).
     */
    private Field dynsetKey(Token set) {
        Token start = c.peek();
        List<Field> parts = new ArrayList<>();
        do {
            // a tunnel's inner header field too: update @y { vxlan ip saddr }
            if (startsField(c.peek()) || c.peek().kind() == Token.Kind.WORD
                    && nftlink.nftables.lang.InnerField.Tunnel.named(c.peek().text()) != null) {
                parts.add(field());
                continue;
            }
            SetShape shape = maps.apply(set.text());
            int index = parts.size();
            if (shape == null || index >= shape.key().size()) {
                throw Cursor.error(c.peek(), shape == null ? "a constant in the key of @" + set.text() + ": declare the set "
                        + "first (its type says how to read the value)" : "@" + set.text() + " has no key part " + (index + 1));
            }
            Values.Part part = shape.key().get(index);
            Token constant = c.next();
            Bytes value = values.single(part, constant);
            parts.add(Cursor.at(constant, () -> new nftlink.nftables.lang.ConstantField(List.of(part.type()),
                    List.of(part.length()), List.of(value))));
        } while (c.accept("."));
        if (parts.size() == 1) {
            // a constant key as nft takes it: add @m { 10.2.3.4 timeout 2s : 0x2 }
            return parts.getFirst();
        }
        return Cursor.at(start, () -> new ConcatField(parts));
    }

    /** {@code add|update|delete @SET { KEY [timeout T] [: DATA] }}. */
    private Statement dynset() {
        Token op = c.next();
        Token set = c.expect(Token.Kind.SET_REFERENCE, "@set after " + op.text());
        c.expect(Token.Kind.LBRACE, "'{'");
        Field key = dynsetKey(set);
        Long timeout = null;
        if (c.accept("timeout")) {
            timeout = Durations.millis(c.next());
        }
        if (c.at("expires")) {
            throw Cursor.error(c.peek(), "unsupported: expires in dynamic set updates (timeout sets the element's lifetime)");
        }
        List<Statement> stateful = new ArrayList<>();
        while (true) {
            Token at = c.peek();
            Statement s;
            if (c.at("counter")) {
                s = counter();
            } else if (c.at("limit")) {
                s = limit();
            } else if (c.at("quota")) {
                s = quota();
            } else if (c.at("ct") && c.in.peekIs(1, "count")) {
                s = connlimit();
            } else {
                break;
            }
            if (s instanceof Statement.ObjectReference) {
                throw Cursor.error(at, "a set element holds its own counter, limit or quota, not a named object");
            }
            stateful.add(s);
        }
        Field data = null;
        if (c.accept(":")) {
            data = startsField(c.peek()) ? fieldOrConcat() : constantData(set);
        }
        c.expect(Token.Kind.RBRACE, "'}'");
        nftlink.nftables.lang.SetOperation code = nftlink.nftables.lang.SetOperation.named(op.text()).orElseThrow();
        Long t = timeout;
        Field d = data;
        return Cursor.at(op, () -> new Statement.DynsetStatement(code, set.text(), key, d, t, stateful));
    }

    /**
     * The stateful statement that comes next ({@code counter}, {@code limit}, {@code quota}, {@code ct
     * count}, {@code last}), as a set declaration or a set element holds them, or {@code null} when none does.
     */
    Statement stateful() {
        Token at = c.peek();
        Statement s;
        if (c.at("counter")) {
            s = counter();
        } else if (c.at("limit")) {
            s = limit();
        } else if (c.at("quota")) {
            s = quota();
        } else if (c.at("ct") && c.in.peekIs(1, "count")) {
            s = connlimit();
        } else if (c.at("last")) {
            s = last();
        } else {
            return null;
        }
        if (s instanceof Statement.ObjectReference) {
            throw Cursor.error(at, "a set or its elements hold their own counter, limit or quota, not a named object");
        }
        return s;
    }

    /** {@code ct count [over] N}. */
    private Statement connlimit() {
        c.next();
        c.next();
        boolean over = c.accept("over");
        long count = c.number("a connection count");
        if (count > 0xffffffffL) {
            throw Cursor.error(c.in.last(), "connection count " + count + " is out of range");
        }
        return new Statement.ConnlimitStatement((int) count, over);
    }

    /** {@code reset tcp option NAME|KIND}. */
    private Statement tcpOptionReset() {
        c.next();
        c.expect("tcp");
        c.expect("option");
        Token option = c.expect(Token.Kind.WORD, "a tcp option name or kind");
        int kind;
        if (option.text().matches("\\d+")) {
            kind = Cursor.at(option, () -> Integer.parseInt(option.text()));
        } else {
            String header = "tcp option " + option.text();
            kind = Fields.presence(header).map(nftlink.nftables.lang.ExthdrField::type).orElseThrow(() -> Cursor.error(option,
                    "unknown tcp option " + option.text()));
        }
        int k = kind;
        return Cursor.at(option, () -> new Statement.TcpOptionReset(k));
    }

    /**
     * After {@code tcp option} or {@code sctp chunk} ({@code kind}): {@code NAME FIELD}, or
     * {@code NAME} alone, the presence test that {@code exists}/{@code missing} follows.
     */
    private Field namedExtension(String kind, String what) {
        if (kind.equals("tcp option") && c.at(Token.Kind.SET_REFERENCE) && c.peek().text().matches("\\d+")) {
            // tcp option @KIND,OFFSET,LENGTH (bits)
            Token raw = c.next();
            c.expect(Token.Kind.COMMA, "',' after @" + raw.text());
            Token offset = c.expect(Token.Kind.WORD, "a bit offset");
            c.expect(Token.Kind.COMMA, "',' after the offset");
            Token length = c.expect(Token.Kind.WORD, "a length in bits");
            if (!offset.text().matches("\\d+") || !length.text().matches("\\d+")) {
                throw Cursor.error(offset, "tcp option @KIND,OFFSET,LENGTH takes numbers");
            }
            return Cursor.at(raw, () -> nftlink.nftables.lang.ExthdrField.tcpOptionBits(Integer.parseInt(raw.text()),
                    Integer.parseInt(offset.text()), Integer.parseInt(length.text())));
        }
        if (kind.equals("tcp option") && c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("\\d+")) {
            Token number = c.peek();
            int n = c.smallNumber("a tcp option kind (0 to 255)", 255);
            return Cursor.at(number, () -> nftlink.nftables.lang.ExthdrField.tcpOption(n));
        }
        Token name = c.expect(Token.Kind.WORD, what);
        String header = kind + " " + name.text();
        if (!Fields.extensionHeaders().contains(header)) {
            throw Cursor.error(name, "unsupported: " + header + " (nftlink's rule language knows "
                    + String.join(", ", Fields.extensionHeaders().stream().filter(h -> h.startsWith(kind + " "))
                    .map(h -> h.substring(kind.length() + 1)).toList()) + ")");
        }
        Token field = c.peek();
        if (field.kind() == Token.Kind.WORD && Fields.header(header, field.text()).isPresent()) {
            c.next();
            return Fields.header(header, field.text()).get();
        }
        return Fields.presence(header).orElseThrow(() -> Cursor.error(name, header + " names fields of another option ("
                + String.join(", ", Fields.fieldNames(header)) + "); its presence is that option's"));
    }

    private Statement counter() {
        c.next();
        if (c.accept("name")) {
            return objectReference(ObjectType.COUNTER);
        }
        long packets = 0;
        long bytes = 0;
        if (c.accept("packets")) {
            packets = c.number("a packet count");
            c.expect("bytes");
            bytes = c.number("a byte count");
        } else if (c.accept("bytes")) {
            bytes = c.number("a byte count");
            c.expect("packets");
            packets = c.number("a packet count");
        }
        return new Statement.CounterStatement(packets, bytes);
    }

    private Statement log() {
        Token logToken = c.next();
        String prefix = null;
        LogLevel level = null;
        Integer group = null;
        Integer snaplen = null;
        Integer threshold = null;
        Set<LogFlag> flags = java.util.EnumSet.noneOf(LogFlag.class);
        while (true) {
            if (c.accept("prefix")) {
                // nft takes an unquoted word too: log prefix drop-ssh
                prefix = c.peek().kind() == Token.Kind.WORD && !c.peek().isEndOfStatement() ? c.next().text()
                        : c.expect(Token.Kind.STRING, "a quoted prefix").text();
            } else if (c.accept("level")) {
                Token l = c.expect(Token.Kind.WORD, "a log level");
                level = LogLevel.named(l.text()).orElseThrow(() -> Cursor.error(l, "unknown log level " + l.text()
                        + " (expected " + LogLevel.names() + ")"));
            } else if (c.accept("group")) {
                group = c.smallNumber("a log group", 0xffff);
            } else if (c.accept("flags")) {
                flags.addAll(logFlags());
            } else if (c.accept("snaplen")) {
                Token n = c.peek();
                long bytes = c.number("a snap length in bytes");
                if (bytes > 0xffffffffL) {
                    throw Cursor.error(n, "snap length " + bytes + " is out of range");
                }
                snaplen = (int) bytes;
            } else if (c.accept("queue-threshold")) {
                threshold = c.smallNumber("a number of packets", 0xffff);
            } else {
                break;
            }
        }
        if (level == LogLevel.AUDIT && (prefix != null || group != null || !flags.isEmpty())) {
            throw Cursor.error(logToken, "log level audit takes no other options");
        }
        if (group != null && (level != null || !flags.isEmpty())) {
            throw Cursor.error(logToken, "log group (nflog) takes no level or flags");
        }
        if (group == null && (snaplen != null || threshold != null)) {
            throw Cursor.error(logToken, "log snaplen and queue-threshold need a group (nflog)");
        }
        return new Statement.LogStatement(prefix, level, flags, group, snaplen, threshold);
    }

    /** {@code all}, {@code tcp sequence[,options]}, {@code ip options}, {@code skuid} or {@code ether} after {@code flags}. */
    private Set<LogFlag> logFlags() {
        Token t = c.expect(Token.Kind.WORD, "log flags (all, tcp, ip, skuid, ether)");
        return switch (t.text()) {
            case "all" -> java.util.EnumSet.allOf(LogFlag.class);
            case "skuid" -> Set.of(LogFlag.SKUID);
            case "ether" -> Set.of(LogFlag.ETHER);
            case "ip" -> {
                c.expect("options");
                yield Set.of(LogFlag.IP_OPTIONS);
            }
            case "tcp" -> {
                Set<LogFlag> f = java.util.EnumSet.noneOf(LogFlag.class);
                do {
                    Token o = c.expect(Token.Kind.WORD, "sequence or options");
                    f.add(switch (o.text()) {
                        case "sequence" -> LogFlag.TCP_SEQUENCE;
                        case "options" -> LogFlag.TCP_OPTIONS;
                        default -> throw Cursor.error(o, "unknown tcp log flag " + o.text() + " (expected sequence or options)");
                    });
                } while (c.accept(Token.Kind.COMMA));
                yield f;
            }
            default -> throw Cursor.error(t, "unknown log flag " + t.text() + " (expected all, tcp, ip, skuid or ether)");
        };
    }

    private Statement limit() {
        c.next();
        if (c.accept("name")) {
            return objectReference(ObjectType.LIMIT);
        }
        c.expect("rate");
        boolean over = c.accept("over");
        if (c.accept("until")) {
            over = false;
        }
        Token rateToken = c.peek();
        Rates r = Rates.parse(c);
        long rate = r.rate();
        boolean bytes = r.bytes();
        long burst = bytes ? 0 : 5;
        if (c.accept("burst")) {
            long b = c.number("a burst");
            Token u = c.expect(Token.Kind.WORD, bytes ? "a byte unit" : "packets");
            if (bytes) {
                b *= Rates.byteUnit(u, u.text());
            } else if (!u.text().equals("packets")) {
                throw Cursor.error(u, "syntax error, unexpected " + u.text() + ", expecting packets");
            }
            if (b > 0xffffffffL) {
                throw Cursor.error(u, "burst too large");
            }
            burst = b;
        }
        if (rate == 0) {
            throw Cursor.error(rateToken, "limit rate must be greater than 0");
        }
        return new Statement.LimitStatement(rate, r.period(), burst, bytes, over);
    }

    private Statement quota() {
        c.next();
        if (c.accept("name")) {
            return objectReference(ObjectType.QUOTA);
        }
        boolean over = c.accept("over");
        if (!over) {
            c.accept("until");
        }
        long bytes = c.number("a byte count");
        Token u = c.expect(Token.Kind.WORD, "a byte unit");
        bytes *= Rates.byteUnit(u, u.text());
        long used = 0;
        if (c.accept("used")) {
            used = c.number("a byte count");
            Token uu = c.expect(Token.Kind.WORD, "a byte unit");
            used *= Rates.byteUnit(uu, uu.text());
        }
        return new Statement.QuotaStatement(bytes, used, over);
    }

    private Statement reject() {
        c.next();
        if (!c.accept("with")) {
            return Statement.RejectStatement.inContext(family, before);
        }
        Token kindToken = c.expect(Token.Kind.WORD, "icmp, icmpv6, icmpx or tcp");
        if (kindToken.text().equals("tcp")) {
            c.expect("reset");
            return Statement.RejectStatement.portUnreachable(RejectKind.TCP_RESET);
        }
        RejectKind kind = RejectKind.named(kindToken.text());
        if (kind == null) {
            throw Cursor.error(kindToken, "syntax error, unexpected " + kindToken.text() + ", expecting icmp, icmpv6, icmpx or tcp");
        }
        if (kind == RejectKind.ICMP && family == Family.IP6 || kind == RejectKind.ICMPV6 && family == Family.IP) {
            throw Cursor.error(kindToken, "reject with " + kindToken.text() + " is not possible in a table of family " + family);
        }
        c.accept("type");
        Token code = c.expect(Token.Kind.WORD, "a reject code");
        if (kind == RejectKind.ICMPX && (family == Family.IP || family == Family.IP6)) {
            throw Cursor.error(code, "abstracted ICMP unreachable not supported");
        }
        return new Statement.RejectStatement(kind, kind.code(code.text()).orElseThrow(() -> Cursor.error(code, "unknown "
                + kind.nftName() + " code " + code.text() + " (expected " + kind.codeNames() + " or a number)")));
    }

    /**
     * {@code snat|dnat [ip|ip6] [prefix] to TARGET [FLAGS]}; without a family, {@code to} may be left out
     * ({@code snat 10.0.0.1}, {@code dnat 192.168.26.100:22}), as nft takes it.
     */
    private Statement nat() {
        Token natToken = c.next();
        boolean destination = natToken.text().equals("dnat");
        Integer length = family == Family.IP6 ? Integer.valueOf(16) : family == Family.IP ? Integer.valueOf(4) : null;
        boolean qualified = c.at("ip") || c.at("ip6");
        if (qualified) {
            length = c.next().text().equals("ip6") ? 16 : 4;
        } else if (family == Family.INET) {
            // nft takes the address family from an earlier ip or ip6 header match
            String l3 = networkMatched(before);
            if (l3 != null) {
                length = l3.equals("ip6") ? 16 : 4;
            }
        }
        boolean netmap = c.accept("prefix");
        if (qualified || netmap || !startsNatTarget(c.peek())) {
            c.expect("to");
        } else {
            c.accept("to");
        }
        Set<NatFlag> prefix = netmap ? Set.of(NatFlag.NETMAP) : Set.of();
        Token start = c.peek();
        boolean hasAddress = startsField(start) || !(start.text().startsWith(":") && !start.text().startsWith("::"));
        if (length == null && hasAddress) {
            throw Cursor.error(natToken, "specify `" + natToken.text() + " ip' or '" + natToken.text()
                    + " ip6' in inet table to disambiguate");
        }
        int addressLength = length == null ? 4 : length;
        if (startsField(start)) {
            Field source = fieldOrConcat();
            if (c.at("map")) {
                Datatype type = addressLength == 16 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
                source = mapLookup(source, type, addressLength, new Values.Part(type, addressLength, false, false),
                        new Values.Part(Datatype.INET_SERVICE, 2, false, false));
            }
            Set<NatFlag> flags = with(natFlags(), prefix);
            Field s = source;
            return Cursor.at(start, () -> new Statement.NatStatement(destination, null, null, null, null, flags, s));
        }
        Token spec = c.expect(Token.Kind.WORD, "an address, address range or :port");
        NatTarget target = NatTarget.parse(spec, addressLength);
        Set<NatFlag> flags = with(natFlags(), prefix);
        return Cursor.at(spec, () -> new Statement.NatStatement(destination, target.addressMin(), target.addressMax(),
                target.portMin(), target.portMax(), flags));
    }

    /** Whether {@code t} may start what a nat statement without {@code to} maps to: an address, :PORT or a field. */
    private static boolean startsNatTarget(Token t) {
        return t.kind() == Token.Kind.WORD && !t.isEndOfStatement() && !t.text().equals("to")
                && (startsField(t) || t.text().matches("[0-9a-fA-F:\\[].*"));
    }

    private static Set<NatFlag> with(Set<NatFlag> flags, Set<NatFlag> more) {
        Set<NatFlag> out = java.util.EnumSet.noneOf(NatFlag.class);
        out.addAll(flags);
        out.addAll(more);
        return out;
    }

    /**
     * {@code masquerade [to :PORT[-PORT]] [FLAGS]}, {@code redirect [to [:]PORT[-PORT]] [FLAGS]} or
     * {@code redirect to :tcp dport map { ... }}.
     */
    private Statement portNat() {
        boolean masquerade = c.next().text().equals("masquerade");
        Integer min = null;
        Integer max = null;
        if (c.accept("to")) {
            Token next = c.peek();
            if (!masquerade && next.kind() == Token.Kind.WORD && next.text().matches(":[a-z].*")) {
                // redirect to :tcp dport map { 22 : 8000 } or to :ct state map @m: the port looked up in a map
                c.in.replaceNext(List.of(new Token(Token.Kind.WORD, next.text().substring(1), next.location())));
                Token start = c.peek();
                Field key = fieldOrConcat();
                if (!c.at("map")) {
                    throw Cursor.error(start, "expected map after " + key.text() + " (a port computed from the packet comes from a map)");
                }
                Field source = mapLookup(key, Datatype.INET_SERVICE, 2, new Values.Part(Datatype.INET_SERVICE, 2, false, false));
                Set<NatFlag> flags = natFlags();
                return Cursor.at(next, () -> new Statement.RedirectStatement(null, null, flags, source));
            }
            Token spec = c.expect(Token.Kind.WORD, ":PORT or :PORT-PORT");
            if (!spec.text().startsWith(":") && (masquerade || !spec.text().matches("\\d+(-\\d+)?"))) {
                throw Cursor.error(spec, "expected :PORT or :PORT-PORT");
            }
            // redirect to 26: the port, with or without its colon
            Token ports = spec.text().startsWith(":") ? spec : new Token(spec.kind(), ":" + spec.text(), spec.location());
            NatTarget target = NatTarget.parse(ports, 4);
            min = target.portMin();
            max = target.portMax();
        }
        Set<NatFlag> flags = natFlags();
        return masquerade ? new Statement.MasqueradeStatement(min, max, flags) : new Statement.RedirectStatement(min, max, flags);
    }

    private Set<NatFlag> natFlags() {
        Set<NatFlag> flags = java.util.EnumSet.noneOf(NatFlag.class);
        while (c.at("random") || c.at("fully-random") || c.at("persistent")) {
            flags.add(NatFlag.named(c.next().text()).orElseThrow());
            if (!c.accept(Token.Kind.COMMA)) {
                break;
            }
        }
        return flags;
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
