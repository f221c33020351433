package nftlink.nftables.parse;

import java.util.EnumSet;
import nftlink.nftables.lang.Value;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.Statement;

import java.util.List;
import java.util.Set;

/** Parses the address translation statements snat, dnat, masquerade, redirect and tproxy, with nft's checks on them. */
final class NatParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    NatParser(RuleContext r) {
        super(r);
    }

    /** {@code ip} or {@code ip6} when one of {@code before} matches that header (or meta nfproto), else {@code null}. */
    private static String networkMatched(List<Statement> before) {
        String l3 = null;
        for (Statement s : before) {
            if (s instanceof Match m) {
                if (m.field() instanceof PayloadField p && (p.protocol().equals("ip") || p.protocol().equals("ip6"))
                        && m.op() == Match.Op.EQ && m.value() instanceof Value.Single) {
                    l3 = p.protocol();
                } else if (m.field().equals(MetaField.NFPROTO) && m.op() == Match.Op.EQ
                        && m.value() instanceof Value.Single v) {
                    l3 = v.bytes().get(0) == NfTablesUapi.NFPROTO_IPV6 ? "ip6" : "ip";
                }
            }
        }
        return l3;
    }

    /** Whether {@code f} is the transport protocol: meta l4proto, ip protocol or ip6 nexthdr. */
    private static boolean transportProtocol(Field f) {
        return f.equals(MetaField.L4PROTO) || f.equals(PayloadField.IP_PROTOCOL) || f.equals(PayloadField.IP6_NEXTHDR);
    }

    /** nft's rules for tproxy: a transport protocol matched first, and one address family. */
    void checkTproxy(Token at, Statement.TproxyStatement t, List<Statement> before) {
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
        // or a transport header field read elsewhere, as in a map key (meta mark set udp dport map @m tproxy ip to ...)
        if (!l4 && !RuleVocabulary.matchesTransport(before)) {
            throw Cursor.error(at, "transparent proxy support requires a transport protocol match (meta l4proto tcp or udp) before tproxy");
        }
        String wanted = t.family() == NfTablesUapi.NFPROTO_IPV4 ? "ip" : t.family() == NfTablesUapi.NFPROTO_IPV6 ? "ip6" : null;
        if (family == Family.INET && t.address() != null && wanted == null) {
            throw Cursor.error(at, "tproxy to an address in an inet table needs ip or ip6: tproxy ip to ADDRESS");
        }
        if (wanted != null && l3 != null && !wanted.equals(l3)) {
            throw Cursor.error(at, "conflicting protocols: tproxy " + wanted + " after a match on " + l3);
        }
    }

    /** {@code tproxy [ip|ip6] to [ADDR][:PORT]}. */
    Statement tproxy() {
        Token start = c.next();
        int nfproto = 0;
        if (c.accept("ip")) {
            nfproto = NfTablesUapi.NFPROTO_IPV4;
        } else if (c.accept("ip6")) {
            nfproto = NfTablesUapi.NFPROTO_IPV6;
        }
        c.expect("to");
        Token target = c.expect(Token.Kind.WORD, "[ADDRESS][:PORT]");
        String text = target.text();
        boolean v6 = nfproto == NfTablesUapi.NFPROTO_IPV6 || nfproto == 0 && (text.startsWith("[") || text.indexOf(':') != text.lastIndexOf(':'));
        if (nfproto == NfTablesUapi.NFPROTO_IPV4 && family == Family.IP6 || nfproto == NfTablesUapi.NFPROTO_IPV6 && family == Family.IP) {
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

    /**
     * {@code snat|dnat [ip|ip6] [prefix] to TARGET [FLAGS]}; without a family, {@code to} may be left out
     * ({@code snat 10.0.0.1}, {@code dnat 192.168.26.100:22}), as nft takes it.
     */
    Statement nat() {
        Token natToken = c.next();
        boolean destination = natToken.text().equals("dnat");
        Integer length = family == Family.IP6 ? Integer.valueOf(16) : family == Family.IP ? Integer.valueOf(4) : null;
        boolean qualified = c.at("ip") || c.at("ip6");
        if (qualified) {
            length = c.next().text().equals("ip6") ? 16 : 4;
        } else if (family == Family.INET) {
            // nft takes the address family from an earlier ip or ip6 header match
            String l3 = networkMatched(r.before);
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
        boolean hasAddress = RuleVocabulary.startsField(start) || !(start.text().startsWith(":") && !start.text().startsWith("::"));
        if (length == null && hasAddress) {
            throw Cursor.error(natToken, "specify `" + natToken.text() + " ip' or '" + natToken.text()
                    + " ip6' in inet table to disambiguate");
        }
        int addressLength = length == null ? 4 : length;
        if (RuleVocabulary.startsField(start)) {
            Field source = r.fields.fieldOrConcat();
            if (c.at("map")) {
                Datatype type = addressLength == 16 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
                source = r.lookups.mapLookup(source, type, addressLength, new ValueParser.Part(type, addressLength, false, false),
                        new ValueParser.Part(Datatype.INET_SERVICE, 2, false, false));
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
                && (RuleVocabulary.startsField(t) || t.text().matches("[0-9a-fA-F:\\[].*"));
    }

    private static Set<NatFlag> with(Set<NatFlag> flags, Set<NatFlag> more) {
        Set<NatFlag> out = EnumSet.noneOf(NatFlag.class);
        out.addAll(flags);
        out.addAll(more);
        return out;
    }

    /**
     * {@code masquerade [to :PORT[-PORT]] [FLAGS]}, {@code redirect [to [:]PORT[-PORT]] [FLAGS]} or
     * {@code redirect to :tcp dport map { ... }}.
     */
    Statement portNat() {
        boolean masquerade = c.next().text().equals("masquerade");
        Integer min = null;
        Integer max = null;
        if (c.accept("to")) {
            Token next = c.peek();
            if (!masquerade && next.kind() == Token.Kind.WORD && next.text().matches(":[a-z].*")) {
                // redirect to :tcp dport map { 22 : 8000 } or to :ct state map @m: the port looked up in a map
                c.in.replaceNext(List.of(new Token(Token.Kind.WORD, next.text().substring(1), next.location())));
                Token start = c.peek();
                Field key = r.fields.fieldOrConcat();
                if (!c.at("map")) {
                    throw Cursor.error(start, "expected map after " + key.text() + " (a port computed from the packet comes from a map)");
                }
                Field source = r.lookups.mapLookup(key, Datatype.INET_SERVICE, 2, new ValueParser.Part(Datatype.INET_SERVICE, 2, false, false));
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
        Set<NatFlag> flags = EnumSet.noneOf(NatFlag.class);
        while (c.at("random") || c.at("fully-random") || c.at("persistent")) {
            flags.add(NatFlag.named(c.next().text()).orElseThrow());
            if (!c.accept(Token.Kind.COMMA)) {
                break;
            }
        }
        return flags;
    }
}
