package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous chains ({@code jump { ... }}, {@code goto { ... }}), bound to the rule that jumps to them, as nft 1.1.3
 * writes and lists them: the chain is added without a name and with {@code NFT_CHAIN_BINDING}, its rules and the jump
 * refer to it by ID; listed inside the rule (nested ones one tab further in), not as a chain of its own, and in
 * JSON as nft's text (nft has no JSON for it, so nft's JSON cannot be applied back either).
 */
@KernelTest
class ChainBindingKernelTest {

    @Test
    void anonymousChainsBothWays() {
        String listed = ReferenceCheck.of("""
                table inet x {
                \tchain y {
                \t\ttype filter hook input priority filter; policy accept;
                \t\tmeta l4proto { tcp, udp } th dport 53 jump {
                \t\t\tip saddr { 127.0.0.0/8, 172.23.0.0/16, 192.168.13.0/24 } counter packets 0 bytes 0 accept
                \t\t\tip6 saddr ::1 counter packets 0 bytes 0 accept comment "loopback"
                \t\t}
                \t\tmeta l4proto ipv6-icmp goto {
                \t\t\tcounter packets 0 bytes 0 accept
                \t\t}
                \t\ttcp dport 22 jump {
                \t\t\tip saddr 10.0.0.1 log prefix "inner" drop
                \t\t\tdrop
                \t\t}
                \t}

                \tchain other {
                \t\tjump { accept; }
                \t}
                }
                """).withoutJsonApply().check();
        assertThat(listed).contains("\t\ttcp dport 22 jump {\n\t\t\tip saddr 10.0.0.1 log prefix \"inner\" drop\n\t\t\tdrop\n\t\t}\n")
                .doesNotContain("__chain");
    }

    @Test
    void anonymousChainsDoNotNestAsNftRefusesIt() {
        String rules = "table inet x {\n\tchain y {\n\t\tjump {\n\t\t\tjump {\n\t\t\t\taccept\n\t\t\t}\n\t\t}\n\t}\n}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nftlink.nftables.parse.NftParser.standard().parse(rules, "x.nft"))
                .hasMessageContaining("Error: too many levels of nesting");
    }
}
