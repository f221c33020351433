package nftlink.nftables.lang;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A concatenation whose later part is computed ({@code ipsec in reqid}, loaded into a register past
 * the first) lists as nft writes it, and nftlink's listing loads back to the same rule set (#15).
 */
@KernelTest
class ComputedConcatPartKernelTest {

    private static final String RULESET = """
            table inet t {
            \tset s10 {
            \t\ttypeof iifname . ip saddr . ipsec in reqid
            \t\telements = { "eth0" . 10.1.1.2 . 42 }
            \t}

            \tchain c {
            \t\tiifname . ip saddr . ipsec in reqid @s10 accept
            \t\tip saddr . ipsec out reqid . meta mark { 10.0.0.1 . 7 . 0x00000001 } drop
            \t}
            }
            """;

    @Test
    void listsAsNftAndLoadsBack(TestNamespace ns, TestNamespace other) {
        NftRef.apply(ns, RULESET);
        String listed;
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            listed = nft.listRulesetText();
        }
        assertThat(listed).isEqualTo(NftRef.list(ns));
        try (NetworkNamespace n = other.open(); Nftables nft = Nftables.open(n)) {
            nft.apply(listed);
        }
        assertThat(NftRef.list(other)).isEqualTo(listed);
    }
}
