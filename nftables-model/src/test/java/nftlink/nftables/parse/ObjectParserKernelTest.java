package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stateful objects (ct helper, ct timeout, ct expectation, synproxy besides counter, quota and
 * limit) and {@code typeof} sets and maps, parsed by the library and by nft from the same text
 * into two fresh namespaces: {@code nft list ruleset} prints the same, and every set carries the
 * very userdata nft wrote; the library's own listing prints the same too.
 */
@KernelTest
class ObjectParserKernelTest {

    static final String OBJECTS = """
            table inet t {
            \tcounter c { packets 5 bytes 100; comment "cnt"; }
            \tquota q { over 25 mbytes used 1 mbytes; }
            \tlimit l { rate 10/second burst 3 packets; }
            \tct helper h { type "ftp" protocol tcp; l3proto inet; }
            \tct helper h0 { type "sip" protocol udp; }
            \tct helper hc {
            \t\ttype "ftp" protocol tcp
            \t\tl3proto ip
            \t\tcomment "helper"
            \t}
            \tct timeout tt { protocol tcp; l3proto ip; policy = { established: 100, close: 4 }; }
            \tct timeout tu { protocol udp; l3proto ip6; policy = { replied : 20 }; }
            \tct timeout td { protocol tcp; l3proto inet; }
            \tct expectation e { protocol tcp; dport 2121; timeout 1m; size 12; l3proto ip; }
            \tct expectation e6 {
            \t\tprotocol udp
            \t\tdport 5060
            \t\ttimeout 2h3m4s
            \t\tsize 1
            \t\tl3proto ip6
            \t}
            \tsynproxy s { mss 1460; wscale 7; timestamp sack-perm; }
            \tsynproxy s2 { mss 1400; wscale 2; }
            \tsynproxy s3 { mss 536 wscale 0 sack-perm }
            \tchain input { type filter hook input priority filter; policy accept; }
            }
            table ip u {
            \tct helper h2 { type "ftp" protocol tcp; }
            \tct timeout t2 { protocol udp; policy = { unreplied: 1, replied: 2 }; }
            \tct expectation ex { protocol tcp; dport 21; timeout 500ms; size 3; }
            \tsynproxy sp { mss 1460; wscale 7; }
            }
            add table ip6 v
            add ct helper ip6 v h6 { type "ftp" protocol tcp; }
            add ct timeout ip6 v t6 { protocol tcp; policy = { syn_sent: 3 }; }
            add ct expectation ip6 v x6 { protocol udp; dport 69; timeout 5s; size 4; }
            add synproxy ip6 v s6 { mss 1220; wscale 3; timestamp; }
            add ct helper ip6 v gone { type "ftp" protocol tcp; }
            add synproxy ip6 v gone2 { mss 1220; wscale 3; }
            add counter ip6 v gone3
            delete ct helper ip6 v gone
            delete synproxy ip6 v gone2
            delete counter ip6 v gone3
            create ct timeout ip6 v t7 { protocol udp; policy = { replied: 7 }; }
            """;

    static final String TYPEOF = """
            table inet t {
            \tset s { typeof ip saddr . tcp dport; }
            \tset sc { typeof socket cgroupv2 level 2; }
            \tset u { typeof meta skuid; elements = { 1000, 1001 }; }
            \tset sa { typeof ip saddr; flags interval; auto-merge; elements = { 10.0.0.0/8, 192.168.0.1 }; }
            \tset cm { typeof ct mark; comment "marks"; }
            \tmap m { typeof ip saddr : meta mark; elements = { 10.0.0.1 : 0x10 }; }
            \tmap mc { typeof ip saddr : meta mark; comment "hi"; }
            \tmap v { typeof ip daddr : verdict; elements = { 10.0.0.2 : accept, 10.0.0.3 : drop }; }
            \tmap vc { typeof ip daddr . tcp dport : verdict; }
            \tmap x { typeof meta mark : ct mark; }
            \tmap d { typeof ip saddr : ip daddr; flags interval; elements = { 10.0.0.0/8 : 1.2.3.4 }; }
            \tmap p { typeof ip6 saddr : tcp dport; }
            \tchain c {
            \t\tip daddr vmap @v
            \t}
            }
            add table ip w
            add map ip w m2 { typeof udp dport : ether saddr; }
            add set ip w s2 { typeof ether saddr . ip daddr; }
            """;

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    @Test
    void objectsListAsNftListsThem(TestNamespace ns, TestNamespace other) {
        sameAsNft(ns, other, OBJECTS);
        assertThat(NftRef.list(ns)).contains("ct expectation e6", "synproxy s3", "policy = { syn_sent : 3s }")
                .doesNotContain("gone");
    }

    @Test
    void typeofSetsAndMapsListAsNftListsThem(TestNamespace ns, TestNamespace other) {
        sameAsNft(ns, other, TYPEOF);
        assertThat(NftRef.list(ns)).contains("typeof ip saddr : meta mark", "typeof ip daddr : verdict",
                "typeof meta mark : ct mark", "typeof ip daddr . tcp dport : verdict");
    }

    /** nft-ref loads {@code script} in {@code ns}, the library in {@code other}: both list the same, with the same userdata. */
    private static void sameAsNft(TestNamespace ns, TestNamespace other, String script) {
        NftRef.apply(ns, script);
        try (NetworkNamespace handle = other.open(); Nftables nft = Nftables.open(handle)) {
            nft.transaction().addAll(PARSER.parse(script, "objects.nft").operations()).commit();
        }
        String expected = NftRef.list(ns);
        assertThat(NftRef.list(other)).isEqualTo(expected);
        assertThat(userdata(other)).isEqualTo(userdata(ns));
        try (NetworkNamespace handle = other.open(); Nftables nft = Nftables.open(handle)) {
            assertThat(RulesetListing.read(nft).render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT)).isEqualTo(expected);
        }
    }

    /** Every set's userdata as hex, by family, table and name. */
    private static Map<String, String> userdata(TestNamespace ns) {
        Map<String, String> out = new TreeMap<>();
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            List<NftSet> sets = nft.listSets();
            for (NftSet s : sets) {
                if ((s.flags() & nftlink.nftables.NfTablesUapi.NFT_SET_ANONYMOUS) == 0) {
                    out.put(s.family().nftName() + " " + s.table() + " " + s.name(),
                            s.userdata() == null ? "none" : HexFormat.of().formatHex(s.userdata()));
                }
            }
        }
        return out;
    }
}
