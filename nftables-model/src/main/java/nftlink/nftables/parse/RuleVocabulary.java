package nftlink.nftables.parse;

import nftlink.nftables.expr.Payload;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.Statement;

import java.util.List;
import java.util.Set;

/** The words of the rule language and what earlier statements say about the packet, as the rule parsers share them. */
final class RuleVocabulary {

    /** Meta keys nft accepts without the {@code meta} keyword. */
    static final Set<String> BARE_META = Set.of("mark", "iif", "iifname", "iiftype", "oif", "oifname",
            "skuid", "skgid", "priority", "pkttype", "cpu", "iifgroup", "oifgroup", "oiftype", "nftrace", "rtclassid",
            "ibrname", "obrname", "cgroup", "time", "day", "hour");
    /** nft statements and matches the rule language does not have (yet). */
    static final Set<String> KNOWN_UNSUPPORTED = Set.of("icmp", "icmpv6", "igmp", "th", "sctp", "dccp",
            "udplite", "ah", "esp", "comp", "vlan", "fib", "rt", "jhash", "osf", "ipsec",
            "exthdr", "tcpopt", "hbh", "rt0", "frag", "dst", "mh", "srh", "synproxy",
            "flow", "set", "update", "add", "delete", "xt", "secmark", "@ll", "@nh", "@th",
            "ibriport",
            "obriport", "ct", "socket", "meta", "ip", "ip6", "tcp", "udp", "ether", "log", "limit", "counter",
            "quota", "reject", "snat", "dnat", "masquerade", "redirect", "notrack", "comment");

    private RuleVocabulary() {
    }

    /** Whether {@code t} starts a value computed from the packet (a field, numgen, a hash) rather than an address. */
    static boolean startsField(Token t) {
        if (t.kind() != Token.Kind.WORD) {
            return false;
        }
        String w = t.text();
        return Fields.isProtocol(w) || BARE_META.contains(w) || FIELD_KEYWORDS.contains(w);
    }

    /** The other words that start a field ({@code meta mark}, {@code ct state}, {@code numgen inc mod 2}). */
    private static final Set<String> FIELD_KEYWORDS = Set.of("meta", "ct", "numgen", "symhash", "jhash");

    /**
     * Whether one of {@code before} says which transport protocol the packet has: a match on it or on a transport
     * header field, or a transport header field in a map key ({@code meta mark set udp dport map { ... }}), as the
     * dependency nft adds for that field says it.
     */
    static boolean matchesTransport(List<Statement> before) {
        for (Statement s : before) {
            Field read = switch (s) {
                case Match m -> m.field();
                case Statement.VerdictMap v -> v.field();
                case Statement.SetFromField sf -> sf.source();
                // udp dport set 53 brings its protocol's dependency, as a match does (th, without one, does not)
                case Statement.PayloadSet ps when ps.field() instanceof PayloadField p && !p.protocol().equals("th") -> ps.field();
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
            case ConcatField concat -> concat.fields().stream().anyMatch(RuleVocabulary::readsTransport);
            // tcp flags & (fin | syn) == syn matches the protocol as tcp flags does
            case MaskedField masked -> readsTransport(masked.field());
            case MapLookupField map -> readsTransport(map.key());
            case BinopField computed -> readsTransport(computed.source());
            default -> field.equals(MetaField.L4PROTO) || field.equals(PayloadField.IP_PROTOCOL)
                    || field.equals(PayloadField.IP6_NEXTHDR)
                    || field instanceof PayloadField p && p.base() == Payload.Base.TRANSPORT
                    || field instanceof PayloadBitField b
                    && b.base() == Payload.Base.TRANSPORT;
        };
    }
}
