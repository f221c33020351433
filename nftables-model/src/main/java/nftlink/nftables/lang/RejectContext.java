package nftlink.nftables.lang;

import nftlink.nftables.Bytes;
import nftlink.nftables.Family;

import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Exthdr;
import java.util.List;
import java.util.Objects;

/**
 * The code of a plain {@code reject} (no {@code with}) as nft chooses it from what the rule read
 * before: the network protocol a match fixed gives that protocol's port unreachable.
 */
public final class RejectContext {

    private RejectContext() {
    }

    /**
     * {@code reject} without {@code with} after the statements {@code before} of its rule, as nft compiles it:
     * after a match that fixes the network protocol ({@code ip saddr ...}, {@code meta nfproto ipv4},
     * {@code ether type ip6}, {@code icmp type ...}) that protocol's port unreachable rather than the ICMPx one.
     *
     * @param family the table's family
     * @param before the statements before the reject in its rule, in order (may be empty)
     * @return the statement nft compiles for a bare {@code reject} in that place
     */
    public static Statement.RejectStatement inContext(Family family, List<Statement> before) {
        if (family == Family.IP || family == Family.IP6) {
            return Statement.RejectStatement.defaultFor(family);
        }
        for (int i = before.size() - 1; i >= 0; i--) {
            String network = networkRead(before.get(i));
            if (network != null) {
                return Statement.RejectStatement.portUnreachable(network.equals("ip") ? RejectKind.ICMP : RejectKind.ICMPV6);
            }
            if (before.get(i) instanceof Match m && m.op() == Match.Op.EQ && m.value() instanceof Value.Single v) {
                // ct l3proto fixes it as meta nfproto does (nft-ref: ct l3proto ipv4 reject is reject with icmp)
                boolean nfproto = m.field().equals(MetaField.NFPROTO) || m.field() instanceof CtField ct && ct.key() == Ct.Key.L3PROTOCOL;
                boolean ethertype = m.field().equals(PayloadField.ETHER_TYPE) || m.field().equals(MetaField.PROTOCOL);
                if (nfproto && v.bytes().equals(Bytes.u8(2)) || ethertype && v.bytes().equals(Bytes.u16Be(0x0800))) {
                    return Statement.RejectStatement.portUnreachable(RejectKind.ICMP);
                }
                if (nfproto && v.bytes().equals(Bytes.u8(10)) || ethertype && v.bytes().equals(Bytes.u16Be(0x86dd))) {
                    return Statement.RejectStatement.portUnreachable(RejectKind.ICMPV6);
                }
            }
        }
        return Statement.RejectStatement.defaultFor(family);
    }

    /**
     * {@code ip} or {@code ip6} when {@code s} reads a field of that header (in a match, a map key, a value
     * set from the packet: {@code meta mark set ip saddr map { ... }}), which fixes the network protocol;
     * else {@code null}.
     */
    private static String networkRead(Statement s) {
        Field read = switch (s) {
            case Match m -> m.field();
            // a header written fixes it too (nft-ref: ip saddr set 10.0.0.1 reject in inet is reject with icmp)
            case Statement.SetFromField sf when sf.writesHeader() && networkHeader(sf.target()) != null -> sf.target();
            case Statement.SetFromField sf -> sf.source();
            case Statement.PayloadSet ps -> ps.field();
            case Statement.VerdictMap v -> v.field();
            case Statement.ObjectMap om -> om.key();
            case Statement.DynsetStatement d -> d.key();
            default -> null;
        };
        return read == null ? null : networkHeader(read);
    }

    /**
     * The network header ({@code ip}, {@code ip6}) whose field {@code field} reads, the last one of a concatenation;
     * a field of icmp or igmp counts as {@code ip}, of icmpv6 as {@code ip6} (nft-ref: {@code igmp type
     * membership-query reject} in inet is {@code reject with icmp port-unreachable}).
     */
    private static String networkHeader(String protocol) {
        return switch (protocol) {
            case "ip", "icmp", "igmp" -> "ip";
            case "ip6", "icmpv6" -> "ip6";
            default -> null;
        };
    }

    private static String networkHeader(Field field) {
        return switch (field) {
            case PayloadField p -> networkHeader(p.protocol());
            // bit fields too (nft-ref: ip dscp cs1 reject, ip6 flowlabel set 1 reject in inet answer icmp, icmpv6)
            case PayloadBitField p -> networkHeader(p.protocol());
            case ConcatField concat -> concat.fields().stream().map(RejectContext::networkHeader)
                    .filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
            case MapLookupField map -> networkHeader(map.key());
            case MaskedField masked -> networkHeader(masked.field());
            // a hash of header fields (meta priority set jhash ip saddr mod 4 reject: reject with icmp in inet)
            case HashField hash -> networkHeader(hash.key());
            // ip options and IPv6 extension headers bring their family's nfproto dependency (nft-ref: ip option rr
            // exists reject in inet is reject with icmp port-unreachable, frag frag-off 8 reject with icmpv6)
            case ExthdrField x when x.op() == Exthdr.Op.IPV4 -> "ip";
            case ExthdrField x when x.op() == Exthdr.Op.IPV6 -> "ip6";
            default -> null;
        };
    }
}
