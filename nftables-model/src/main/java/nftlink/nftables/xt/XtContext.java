package nftlink.nftables.xt;

import nftlink.nftables.Family;

import java.util.Objects;

/**
 * What nft hands an extension's translation besides its struct: the table's family
 * and the layer-4 protocol the rule matched before it ({@code ipt_entry.ip.proto}).
 *
 * @param family   the table's family
 * @param protocol the rule's transport protocol (tcp 6, udp 17, udplite 136, sctp 132, dccp 33,
 *                 esp 50, ah 51), or 0 when none of these was matched before the extension
 */
public record XtContext(Family family, int protocol) {
    /** Checks the components: {@code family} not null, a protocol number from 0 to 255. */
    public XtContext {
        Objects.requireNonNull(family, "family");
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("a protocol number runs from 0 to 255: " + protocol);
        }
    }

    /** Whether the table is an IPv6 one (its extensions are ip6tables'). */
    boolean ipv6() {
        return family == Family.IP6;
    }

    /** The transport protocol's name as the multiport translation spells it, or {@code null}. */
    String portProtocol() {
        return switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 136 -> "udplite";
            case 132 -> "sctp";
            case 33 -> "dccp";
            default -> null;
        };
    }
}
