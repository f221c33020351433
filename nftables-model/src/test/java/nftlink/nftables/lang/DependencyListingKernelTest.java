package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol matches nft 1.1.3 leaves out of a listing because a later match implies them, and the ones it keeps:
 * {@code meta nfproto ipv6} before {@code meta l4proto ipv6-icmp} goes, before {@code meta l4proto tcp} stays; in a
 * bridge table an {@code ether type ip} before {@code ip saddr} goes. Protocols print by name wherever nft 1.1.3 names
 * them (ct keys, extension headers, tunnels; in JSON too).
 */
@KernelTest
class DependencyListingKernelTest {

    @Test
    void impliedMatchesAreLeftOutAsNftLeavesThemOut() {
        String listed = ReferenceCheck.of("""
                table inet i {
                \tchain c {
                \t\tmeta nfproto ipv6 meta l4proto ipv6-icmp accept
                \t\tmeta nfproto ipv4 meta l4proto icmp accept
                \t\tmeta nfproto ipv4 meta l4proto tcp accept
                \t\tmeta nfproto ipv6 meta l4proto icmp accept
                \t\tmeta nfproto ipv4 ct original ip saddr 1.1.1.1 accept
                \t\tmeta nfproto ipv4 tcp dport 22 accept
                \t\tct protocol tcp ct original protocol udp accept
                \t\thbh nexthdr tcp rt nexthdr 6 comp nexthdr udp accept
                \t\tudp dport 4789 vxlan ip protocol tcp accept
                \t}
                }
                table bridge b {
                \tchain c {
                \t\ttype filter hook forward priority filter; policy accept;
                \t\tether type ip ip saddr 1.1.1.1 accept
                \t\tmeta protocol ip meta l4proto icmp accept
                \t\tether type ip6 meta l4proto ipv6-icmp accept
                \t\tether type ip meta l4proto tcp accept
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\tmeta l4proto ipv6-icmp accept\n", "\t\tmeta nfproto ipv4 meta l4proto tcp accept\n",
                "\t\tip saddr 1.1.1.1 accept\n", "vxlan ip protocol tcp");
    }
}
