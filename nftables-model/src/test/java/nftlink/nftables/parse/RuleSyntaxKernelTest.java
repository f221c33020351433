package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Nftables;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule language's expression families against nft (nft-ref, 1.1.3), both ways, one file of rules
 * per family: what {@code nft -f} writes and what the library writes from the same
 * text list identically in {@code nft list ruleset} and with identical bytecode in
 * {@code nft --debug=netlink list ruleset}; and the library lists the rule set nft
 * wrote exactly as nft lists it.
 */
@KernelTest
class RuleSyntaxKernelTest {

    /** One table of rules, per family and chain type. */
    private static final List<String> FILES = List.of("""
            table inet t {
            \tset dyn { type ipv4_addr; flags dynamic,timeout; timeout 1m; }
            \tset cr { type ipv4_addr . inet_service; flags interval; elements = { 10.0.0.0/8 . 10-23, 192.168.1.1 . 80 } }
            \tset m { type ipv4_addr; flags dynamic; }
            \tcounter hits { }
            \tquota q { 25 mbytes }
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tmeta iifgroup 0 accept
            \t\tmeta cgroup 1048577 drop
            \t\tmeta l4proto tcp meta mark set 0x00000010
            \t\tct status dnat accept
            \t\tct direction original counter
            \t\tct expiration 30s drop
            \t\tct zone 23 drop
            \t\tct original bytes > 1000 drop
            \t\tct helper "ftp" accept
            \t\tct mark set 0x00000011
            \t\tct mark set meta mark
            \t\tct mark set ct mark | 0x00000001
            \t\tmeta mark & 0x000000ff == 0x00000001 accept
            \t\tip dscp cs1 accept
            \t\tip ecn ce drop
            \t\tip hdrlength 5 accept
            \t\tip6 flowlabel 22 accept
            \t\ttcp flags syn accept
            \t\ttcp option maxseg size 1400 accept
            \t\ttcp option sack-perm exists accept
            \t\tfrag id 3 drop
            \t\texthdr hbh exists drop
            \t\tmh type binding-update drop
            \t\ticmpv6 mtu 1280 accept
            \t\tfib daddr type local accept
            \t\tfib saddr . iif oif missing drop
            \t\tsocket transparent 1 accept
            \t\ttcp sport 1 tcp dport 2 accept
            \t\t@nh,8,8 0xff drop
            \t\tip saddr & 0.0.0.255 == 0.0.0.1 accept
            \t\tadd @dyn { ip saddr } accept
            \t\tupdate @dyn { ip saddr timeout 30s }
            \t\tupdate @dyn { ip saddr limit rate over 10/second } drop
            \t\tadd @m { ip saddr counter }
            \t\tadd @m { ip saddr ct count over 4 } drop
            \t\tupdate @dyn { ip saddr timeout 30s counter }
            \t\tcounter name "hits"
            \t\tquota name "q" drop
            \t\tcounter name tcp dport map { 443 : "hits", 80 : "hits" }
            \t\tquota name ip saddr map { 10.0.0.1 : "q" }
            \t\tsctp chunk data exists accept
            \t\tip ttl set 23
            \t\tip dscp set af23
            \t\ttcp dport set 8080
            \t\tmeta mark set ip saddr map { 10.0.0.1 : 0x00000001, 10.0.0.2 : 0x00000002 }
            \t\tct mark set numgen inc mod 2 offset 100
            \t\tct mark set symhash mod 4
            \t\tlog prefix "nflog" group 2 snaplen 33 queue-threshold 2
            \t\tmeta mark set ct mark >> 8
            \t\tip daddr . tcp dport @cr accept
            \t\tip saddr vmap { 1.1.1.1 : drop, * : accept }
            \t\tct state 8 accept
            \t\ticmpv6 type mld-listener-reduction accept
            \t\tipsec in ip6 daddr dead::beef accept
            \t\tmeta mark set ip saddr map { 1.1.1.1 : 0x00000001, * : 0x00000002 }
            \t\tip daddr . tcp dport { 10.0.0.0/8 . 10-23, 192.168.1.1-192.168.3.8 . 80-443 } accept
            \t\tip saddr . ip daddr vmap { 192.168.5.1-192.168.5.128 . 192.168.6.1-192.168.6.128 : accept, 10.0.0.1 . 10.0.0.2 : drop }
            \t\tct mark set jhash ip saddr . ip daddr mod 2 seed 0xdeadbeef offset 100
            \t}
            }
            """, """
            table bridge b {
            \tchain c {
            \t\ttype filter hook forward priority filter; policy accept;
            \t\tvlan id 100 accept
            \t\tvlan id 1 vlan pcp 3 drop
            \t\tvlan id 4094 ip saddr 10.0.0.1 drop
            \t\tether type 8021ad vlan id 1 ip protocol tcp accept
            \t\tether type 8021ad vlan id 1 vlan type 8021q vlan id 2 vlan type ip counter
            \t\tvlan id 1 vlan id set 2
            \t\tvlan id 3 vlan pcp set 5
            \t}
            }
            """, """
            table ip n {
            \tchain pre {
            \t\ttype filter hook prerouting priority mangle; policy accept;
            \t\tmeta l4proto tcp tproxy to 127.0.0.1:8080
            \t\tdup to 10.0.0.1 device "lo"
            \t\tdup to ip saddr map { 192.168.2.120 : 192.168.2.1 } device "lo"
            \t}
            }
            """, """
            table ip6 s {
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tsrh tag 127 accept
            \t\tsrh last-entry 0 srh flags 0 drop
            \t\tsrh sid[2] dead::beef drop
            \t\ttcp option 6 exists drop
            \t\ttcp option @255,8,8 255 drop
            \t\ttcp option 255 missing accept
            \t\tdup to ip6 saddr map { abcd::1 : cafe::cafe } device "lo"
            \t}
            }
            """, """
            table ip n {
            \tmap targets {
            \t\ttype ipv4_addr : ipv4_addr . inet_service
            \t\telements = { 10.0.0.1 : 192.168.1.1 . 8080 }
            \t}
            \tchain pre {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tip daddr 192.168.0.1 dnat ip to tcp dport map { 443 : 10.141.10.4 . 8443, 80 : 10.141.10.4 . 8080 }
            \t\tmeta l4proto tcp dnat ip to ip daddr map @targets
            \t}
            \tchain post {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tmeta l4proto udp snat ip to ip saddr map { 10.141.11.4 : 192.168.2.3 . 80 }
            \t}
            }
            table ip6 n6 {
            \tchain pre {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tdnat ip6 to tcp dport map { 80 : [fd00::1] . 8080 }
            \t}
            }
            """, """
            table ip m {
            \tmap ports { type inet_service : mark; flags interval; elements = { 1-1023 : 0x1, 1024-65535 : 0x2 } }
            \tset high { type inet_service; flags interval; elements = { 1024-65535 } }
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tmeta mark set tcp dport map @ports
            \t\ttcp dport @high accept
            \t\ttcp dport vmap { 1-1023 : accept, 1024-65535 : drop }
            \t\ttcp sport { 1024 } accept
            \t\tmeta mark set ip saddr map { 10.0.0.0/8 : 0x00000001, 192.168.0.1-192.168.0.9 : 0x00000002 }
            \t\tct mark set meta mark map { 0x00000001-0x00000005 : 0x00000010, 0x00000006 : 0x00000020 }
            \t\tmeta mark set tcp dport map { 1-1023 : 0x00000001, 1024-65535 : 0x00000002 }
            \t}
            \tchain n {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tdnat to numgen inc mod 10 map { 0-5 : 192.168.10.100, 6-9 : 192.168.20.200 }
            \t\tdnat to ip saddr map { 10.0.0.0/24 : 10.1.1.1, 10.0.1.0/24 : 10.1.1.2 }
            \t}
            }
            """, """
            table ip r {
            \tchain post {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tsnat ip to ip saddr map { 10.141.11.4 : 192.168.2.2-192.168.2.4 }
            \t\tsnat ip to ip saddr map { 10.141.12.14 : 192.168.2.0/24 }
            \t\tsnat ip prefix to ip saddr map { 10.141.11.0/24 : 192.168.2.0/24 }
            \t}
            \tchain pre {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tdnat ip to ip saddr . tcp dport map { 192.168.1.2 . 80 : 10.141.10.0/24 . 8888-8999 }
            \t\tdnat ip to ip saddr . tcp dport map { 192.168.1.2 . 80 : 10.141.10.2 . 8888-8999 }
            \t}
            }
            """, """
            table netdev d {
            \tchain ingress {
            \t\ttype filter hook ingress device "lo" priority filter; policy accept;
            \t\tether saddr 00:01:02:03:04:05 ether type ip drop
            \t\tfwd to "lo"
            \t\tdup to meta mark map { 0x00000001 : "lo", 0x00000002 : "lo" }
            \t\tfwd to meta mark map { 0x00000001 : "lo", 0x00000002 : "lo" }
            \t}
            }
            """);

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), name -> {
        if (name.equals("lo")) {
            return 1;
        }
        throw new IllegalArgumentException("no interface " + name + " in the test namespace");
    }, SetLookup.NONE);

    /** Lists interface 1 as lo, as nft does in these namespaces. */
    private static final RuleRenderer RENDERER = new RuleRenderer(id -> null, false, false, index -> index == 1 ? "lo" : null);

    /** The debug listing with each run of set element lines sorted: a hash set dumps them in no fixed order. */
    private static String elementsSorted(String debug) {
        List<String> out = new java.util.ArrayList<>();
        List<String> run = new java.util.ArrayList<>();
        for (String line : debug.split("\n", -1)) {
            if (line.startsWith("\telement ")) {
                run.add(line);
                continue;
            }
            run.sort(null);
            out.addAll(run);
            run.clear();
            out.add(line);
        }
        run.sort(null);
        out.addAll(run);
        return String.join("\n", out);
    }

    @Test
    void nftAndTheLibraryWriteAndListTheSameRules(TestNamespace ns, @TempDir Path dir) throws IOException {
        for (String text : FILES) {
            Path file = dir.resolve("rules.nft");
            Files.writeString(file, "flush ruleset\n" + text);
            NftRef.run(ns, "-f", file.toString()).orThrow();
            String expected = NftRef.run(ns, "list", "ruleset").orThrow();
            String expectedBytecode = NftRef.run(ns, "--debug=netlink", "list", "ruleset").orThrow();
            try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
                assertThat(RulesetListing.read(nft).render(NftFormatter.DEFAULT, RENDERER))
                        .as("the library lists what nft wrote").isEqualTo(expected);
            }
            try (TestNamespace other = TestNamespace.create();
                 NetworkNamespace handle = other.open();
                 Nftables nft = Nftables.open(handle)) {
                nft.transaction().addAll(PARSER.parseFile(file).operations()).commit();
                assertThat(NftRef.run(other, "list", "ruleset").orThrow()).as("nft lists what the library wrote").isEqualTo(expected);
                assertThat(elementsSorted(NftRef.run(other, "--debug=netlink", "list", "ruleset").orThrow())).as("bytecode")
                        .isEqualTo(elementsSorted(expectedBytecode));
            }
        }
    }
}
