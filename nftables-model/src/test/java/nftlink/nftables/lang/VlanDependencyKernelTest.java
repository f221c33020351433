package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network header after a vlan tag, checked against nft-ref in every direction (issue 15): the network protocol is then
 * the tag's type ({@code vlan type ip}), which nft adds before the network field and leaves out of the listing, in
 * inet as in bridge and netdev, alone or in a concatenation with the vlan id ({@code vlan id . ip saddr @s11} of
 * nftables' {@code sets/dumps/typeof_sets_0.nft}).
 */
@KernelTest
class VlanDependencyKernelTest {

    private static final String RULES = """
            \tset s11 {
            \t\ttypeof vlan id . ip saddr
            \t\telements = { 3567 . 1.2.3.4 }
            \t}

            \tchain c {
            \t\tvlan id . ip saddr @s11 accept
            \t\tvlan id 5 ip saddr 1.2.3.4 accept
            \t\tvlan id 5 ip6 saddr ::1
            \t\tvlan id 5 icmp type echo-request
            \t\tvlan id 5 tcp dport 22
            \t\tvlan id . ip6 saddr { 5 . ::1 }
            \t\tvlan id . ip saddr . tcp dport { 5 . 1.2.3.4 . 22 }
            \t\tether saddr . vlan id . ip daddr { 00:11:22:33:44:55 . 5 . 1.2.3.4 }
            \t\tether type 8021ad vlan id 1 vlan type 8021q vlan id 2 ip saddr 1.2.3.4
            \t}
            """;

    @Test
    void networkFieldsAfterAVlanTagDependOnTheTagsTypeInEveryFamily() {
        StringBuilder ruleset = new StringBuilder();
        for (String family : new String[]{"inet", "bridge", "netdev"}) {
            ruleset.append("table ").append(family).append(" t {\n").append(RULES).append("}\n");
        }
        String listed = ReferenceCheck.of(ruleset.toString()).check();
        assertThat(listed).contains("\t\tvlan id . ip saddr @s11 accept\n", "\t\tvlan id 5 icmp type echo-request\n")
                .doesNotContain("vlan type ip");
    }

    @Test
    void aNetworkProtocolTheRuleMatchesItselfIsNotAddedAgain() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tvlan id 1 meta nfproto ipv4 ip saddr 1.2.3.4
                \t\tvlan id 1 vlan type ip6 ip6 saddr ::1
                \t}
                }
                table bridge t {
                \tchain c {
                \t\tvlan id 1 meta protocol ip ip saddr 1.2.3.4
                \t}
                }
                """).check();
    }

    /**
     * {@code meta protocol} names the network header, not the ethernet type a vlan tag needs: nft accepts
     * {@code meta protocol ip vlan id 1} (refused as conflicting before) and reads {@code ip saddr} after the tag
     * by it (listed as raw {@code @nh} before), folding it away as that field's dependency.
     */
    @Test
    void metaProtocolBeforeAVlanTagSaysTheNetworkProtocol() {
        StringBuilder ruleset = new StringBuilder();
        for (String family : new String[]{"inet", "bridge", "netdev"}) {
            ruleset.append("table ").append(family).append(" t {\n\tchain c {\n")
                    .append("\t\tmeta protocol ip vlan id 1 accept\n")
                    .append("\t\tmeta protocol ip vlan id 1 ip saddr 1.2.3.4 accept\n")
                    .append("\t\tmeta protocol ip vlan id 1 tcp dport 22 accept\n")
                    .append("\t\tmeta protocol ip6 vlan id 1 ip6 saddr ::1 accept\n")
                    .append("\t}\n}\n");
        }
        String listed = ReferenceCheck.of(ruleset.toString()).check();
        assertThat(listed).contains("\t\tmeta protocol ip vlan id 1 accept\n", "\t\tvlan id 1 ip saddr 1.2.3.4 accept\n")
                .doesNotContain("@nh");
    }

    /**
     * After a tag the network protocol comes from the last match that says it: nft folds a later {@code vlan type ip6}
     * and keeps {@code meta protocol ip6}. Its listing then loads back without the vlan type (nft's own JSON and text
     * do the same), so the check leaves out applying the JSON listing.
     */
    @Test
    void theLastMatchThatNamesTheNetworkProtocolIsTheOneFolded() {
        StringBuilder ruleset = new StringBuilder();
        for (String family : new String[]{"bridge", "netdev"}) {
            ruleset.append("table ").append(family).append(" t {\n\tchain c {\n")
                    .append("\t\tmeta protocol ip6 vlan id 1 vlan type ip6 ip6 saddr ::1 accept\n\t}\n}\n");
        }
        assertThat(ReferenceCheck.of(ruleset.toString()).withoutJsonApply().check())
                .contains("\t\tmeta protocol ip6 vlan id 1 ip6 saddr ::1 accept\n");
    }
}
