package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Link-layer fields after a vlan tag, listed as nft 1.1.3 lists them (issue 15). nft reads a link-layer load in the
 * header its protocol context picks for the load's offset: after {@code ether type 8021q} the first four bytes of the
 * frame are the tag's ({@code ether daddr} lists as {@code @ll,0,48}, or split into {@code vlan pcp ... @ll,32,16}
 * when compared with a value), {@code ether saddr} and {@code ether type} stay ethernet fields, and bytes past a tag
 * belong to it. nft's own listing of those rules does not load back as the same rule (it reads {@code vlan pcp} as the
 * tag's field), so the checks leave out applying the JSON listing; nft-ref still accepts nftlink's text. Left out:
 * {@code vlan id 5 ether daddr @s} of a named {@code ether_addr} set, which nft lists as {@code vlan id 5 @ll,0,48 @s}
 * and then refuses to read ("datatype mismatch, expected integer, expression has type Ethernet address").
 */
@KernelTest
class VlanLinkLayerKernelTest {

    private static final String RULES = """
            \tset s {
            \t\ttype ether_addr
            \t\telements = { 00:11:22:33:44:55 }
            \t}

            \tchain c {
            \t\tvlan id 5 ether daddr 00:11:22:33:44:55
            \t\tvlan id 5 ether daddr != 00:11:22:33:44:55
            \t\tvlan id 5 ether daddr 00:00:00:00:00:00
            \t\tvlan id 5 ether daddr { 00:11:22:33:44:55, 00:11:22:33:44:56 }
            \t\tvlan id 5 ether daddr 00:11:22:33:44:55-00:11:22:33:44:66
            \t\tvlan id 5 ether saddr @s
            \t\tvlan id 5 ether saddr 00:11:22:33:44:55
            \t\tvlan id 5 ether type ip
            \t\tvlan id 5 ether saddr . vlan id { 00:11:22:33:44:55 . 5 }
            \t\tvlan id 5 ether saddr set 00:11:22:33:44:55
            \t\tvlan id 5 ether daddr set 00:11:22:33:44:55
            \t\tvlan id 5 ether daddr set 00:00:00:00:00:01
            \t\tvlan id 5 meta mark set ether saddr map { 00:11:22:33:44:55 : 3 }
            \t\tvlan pcp 3 ether daddr 00:11:22:33:44:55
            \t\tether type 8021q ether daddr 00:11:22:33:44:55
            \t\tether type 8021ad vlan id 5 vlan type 8021q vlan id 6 ether daddr 00:11:22:33:44:55
            \t\tvlan type ip ether saddr 00:11:22:33:44:55
            \t\tether type 8021q vlan id 6 @ll,144,16 0x5678
            \t\tvlan type 8021q vlan id 6
            \t\tvlan type ip
            \t}
            """;

    @Test
    void linkLayerFieldsAfterAVlanTagListAsNftListsThem() {
        StringBuilder ruleset = new StringBuilder();
        for (String family : new String[]{"bridge", "netdev", "inet"}) {
            ruleset.append("table ").append(family).append(" t {\n").append(RULES).append("}\n");
        }
        String listed = ReferenceCheck.of(ruleset.toString()).withoutJsonApply().check();
        assertThat(listed).contains(
                "\t\tvlan id 5 vlan pcp 0 vlan dei 0 vlan id 17 vlan type 0x2233 @ll,32,16 0x4455\n",
                "\t\tvlan id 5 vlan pcp != 0 vlan dei != 0 vlan id != 17 vlan type != 0x2233 @ll,32,16 != 0x4455\n",
                "\t\tvlan id 5 ether saddr @s\n",
                "\t\tvlan id 5 @ll,0,48 set 0x1122334455\n",
                "\t\tvlan id 6 @ll,32,16 0x5678\n",
                "\t\tether type 8021q vlan type 8021q vlan id 6\n");
    }

    /** Outside bridge tables the link layer is ethernet only after {@code meta iiftype ether}: else nft lists raw bits. */
    @Test
    void linkLayerBytesWithoutAnEthernetLinkStayRaw() {
        String listed = ReferenceCheck.of("""
                table netdev t {
                \tchain c {
                \t\t@ll,48,48 0x1122334455
                \t\t@ll,96,16 0x8100 @ll,0,48 0x1122334455
                \t\tmeta iiftype ether @ll,48,48 0x1122334455
                \t}
                }
                table ip t {
                \tchain c {
                \t\t@ll,48,48 0x1122334455
                \t\tether saddr 00:11:22:33:44:55
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\t@ll,48,48 0x1122334455\n", "\t\tether saddr 00:11:22:33:44:55\n");
    }
}
