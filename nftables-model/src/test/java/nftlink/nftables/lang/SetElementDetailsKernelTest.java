package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Details of set elements and listings as nft 1.1.3 has them, each checked against nft-ref in every
 * direction (listing, bytecode, JSON both ways): interface-name wildcards in anonymous and named sets and
 * in concatenations, {@code last used never}, protocol names from {@code /etc/protocols} (numbers in
 * JSON ranges), the statements of set statements in JSON, limit objects without a burst.
 */
@KernelTest
class SetElementDetailsKernelTest {

    @Test
    void interfaceNameWildcardsInSetsAndMaps() {
        ReferenceCheck.of("""
                table inet t {
                \tset simple_wild {
                \t\ttype ifname
                \t\tflags interval
                \t\telements = { "abcdef*",
                \t\t\t     "othername",
                \t\t\t     "ppp0" }
                \t}

                \tset concat_wild {
                \t\ttype ipv4_addr . ifname
                \t\tflags interval
                \t\telements = { 10.1.2.2 . "abcdef*",
                \t\t\t     10.1.2.1 . "bar",
                \t\t\t     1.1.2.0/24 . "abcdef0" }
                \t}

                \tmap map_wild {
                \t\ttype ifname : verdict
                \t\tflags interval
                \t\telements = { "abcdef*" : accept,
                \t\t\t     "eth0" : drop }
                \t}

                \tchain c {
                \t\tiifname @simple_wild counter packets 0 bytes 0
                \t\tiifname { "abcdef*", "eth0" } counter packets 0 bytes 0
                \t\tiifname != { "veth*", "lo" } accept
                \t\tip saddr . iifname { 10.1.2.2 . "abcdef*" } counter packets 0 bytes 0
                \t\tiifname vmap @map_wild
                \t\toifname vmap { "tun*" : accept, "eth1" : drop }
                \t}
                }
                """).check();
        String nftRefListing = ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tiifname { "wg15x*" } accept
                \t}
                }
                """).check();
        assertThat(nftRefListing).contains("\t\tiifname \"wg15x*\" accept\n");
    }

    @Test
    void lastUsedNeverAndSetStatementsInJson() {
        ReferenceCheck.of("""
                table ip t {
                \tset y3 {
                \t\ttype ipv4_addr
                \t\tlast
                \t\telements = { 2.2.2.3 last used never,
                \t\t\t     3.3.3.3 last used never }
                \t}

                \tset dyn {
                \t\ttype ipv4_addr
                \t\tsize 65535
                \t\tflags dynamic
                \t}

                \tchain c {
                \t\tlast used never
                \t\tip saddr @y3
                \t\tupdate @dyn { ip saddr counter }
                \t\tadd @dyn { ip daddr limit rate 1/second burst 5 packets }
                \t}
                }
                """).check();
    }

    @Test
    void oneFlagInBracesIsTheFlagTest() {
        String nftRefListing = ReferenceCheck.of("""
                table inet t {
                	chain c {
                		ct state { new } accept
                		ct state != { established } drop
                		ct state { new, related } counter
                	}
                }
                """).check();
        assertThat(nftRefListing).contains("\t\tct state new accept\n")
                .contains("\t\tct state != established drop\n");
    }

    @Test
    void hostOrderRangesInAnonymousSetsOfConcatenations() {
        ReferenceCheck.of("""
                table ip t {
                \tchain c {
                \t\tip saddr . meta mark { 10.221.103.46 . 0x005fa78e-0x009e482b, 10.72.189.19-10.73.123.177 . 0x1ebac09a } accept
                \t\tmeta mark . ip daddr { 0x00000010-0x00000020 . 10.0.0.0/8 } drop
                \t\tmeta mark . ip daddr { 0x00000001 . 10.0.0.1, 0x00000002 . 10.0.0.2 } drop
                \t}
                }
                table ip6 t6 {
                \tset s16 {
                \t\ttype ipv6_addr . mark
                \t\tflags interval
                \t\telements = { 2001:db8::/64 . 0x00000010-0x00000020 }
                \t}

                \tchain c {
                \t\tip6 saddr . meta mark @s16 accept
                \t\tip6 saddr . meta mark { 2001:db8::1 . 0x00000001-0x00000003 } accept
                \t}
                }
                """).check();
    }

    @Test
    void tunnelFieldsAsTheKeyOfADynamicSetUpdate() {
        ReferenceCheck.of("""
                table netdev x {
                \tset y {
                \t\ttypeof vxlan ip saddr
                \t\tsize 65535
                \t\tflags dynamic
                \t}

                \tchain y {
                \t\tudp dport 4789 update @y { vxlan ip saddr }
                \t}
                }
                """).check();
    }

    @Test
    void intervalsFromZeroAddedToASetTheScriptDeclares() {
        ReferenceCheck.of("""
                table ip t {
                \tset s {
                \t\ttype mark
                \t\tflags interval
                \t\telements = { 0x10-0x20, 0x33ab7b27 }
                \t}

                \tmap m {
                \t\ttype ipv6_addr : mark
                \t\tflags interval
                \t\telements = { 2001:db8::/64 : 0x1 }
                \t}
                }
                add element ip t s { 0x0-0x5 }
                add element ip t m { ::/99 : 0x11d4803b }
                """).check();
    }

    @Test
    void adjacentElementsAddedToAnAutoMergeSetJoin() {
        ReferenceCheck.of("""
                table ip t {
                \tset s {
                \t\ttype mark
                \t\tflags interval
                \t\tauto-merge
                \t}
                }
                add element ip t s { 0x00000010 comment "first", 0x00000011 comment "second", 0x00000020-0x00000030 }
                """).check();
    }

    @Test
    void limitObjectsWithoutABurst() {
        ReferenceCheck.of("""
                table ip t {
                \tlimit l1 {
                \t\trate 400/minute
                \t}

                \tlimit l2 {
                \t\trate over 1024 bytes/second
                \t}

                \tlimit l3 {
                \t\trate 10/second burst 20 packets
                \t}
                }
                """).check();
    }

    @Test
    void protocolNamesAsTheSystemsProtocolDatabaseHasThem() {
        ReferenceCheck.of("""
                table ip t {
                \tset protos {
                \t\ttype inet_proto
                \t\tflags interval
                \t\telements = { 3-9, 50, 88-90 }
                \t}

                \tchain c {
                \t\tip protocol { 0, 3, 4, 41, 88, 89, 103, 112, 250 } accept
                \t\tip protocol eigrp accept
                \t\tmeta l4proto ipv6-icmp accept
                \t\tip protocol { 3-9, 88-90 } accept
                \t\tip protocol @protos accept
                \t\tudp dport { domain, openvpn, 4789 } accept
                \t}
                }
                """).check();
    }
}
