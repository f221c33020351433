package nftlink.nftables.lang;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole rule sets with sets, maps, elements and rules: the library prints what nft prints. */
@KernelTest
class RulesetListingKernelTest {

    static final String RULESET = """
            table ip t {
              set a { type ipv4_addr; flags timeout; elements = { 1.2.3.4 timeout 1h comment "x", 5.6.7.8 } }
              set b { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 } }
              set c { type ipv4_addr . inet_service; flags interval; elements = { 1.1.1.1 . 20-30 } }
              set d { type ipv4_addr; counter; size 100; elements = { 9.9.9.9 } }
              set big { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5, 10.0.0.6, 10.0.0.7 } }
              set ports { type inet_service; flags interval; elements = { 1-10, 22, 80, 100-200 } }
              set f { type ipv4_addr; flags dynamic,timeout; timeout 30s; gc-interval 1m; size 65535; policy memory; comment "hello"; }
              set e { type ether_addr; elements = { 00:11:22:33:44:55 } }
              set m { type mark; elements = { 0x1, 0x20, 0x3, 0x4, 0x5, 0x6, 0x7 } }
              set i { type ifname; elements = { "eth0", "lo" } }
              set cc { type ipv4_addr . inet_service; elements = { 10.0.0.1 . 22, 10.0.0.2 . 80 } }
              map mm { type inet_service : verdict; elements = { 22 : jump x, 80 : accept } }
              map n { type ipv4_addr : mark; elements = { 1.1.1.1 : 0x5 } }
              chain x {
                tcp dport { 22, 25 } accept
                ip saddr @b counter drop
                ct state established,related accept
                meta skuid 1000 oifname "eth*" accept comment "user"
              }
              chain input {
                type filter hook input priority filter; policy drop;
                iifname "lo" accept
                ip saddr { 10.0.0.0/8, 192.168.0.5 } tcp dport 1-1024 jump x
              }
            }
            table inet u {
              set v6 { type ipv6_addr; policy memory; elements = { ::1, 2001:db8::1 } }
              chain c {
                ip6 daddr @v6 udp dport 53 accept
                meta mark set 0x20
              }
            }
            """;

    /** Without expiry times (they move between two listings). */
    private static String withoutExpiry(String listing) {
        return listing.replaceAll(" expires \\S+", "");
    }

    @Test
    void listingEqualsNft(TestNamespace ns) {
        NftRef.script(ns, RULESET).orThrow();
        String nft = NftRef.run(ns, "list", "ruleset").orThrow();
        String nftHandles = NftRef.run(ns, "-a", "list", "ruleset").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables lib = Nftables.open(n)) {
            RulesetListing listing = RulesetListing.read(lib);
            assertThat(withoutExpiry(listing.render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT))).isEqualTo(withoutExpiry(nft));
            assertThat(withoutExpiry(listing.render(new NftFormatter(true, false), RuleRenderer.DEFAULT)))
                    .isEqualTo(withoutExpiry(nftHandles));
        }
    }
}
