package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reject} as nft 1.1.3 writes, lists and prints it in JSON: a plain reject after a match that fixes the
 * network protocol sends that protocol's port unreachable ({@code ip saddr 1.1.1.1 reject} lists as
 * {@code reject with icmp port-unreachable}), a TCP reset keeps its {@code meta l4proto tcp} in text and JSON.
 */
@KernelTest
class RejectKernelTest {

    @Test
    void rejectsInAnInetTableBothWays() {
        String listed = ReferenceCheck.of("""
                table inet r {
                \tchain c {
                \t\tip saddr 1.1.1.1 reject
                \t\tip6 saddr ::1 reject
                \t\tmeta nfproto ipv4 reject
                \t\treject
                \t\treject with tcp reset
                \t\ttcp dport 22 reject with tcp reset
                \t\tip saddr 1.1.1.1 reject with icmp host-unreachable
                \t\treject with icmp host-unreachable
                \t\treject with icmpv6 admin-prohibited
                \t\treject with icmpx admin-prohibited
                \t\treject with icmp 5
                \t\ticmp type echo-request reject
                \t\ticmpv6 type echo-request reject
                \t\tigmp type membership-query reject
                \t\tigmp group 5 counter reject
                \t\tmeta l4proto icmp reject
                \t}
                }
                """).check();
        assertThat(listed).contains("ip saddr 1.1.1.1 reject with icmp port-unreachable",
                "ip6 saddr ::1 reject with icmpv6 port-unreachable", "meta l4proto tcp reject with tcp reset",
                // an icmp, icmpv6 or igmp header fixes the network protocol too (not meta l4proto)
                "icmp type echo-request reject with icmp port-unreachable",
                "icmpv6 type echo-request reject with icmpv6 port-unreachable",
                "igmp type membership-query reject with icmp port-unreachable", "meta l4proto icmp reject\n");
    }

    @Test
    void rejectsInIpAndIp6TablesBothWays() {
        ReferenceCheck.of("""
                table ip r {
                \tchain c {
                \t\treject
                \t\treject with icmp prot-unreachable
                \t\ttcp dport 22 reject with tcp reset
                \t}
                }
                table ip6 r {
                \tchain c {
                \t\treject
                \t\treject with icmpv6 no-route
                \t\treject with tcp reset
                \t}
                }
                """).check();
    }

    @Test
    void whatRejectNeedsComesFirstInTheRule() {
        // nft puts reject's protocol match before every statement (so a counter or log before it sees only what is
        // rejected); an ip field in a map key fixes the protocol of a plain reject as a match does
        String listed = ReferenceCheck.of("""
                table ip6 a {
                \tchain c {
                \t\tquota over 735 kbytes counter reject with tcp reset
                \t\tip6 saddr ::1 counter reject with tcp reset
                \t\tmeta mark 0x00000001 counter reject with icmpv6 no-route
                \t}
                }
                table inet b {
                \tchain c {
                \t\tmeta mark 0x00000001 counter reject with tcp reset
                \t\tmeta mark set ip saddr map { 10.21.188.10 : 0x1c71dcd2, 10.204.189.184 : 0x312a8412 } reject
                \t\tmeta mark set ip6 saddr . tcp dport map { ::1 . 22 : 0x00000001 } reject
                \t}
                }
                """).check();
        assertThat(listed).contains("meta l4proto tcp quota over 735 kbytes counter packets 0 bytes 0 reject with tcp reset",
                "meta l4proto tcp meta mark 0x00000001 counter packets 0 bytes 0 reject with tcp reset");
    }

    @Test
    void icmpxIsRefusedInIpAndIp6TablesAsNftRefusesIt() {
        for (String family : java.util.List.of("ip", "ip6")) {
            String text = "table " + family + " r {\n\tchain c {\n\t\treject with icmpx no-route\n\t}\n}\n";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> nftlink.nftables.parse.NftParser.standard().parse(text, "r.nft"))
                    .hasMessageContaining("3:21-28: Error: abstracted ICMP unreachable not supported");
        }
    }
}
