package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Inner;
import nftlink.nftables.expr.RawExpression;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Syntax newer than the installed nft 1.0.6, which cannot write these rules (and aborts
 * listing some of them), so the kernel and the conformance vectors are the reference:
 * inner-header matching in vxlan, geneve, gre and gretap tunnels, gre header fields,
 * header fields changed in place, marks computed from bit fields ({@code ct mark set ip dscp << 2 | 0x10}), and
 * values combined from two registers ({@code ct mark & 0xffff0000 | meta mark & 0x0000ffff}, Linux 6.13 and later),
 * nat from maps with ranges of concatenations as keys, raw header bits set in place ({@code @nh,10,6 set 0x3}, which nft
 * 1.0.6 lists as {@code @nh,8,8 set @nh,8,8 & 0xc3 | 0x3}). The kernel accepts what the library writes, gives back
 * the same expressions (typed, none kept raw), and the library lists the rules as written.
 */
@KernelTest
class TunnelAndComputedValueSyntaxKernelTest {

    private static final String RULES = """
            table inet t {
            \tmap m2 {
            \t\ttype ipv4_addr . ipv4_addr . inet_service : ipv4_addr . inet_service
            \t\tsize 65535
            \t\tflags dynamic
            \t}
            
            \tset ds {
            \t\ttype dscp
            \t\telements = { cs1,
            \t\t\t     af41 }
            \t}
            
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tudp dport 4789 vxlan vni 10 accept
            \t\tudp dport 4789 vxlan ip saddr 10.141.11.0/24 drop
            \t\tudp dport 4789 vxlan ip protocol icmp drop
            \t\tudp dport 6081 geneve tcp dport 22 drop
            \t\tudp dport 6081 geneve vlan id 10 drop
            \t\tgre ip saddr . gre ip daddr { 1.2.3.4 . 4.3.2.1 } drop
            \t\tgre icmp type echo-reply drop
            \t\tgre ip dscp 0x02 drop
            \t\tgretap ether saddr 62:87:4d:d6:19:05 drop
            \t\tgretap udp sport 8888 drop
            \t\tgre version 0 accept
            \t\tip dscp set ip dscp | lephb
            \t\tip ecn set ip ecn & ect0
            \t\ttcp flags set tcp flags & (fin | syn | rst | psh | ack | urg)
            \t\ttcp flags set tcp flags | ecn | cwr
            \t\tmeta mark set ip dscp
            \t\tct mark set ip dscp << 2 | 0x10
            \t\tct mark set ip6 dscp & 0x3c
            \t\tct mark set ip dscp & af33
            \t\tip6 dscp @ds accept
            \t\t@nh,10,6 set 0x3
            \t\t@th,58,6 set 0x0
            \t\tadd @m2 { ip saddr . ip daddr . th dport : 10.0.0.1 . 80 }
            \t\tmeta mark set meta mark | iif | meta cpu
            \t\tct mark set ct mark & 0xffff0000 | meta mark & 0x0000ffff
            \t\tct mark set ct mark | ip dscp | 0x00000200
            \t}
            
            \tchain nat {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tdnat ip to ct mark map { 0x00000014 : 1.2.3.4 }
            \t\tdnat ip to numgen inc mod 2 map { 0 : 192.168.10.100, 1 : 192.168.20.200 }
            \t\tdnat ip to numgen inc mod 7 offset 167772161
            \t\tdnat ip to jhash ip saddr mod 2 seed 0xdeadbeef map { 0 : 192.168.20.100, 1 : 192.168.30.100 }
            \t\tredirect to :tcp dport map { 22 : 8000, 80 : 8080 }
            \t\tmeta l4proto tcp dnat ip to iifname . ip saddr map { "lo" . 10.1.1.136 : 1.1.2.69 . 22, "lo" . 10.1.1.1-10.1.1.135 : 1.1.2.66-1.84.236.78 . 22 }
            \t\tdnat ip to iifname . ip saddr map { "lo" . 10.1.1.136 : 1.1.2.69/32, "lo" . 10.1.1.1-10.1.1.135 : 1.1.2.66-1.84.236.78 }
            \t}
            }
            """;

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), name -> {
        throw new IllegalArgumentException("no interface " + name + " in the test namespace");
    }, SetLookup.NONE);

    /** Lists interface 1 as lo, as nft does in these namespaces. */
    private static final RuleRenderer RENDERER = new RuleRenderer(id -> null, false, false, index -> index == 1 ? "lo" : null);

    @Test
    void theKernelTakesAndReturnsTheRulesAndTheLibraryListsThemAsWritten(TestNamespace ns) {
        List<NftOperation> operations = PARSER.parse(RULES, "rules.nft").operations();
        List<List<Expression>> written = new ArrayList<>();
        for (NftOperation op : operations) {
            if (op instanceof NftOperation.AddRule add) {
                written.add(add.rule().expressions());
            }
        }
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            nft.transaction().addAll(operations).commit();
            List<Rule> listed = nft.listRules();
            assertThat(listed).hasSize(written.size());
            for (int i = 0; i < listed.size(); i++) {
                List<Expression> expressions = listed.get(i).expressions();
                assertThat(expressions).as("rule %d", i).noneMatch(RawExpression.class::isInstance);
                // anonymous set names are the kernel's, and it reports a lookup's flags when there are none
                assertThat(expressions.stream().map(TunnelAndComputedValueSyntaxKernelTest::withoutSetName).toList()).as("rule %d", i)
                        .isEqualTo(written.get(i).stream().map(TunnelAndComputedValueSyntaxKernelTest::withoutSetName).toList());
            }
            assertThat(listed.stream().flatMap(r -> r.expressions().stream()).filter(Inner.class::isInstance)).hasSize(20);
            assertThat(RulesetListing.read(nft).render(NftFormatter.DEFAULT, RENDERER)).isEqualTo(RULES);
        }
    }

    /**
     * nft 1.1.3 takes these rules too: the library writes, lists and prints them in JSON as it does. Left out: the map
     * update with constant data (nft reads the data of the map the library declares through the set's userdata, which
     * the set family writes differently), and applying nft's JSON (its maps to concatenated data are read by the set
     * family's JSON reader, not yet).
     */
    @Test
    void nftRefWritesAndListsTheSameRules() {
        nftlink.nftables.ReferenceCheck.of(RULES.replace("\t\tadd @m2 { ip saddr . ip daddr . th dport : 10.0.0.1 . 80 }\n", ""))
                .withoutJsonApply().check();
    }

    /**
     * nft 1.0.6 writes nat to computed addresses with an addr_max register and flags, and numgen without a
     * byte-order swap, which the newer nft leaves out, and udp header writes with an internet checksum where
     * the newer nft has the kernel fix the layer-4 checksum, and shifted a bit field down for a named set
     * without turning it to host order, and put constant data of dynamic map updates in the next 128-bit
     * register (newer nft: right after the key) with a zero timeout; the library lists both forms the same way. (A redirect to
     * a port from a map is left out: nft 1.0.6 wants an explicit l4proto match first, which newer nft adds and
     * folds as a dependency, and the library follows the newer nft.)
     */
    private static final String NFT_NAT_RULES = """
            table ip n {
            \tchain c {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tdnat to ct mark map { 0x00000014 : 1.2.3.4 }
            \t\tdnat to numgen inc mod 2 map { 0 : 192.168.10.100, 1 : 192.168.20.200 }
            \t\tdnat to numgen inc mod 7 offset 167772161
            \t\tdnat to jhash ip saddr mod 2 seed 0xdeadbeef map { 0 : 192.168.20.100, 1 : 192.168.30.100 }
            \t}
            
            \tchain f {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tudp dport set 65535
            \t}
            }
            table ip d {
            \tmap m2 {
            \t\ttype ipv4_addr . ipv4_addr . inet_service : ipv4_addr . inet_service
            \t\tsize 65535
            \t\tflags dynamic
            \t}
            
            \tmap m3 {
            \t\ttype ipv4_addr : mark
            \t\tsize 65535
            \t\tflags dynamic
            \t}
            
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tadd @m2 { ip saddr . ip daddr . th dport : 10.0.0.1 . 80 }
            \t\tupdate @m3 { ip saddr : 0x00000005 }
            \t}
            }
            table ip6 s {
            \tset ds {
            \t\ttype dscp
            \t\telements = { cs1,
            \t\t\t     af41 }
            \t}
            
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tip6 dscp @ds accept
            \t}
            }
            """;

    @Test
    void theLibraryListsNatToComputedAddressesAsNftWroteThem(TestNamespace ns, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("nat.nft");
        Files.writeString(file, NFT_NAT_RULES);
        ns.exec("nft", "-f", file.toString()).orThrow();
        String expected = ns.nft("list", "ruleset").orThrow();
        assertThat(expected).isEqualTo(NFT_NAT_RULES);
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            assertThat(RulesetListing.read(nft).render(NftFormatter.DEFAULT, new RuleRenderer(id -> null, false, false,
                    index -> null))).isEqualTo(expected);
        }
    }

    private static String withoutSetName(Expression e) {
        // the kernel fills in a nat range's upper end (the same register) and NF_NAT_RANGE_MAP_IPS when dumping
        return e.toDebugString().replaceAll("__(set|map)(\\d+|%d)", "__$1%d")
                .replaceAll("(lookup reg \\d+ set \\S+( dreg \\d+)?) 0x0", "$1")
                .replaceAll("(addr_min reg (\\d+)) addr_max reg \\2 flags 0x1", "$1")
                .replaceAll("(proto_min reg (\\d+)) proto_max reg \\2", "$1")
                // and NF_NAT_RANGE_MAP_IPS / PROTO_SPECIFIED for registers it was given
                .replaceAll("(\\[ nat .*) flags 0x[123] \\]", "$1 ]")
                // and a dynset's zero timeout
                .replaceAll("(\\[ dynset .*) timeout 0ms \\]", "$1 ]");
    }
}
