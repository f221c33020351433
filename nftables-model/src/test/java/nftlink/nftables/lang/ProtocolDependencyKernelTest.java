package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol dependencies nft 1.1.3 leaves out of the bytecode because the rule already implies them, or writes another
 * way, checked against nft-ref in every direction (issue 15): {@code meta protocol ip} opening a rule of an ip table;
 * {@code meta nfproto} before a transport header of the other network protocol; the ether type, merged with an
 * ethernet address load, after an ethernet field in inet (and in netdev, before a statement that needs it); the ether
 * type before icmp and icmpv6 in bridge; a reject after a match of its network protocol; the network protocol after
 * two vlan tags (read from JSON too); the network protocol igmp needs, which nft keeps in its listing.
 */
@KernelTest
class ProtocolDependencyKernelTest {

    @Test
    void impliedDependenciesAreLeftOutAsNftLeavesThemOut() {
        String listed = ReferenceCheck.of("""
                table ip t4 {
                \tchain c {
                \t\tmeta protocol ip udp dport 67
                \t\tmeta protocol ip
                \t\tmeta protocol ip counter meta protocol ip
                \t}
                }
                table ip6 t6 {
                \tchain c {
                \t\tmeta protocol ip6 udp dport 67
                \t\tmeta protocol ip udp dport 67
                \t}
                }
                table inet i {
                \tchain in {
                \t\ttype filter hook input priority filter; policy accept;
                \t\tether saddr aa:bb:cc:dd:ee:ff ip daddr 192.168.0.1 reject
                \t\tiiftype ether ip6 daddr ::1 reject
                \t}
                \tchain c {
                \t\tmeta nfproto ipv4 icmpv6 type echo-request
                \t\tmeta nfproto ipv6 icmp type echo-request
                \t\tip protocol ipv6-icmp meta l4proto ipv6-icmp icmpv6 type 1
                \t\ttcp dport 22 iiftype ether ip daddr 1.2.3.4 ether saddr 00:0f:54:0c:11:04 accept
                \t\tether saddr aa:bb:cc:dd:ee:ff icmp type echo-request
                \t}
                }
                table bridge b {
                \tchain c {
                \t\ticmp type echo-request
                \t\ticmpv6 code 1
                \t\tmeta protocol ip icmp type echo-request
                \t\tvlan id 1 icmp type echo-request
                \t\tether type 8021ad vlan id 1 vlan type 8021q vlan id 2 ip protocol 6
                \t}
                }
                table netdev n {
                \tchain c {
                \t\tether saddr aa:bb:cc:dd:ee:ff iifname "lo" meta mark set ip6 daddr map { ::1 : 0x1 }
                \t\tether saddr aa:bb:cc:dd:ee:ff counter ip daddr 1.2.3.4
                \t\tether saddr 02:00:00:04:9a:4c meta mark 0x2f09ad6d meta mark set ip daddr map { 10.131.248.239 : 0x3c92cc4 } drop
                \t\tether saddr 02:00:00:04:9a:4c meta mark 0x2f09ad6d ip daddr 1.2.3.4 drop
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\tudp dport 67\n", "\t\tmeta protocol ip\n", "\t\tip protocol ipv6-icmp icmpv6 type",
                "\t\tether saddr aa:bb:cc:dd:ee:ff ip daddr 192.168.0.1 reject with icmp port-unreachable\n",
                // the ethernet address merged with the ether type ip stays where that dependency went, after meta mark
                "\t\tmeta mark 0x2f09ad6d ether saddr 02:00:00:04:9a:4c ip daddr 1.2.3.4 drop\n");
    }

    @Test
    void igmpsNetworkProtocolStaysInTheListingAndItsGroupIsAnIntegerAsNftShowsThem() {
        // nft 1.1.3 folds the network protocol away before icmp and icmpv6 only; and in netdev and bridge an ether
        // type an icmp header depends on goes with the meta iiftype ether before it
        StringBuilder ruleset = new StringBuilder();
        for (String family : new String[]{"bridge", "netdev", "inet"}) {
            ruleset.append("table ").append(family).append(" t {\n\tchain c {\n").append("""
                    \t\tigmp type membership-query
                    \t\tether type ip igmp type membership-query
                    \t\tmeta protocol ip igmp type membership-report-v2
                    \t\tigmp type { membership-query, leave-group }
                    \t\tip protocol igmp igmp type membership-query
                    \t\tether saddr 00:11:22:33:44:55 igmp type membership-query
                    \t\tether type ip icmp type echo-request
                    \t\tmeta iiftype ether ether type ip ip saddr 1.2.3.4
                    \t\tmeta iiftype ether icmp type echo-request
                    \t\tigmp group 0x0a000001
                    """).append(family.equals("inet") ? "" : "\t\tvlan id 1 igmp type membership-query\n").append("\t}\n}\n");
        }
        String listed = ReferenceCheck.of(ruleset.toString()).check();
        assertThat(listed).contains("\t\tether type ip igmp type membership-query\n", "\t\tmeta protocol ip igmp type membership-query\n",
                "\t\tmeta nfproto ipv4 igmp type membership-query\n", "\t\tvlan id 1 vlan type ip igmp type membership-query\n",
                // nft 1.1.3 types the group as an integer, not an address
                "igmp group 167772161\n")
                .doesNotContain("iiftype");
    }

    /**
     * In bridge tables nft 1.1.3 checks {@code ether type arp} before arp fields (netdev tables check {@code meta
     * protocol arp}, as for ip and ip6 in both); after a vlan tag, the tag's type. nftlink wrote {@code meta protocol}.
     */
    @Test
    void arpFieldsInBridgeDependOnTheEtherType() {
        ReferenceCheck.of("""
                table bridge b {
                \tset s1 {
                \t\ttypeof arp operation . arp saddr ip
                \t\telements = { request . 1.2.3.4 }
                \t}

                \tchain c {
                \t\tarp operation request arp saddr ip 1.2.3.4 accept
                \t\tarp operation . arp saddr ip @s1 accept
                \t\tvlan id 5 arp operation reply accept
                \t\tether type arp arp htype 1 accept
                \t\tmeta protocol arp arp operation request accept
                \t\tarp operation { request, reply } accept
                \t\tarp operation vmap { request : accept }
                \t\tether saddr 00:11:22:33:44:55 arp operation request accept
                \t}
                }
                table netdev n {
                \tchain c {
                \t\tarp operation request arp saddr ip 1.2.3.4 accept
                \t\tvlan id 5 arp operation request accept
                \t}
                }
                """).check();
    }
}
