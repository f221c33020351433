package nftlink.nftables.xt;

import nftlink.netlink.NetlinkDecodeException;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.XtMatch;
import nftlink.nftables.expr.XtTarget;

import java.util.Optional;

/**
 * Decodes the info struct of the matches and targets iptables-nft and ip6tables-nft write, at
 * the revision libxtables (iptables 1.8.11) picks for the table's family; nft reads any
 * other revision's bytes with that revision's layout, so those are left undecoded.
 */
public final class XtExtensions {
    private XtExtensions() {
    }

    /**
     * The decoded struct of {@code e}, a {@link XtMatch} or {@link XtTarget} of a {@code family}
     * table; empty for another expression, family, extension or revision.
     *
     * @param e the expression
     * @param family the table's family
     * @return the struct, or empty
     * @throws NetlinkDecodeException when the struct is malformed (wrong size, bad count, ...)
     */
    public static Optional<XtInfo> decode(Expression e, Family family) {
        if (family != Family.IP && family != Family.IP6) {
            return Optional.empty();
        }
        boolean ipv6 = family == Family.IP6;
        return Optional.ofNullable(switch (e) {
            case XtMatch m -> match(m.match(), m.revision(), m.info(), ipv6);
            case XtTarget t -> target(t.target(), t.revision(), t.info(), ipv6);
            default -> null;
        });
    }

    private static XtInfo match(String name, int revision, Bytes info, boolean ipv6) {
        return switch (name + " " + revision) {
            case "comment 0" -> Comment.decode(info);
            case "conntrack 3" -> Conntrack.decode(info);
            case "multiport 1" -> Multiport.decode(info);
            case "tcp 0" -> Tcp.decode(info);
            case "udp 0" -> Udp.decode(info);
            case "icmp 0" -> ipv6 ? null : Icmp.decode(info);
            case "icmp6 0" -> ipv6 ? Icmp6.decode(info) : null;
            case "owner 1" -> Owner.decode(info);
            case "mark 1" -> MarkMatch.decode(info);
            case "connmark 1" -> ConnmarkMatch.decode(info);
            case "addrtype 1" -> Addrtype.decode(info);
            case "limit 0" -> RateInfo.decode(info);
            case "pkttype 0" -> Pkttype.decode(info);
            case "iprange 1" -> Iprange.decode(info);
            default -> null;
        };
    }

    private static XtInfo target(String name, int revision, Bytes info, boolean ipv6) {
        return switch (name + " " + revision) {
            case "REJECT 0" -> RejectInfo.decode(info);
            case "MASQUERADE 0" -> nat("masquerade", info, ipv6);
            case "REDIRECT 0" -> nat("redirect", info, ipv6);
            case "SNAT 0" -> ipv6 ? null : NatRange.decodeIpv4("snat", info);
            case "SNAT 1" -> ipv6 ? NatRange.decode("snat", info, false) : null;
            case "DNAT 2" -> NatRange.decode("dnat", info, true);
            case "MARK 2" -> MarkTarget.decode(info);
            case "CONNMARK 2" -> ConnmarkTarget.decode(info);
            case "LOG 0" -> LogInfo.decode(info);
            case "TCPMSS 0" -> Tcpmss.decode(info);
            case "CT 2" -> CtTarget.decode(info);
            default -> null;
        };
    }

    /** The IPv4 tables' revision 0 uses the multi-range struct, the IPv6 tables' {@code nf_nat_range}. */
    private static NatRange nat(String statement, Bytes info, boolean ipv6) {
        return ipv6 ? NatRange.decode(statement, info, false) : NatRange.decodeIpv4(statement, info);
    }
}
