package nftlink.nftables.parse;

import java.util.Map;
import java.util.TreeMap;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Rt;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.ConstantField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.HashField;
import nftlink.nftables.lang.Value;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.ExpressionField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.InnerField;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;

import java.util.ArrayList;
import java.util.List;

/** Parses the fields a rule reads from the packet or its metadata: header fields, meta, ct, hashes, tunnels, raw payload. */
final class FieldParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    FieldParser(RuleContext r) {
        super(r);
    }

    /** A field or a concatenation of fields ({@code ip saddr . tcp dport}), as in a match or {@code typeof}. */
    Field fieldOrConcat() {
        Token start = c.peek();
        Field field = field();
        if (field instanceof CtField ct && ct.familyAddress() && (c.at("map") || c.at("vmap"))) {
            throw familyAddressKey(start);
        }
        if (c.at(".")) {
            List<Field> fields = new ArrayList<>(List.of(field));
            Map<Integer, Token> constants = new TreeMap<>();
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
            if (fields.stream().anyMatch(f -> f instanceof CtField ct && ct.familyAddress())) {
                throw familyAddressKey(start);
            }
            field = Cursor.at(start, () -> new ConcatField(fields));
        }
        return field;
    }

    /** A key's type must be known: nft refuses ct original saddr . meta mark { ... } and ct original daddr map { ... }. */
    private static NftParseException familyAddressKey(Token start) {
        return Cursor.error(start, "specify either ip or ip6 for address matching");
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
    private void constantParts(List<Field> fields, Map<Integer, Token> constants) {
        Token first = constants.values().iterator().next();
        SetShape shape = c.at(Token.Kind.SET_REFERENCE) ? r.maps.apply(c.peek().text()) : null;
        if (shape == null) {
            throw Cursor.error(first, c.at(Token.Kind.SET_REFERENCE) ? "a constant in a concatenation: declare " + c.peek().text()
                    + " first (its type says how to read the value)" : "a constant in a concatenation is looked up in a named set (@SET)");
        }
        for (var constant : constants.entrySet()) {
            int index = constant.getKey();
            if (index >= shape.key().size()) {
                throw Cursor.error(constant.getValue(), c.peek().text() + " has no key part " + (index + 1));
            }
            ValueParser.Part part = shape.key().get(index);
            Bytes value = values.single(part, constant.getValue());
            fields.set(index, Cursor.at(constant.getValue(), () -> new ConstantField(List.of(part.type()),
                    List.of(part.length()), List.of(value))));
        }
    }

    /** One field: a header field, meta or ct key, raw payload, hash, tunnel field or an expression such as fib. */
    Field field() {
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
        if (Fields.isProtocol(w)) {
            return headerField(w);
        }
        if (w.equals("meta")) {
            c.next();
            Token key = c.expect(Token.Kind.WORD, "a meta key");
            return Fields.meta(key.text()).orElseThrow(() -> Cursor.error(key, "unsupported: meta " + key.text()
                    + " (nftlink's rule language knows meta " + String.join(", ",
                    Fields.all().stream().filter(f -> f instanceof MetaField).map(f -> ((MetaField) f).keyName()).toList()) + ")"));
        }
        if (RuleVocabulary.BARE_META.contains(w)) {
            c.next();
            return Fields.meta(w).orElseThrow(() -> Cursor.error(t, "unsupported: " + w));
        }
        if (w.equals("ct")) {
            return ctField();
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
        if (RuleVocabulary.KNOWN_UNSUPPORTED.contains(w)) {
            throw Cursor.error(t, "unsupported: '" + w + "' is nft syntax that nftlink's rule language does not support");
        }
        throw c.unexpected("a statement");
    }

    /** After a protocol name {@code w}: a header field ({@code tcp dport}), a tcp or ip option, an sctp chunk, a dccp option. */
    private Field headerField(String w) {
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
            return Cursor.at(kind, () -> ExthdrField.dccpOption(n));
        }
        Token name = c.peek();
        if (name.kind() != Token.Kind.WORD) {
            throw c.unexpected("a " + w + " header field");
        }
        c.next();
        Token second = c.peek();
        if (second.kind() == Token.Kind.WORD) {
            // two-word field names such as arp's "saddr ip"
            var twoWords = Fields.header(w, name.text(), second.text());
            if (twoWords.isPresent()) {
                c.next();
                return twoWords.get();
            }
        }
        return Fields.header(w, name.text()).orElseThrow(() -> Cursor.error(name,
                "unsupported: " + w + " " + name.text() + " (nftlink's rule language knows " + w + " "
                        + String.join(", ", Fields.fieldNames(w)) + ")"));
    }

    /** After {@code ct}: {@code [original|reply] KEY}. */
    private Field ctField() {
        c.next();
        Token key = c.expect(Token.Kind.WORD, "a ct key");
        Ct.Direction direction = Ct.Direction.named(key.text()).orElse(null);
        if (direction != null) {
            key = c.expect(Token.Kind.WORD, "a ct key");
        }
        String name = key.text();
        if ((name.equals("ip") || name.equals("ip6")) && c.peek().kind() == Token.Kind.WORD) {
            name = name + " " + c.next().text();
        }
        String n = name;
        Token k = key;
        CtField familyAddress = CtField.familyAddress(n, direction, family);
        if (familyAddress != null) {
            return familyAddress;
        }
        if (direction != null && (n.equals("saddr") || n.equals("daddr"))) {
            throw Cursor.error(k, "cannot determine ip protocol version, use \"ip " + n + "\" or \"ip6 " + n + "\" instead");
        }
        return (direction == null ? Fields.ct(n) : Fields.ct(n, direction)).orElseThrow(() -> Cursor.error(k,
                "unsupported: ct " + (direction == null ? "" : direction.text() + " ") + n
                        + " (nftlink's rule language knows ct state, direction, status, mark, expiration, helper, label, "
                        + "id, zone, bytes, packets, avgpkt, l3proto, protocol, proto-src, proto-dst, ip saddr, ip daddr, "
                        + "ip6 saddr, ip6 daddr; the last seven with original or reply)"));
    }

    /** {@code rt nexthop}: the address family from the table or an earlier {@code meta nfproto}, as nft takes it. */
    private Field rtNexthop() {
        Token rt = c.next();
        c.next();
        Boolean ipv4 = family == Family.IP ? Boolean.TRUE : family == Family.IP6 ? Boolean.FALSE : null;
        for (Statement s : r.before) {
            if (s instanceof Match m && m.field().equals(MetaField.NFPROTO) && m.op() == Match.Op.EQ
                    && m.value() instanceof Value.Single v) {
                ipv4 = v.bytes().get(0) == NfTablesUapi.NFPROTO_IPV4;
            }
        }
        if (ipv4 == null) {
            throw Cursor.error(rt, "rt nexthop needs the address family: rt ip nexthop, rt ip6 nexthop, or meta nfproto first");
        }
        return new ExpressionField(new Rt(ipv4 ? Rt.Key.NEXTHOP4
                : Rt.Key.NEXTHOP6, NfTablesUapi.NFT_REG_1));
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
        return Cursor.at(start, () -> new HashField(key, (int) modulus, s, (int) o));
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

    /** {@code fib FLAGS RESULT}, {@code rt KEY}, {@code osf [ttl T] name|version}, {@code socket KEY}, {@code ipsec DIR KEY}. */
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
            return Cursor.at(raw, () -> ExthdrField.tcpOptionBits(Integer.parseInt(raw.text()),
                    Integer.parseInt(offset.text()), Integer.parseInt(length.text())));
        }
        if (kind.equals("tcp option") && c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("\\d+")) {
            Token number = c.peek();
            int n = c.smallNumber("a tcp option kind (0 to 255)", 255);
            return Cursor.at(number, () -> ExthdrField.tcpOption(n));
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
}
