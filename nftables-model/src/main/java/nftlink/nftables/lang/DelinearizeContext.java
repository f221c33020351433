package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.Rule;
import nftlink.nftables.expr.Dynset;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.lang.Delinearizer.SetContents;

import java.util.List;

import static nftlink.nftables.lang.DelinearizeFields.TunnelLayers;

/**
 * The protocol context of one rule being delinearized: its expressions and anonymous sets, and what
 * its matches so far say of the packet (link-layer headers and vlan tags, network and transport protocol, icmp type), which
 * names the header fields of later loads as nft's protocol context does.
 */
final class DelinearizeContext {

    private final Rule rule;
    private final SetContents sets;
    private final TunnelLayers tunnels;
    private final boolean updatesSet;
    private String l3;
    private String l4;
    private Value icmpType;
    private LinkLayers link;

    DelinearizeContext(Rule rule, SetContents sets) {
        this.rule = rule;
        this.sets = sets;
        this.l3 = switch (rule.family()) {
            case IP -> "ip";
            case IP6 -> "ip6";
            case ARP -> "arp";
            default -> null;
        };
        this.link = LinkLayers.initial(rule.family());
        this.tunnels = TunnelLayers.of(rule.expressions());
        this.updatesSet = rule.expressions().stream().anyMatch(Dynset.class::isInstance);
    }

    /** The rule's expressions. */
    List<Expression> expressions() {
        return rule.expressions();
    }

    /** The rule's family. */
    Family family() {
        return rule.family();
    }

    /** The anonymous sets the rule looks up, or {@code null}. */
    SetContents sets() {
        return sets;
    }

    /** What the packets inside tunnels were matched as. */
    TunnelLayers tunnels() {
        return tunnels;
    }

    /** Whether the rule updates a set (has a dynset expression). */
    boolean updatesSet() {
        return updatesSet;
    }

    /** The network protocol the rule's family or matches so far imply ({@code ip}, {@code ip6}, ...), or {@code null}. */
    String l3() {
        return l3;
    }

    /** The transport protocol the matches so far imply ({@code tcp}, ...), or {@code null}. */
    String l4() {
        return l4;
    }

    /** The icmp or icmpv6 type the rule matched, or {@code null}. */
    Value icmpType() {
        return icmpType;
    }

    /** The link-layer headers the rule's family and matches so far establish. */
    LinkLayers link() {
        return link;
    }

    /** The field {@code x} loads into register 1 in this context, or {@code null}. */
    Field fieldOf(Expression x) {
        return DelinearizeFields.fieldOf(x, l3, l4, link, icmpType, tunnels);
    }

    /** Takes in what {@code m}, read from a load of {@code field}, says of the packet's protocols. */
    void learn(Field field, Match m) {
        if (m.op() == Match.Op.EQ && (field.equals(PayloadField.ICMP_TYPE) || field.equals(PayloadField.ICMPV6_TYPE))) {
            icmpType = m.value();
        }
        link = link.after(field, m, rule.family());
        if (m.op() == Match.Op.EQ && m.value() instanceof Value.Single single) {
            // in ip and ip6 tables nft takes ct protocol as the transport protocol (ct protocol tcp tcp dport 22), in
            // other tables once the network protocol is known (ip saddr 1.1.1.1 ct protocol tcp tcp dport 2)
            boolean ctProtocol = field instanceof CtField ct && ct.key() == Ct.Key.PROTOCOL
                    && (rule.family() == Family.IP || rule.family() == Family.IP6 || l3 != null);
            if (ctProtocol || field.equals(MetaField.L4PROTO) || field.equals(PayloadField.IP_PROTOCOL)
                    || field.equals(PayloadField.IP6_NEXTHDR)) {
                l4 = PayloadField.TRANSPORT_PROTOCOLS.getOrDefault(single.bytes().get(0),
                        "protocol " + single.bytes().get(0));
            } else if (field.equals(MetaField.NFPROTO) || l3 == null && field instanceof CtField ct && ct.key() == Ct.Key.L3PROTOCOL) {
                // nft takes ct l3proto as the network protocol of the header fields after it (inet)
                l3 = single.bytes().get(0) == 2 ? "ip" : single.bytes().get(0) == 10 ? "ip6" : "nfproto " + single.bytes().get(0);
            } else if ((field.equals(MetaField.PROTOCOL) || field.equals(PayloadField.ETHER_TYPE)
                    || PayloadField.isVlanType(field)) && !PayloadField.opensVlanTag(m)) {
                // a tag's ethernet type leaves the network protocol as an earlier meta protocol said
                long type = single.bytes().asBigEndian();
                l3 = type == 0x0800 ? "ip" : type == 0x86dd ? "ip6" : type == 0x0806 ? "arp" : "ethertype " + type;
            }
        }
    }
}
