package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * What a generated rule, set key or map key is about: the table family, the
 * network protocol its matches use ({@code ip}, {@code ip6}, {@code arp}, or
 * {@code null}) and the transport protocol ({@code tcp}, {@code udp}, {@code th},
 * {@code none} for rules that must not match one, as they match protocol numbers, or
 * {@code null}). One rule never mixes two network or transport protocols, as nft
 * refuses conflicting dependencies.
 *
 * @param family nft's family name
 * @param l3     the network protocol, or {@code null}
 * @param l4     the transport protocol, or {@code null}
 */
record RuleShape(String family, String l3, String l4) {

    /** A shape for {@code family} chosen at random: its network protocols, and a transport protocol or none. */
    static RuleShape random(Choices c, String family) {
        String l3 = c.pick(networkProtocols(family));
        String l4 = l3 == null || l3.equals("arp") ? null : c.pick("tcp", "udp", "th", null);
        return new RuleShape(family, l3, l4);
    }

    /** The network protocols rules of {@code family} can match ({@code null}: none). */
    static List<String> networkProtocols(String family) {
        List<String> options = new ArrayList<>();
        switch (family) {
            case "ip" -> options.add("ip");
            case "ip6" -> options.add("ip6");
            case "arp" -> options.add("arp");
            default -> {
                options.add("ip");
                options.add("ip6");
                options.add(null);
            }
        }
        return options;
    }

    boolean l3IsIp() {
        return "ip".equals(l3);
    }

    boolean l3IsIp6() {
        return "ip6".equals(l3);
    }

    boolean isArp() {
        return family.equals("arp");
    }

    /** Whether Ethernet headers are there to match (bridge and netdev). */
    boolean layer2() {
        return family.equals("bridge") || family.equals("netdev");
    }

    /** Whether conntrack expressions ({@code ct ...}) are allowed (not in bridge tables: this kernel has no bridge conntrack). */
    boolean conntrack() {
        return family.equals("ip") || family.equals("ip6") || family.equals("inet");
    }

    /** Whether socket owner expressions ({@code meta skuid}) are meaningful. */
    boolean sockets() {
        return family.equals("ip") || family.equals("ip6") || family.equals("inet");
    }

    /** Whether the rule may match transport ports ({@code tcp dport}, {@code th sport}). */
    boolean ports() {
        return l4 != null && !l4.equals("none");
    }
}
