package nftlink.nftables.json;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.nftables.lang.RulesetListing;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nftlink -j list ruleset} prints what {@code nft -j list ruleset} (nft-ref, 1.1.3) prints for the same rule set. */
@KernelTest
class JsonRenderKernelTest {

    /** Matches, sets, maps, verdict maps and statements the rule language supports, in several families. */
    static final String RULESET = """
            table ip t {
              set a { type ipv4_addr; flags timeout; elements = { 1.2.3.4 timeout 1h comment "x", 5.6.7.8 } }
              set b { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 } }
              set c { type ipv4_addr . inet_service; flags interval; elements = { 1.1.1.1 . 20-30 } }
              set d { type ipv4_addr; counter; size 100; elements = { 9.9.9.9 } }
              set ports { type inet_service; flags interval; elements = { 1-10, 22, 80, 100-200 } }
              set f { type ipv4_addr; flags dynamic,timeout; timeout 30s; gc-interval 1m; size 65535; policy memory; comment "hello"; }
              set e { type ether_addr; elements = { 00:11:22:33:44:55 } }
              set m { type mark; elements = { 0x1, 0x20, 0x3, 0x4, 0x5, 0x6, 0x7 } }
              set i { type ifname; elements = { "eth0", "lo" } }
              set cc { type ipv4_addr . inet_service; elements = { 10.0.0.1 . 22, 10.0.0.2 . 80 } }
              set k { type inet_service; flags constant; elements = { 22 } }
              set cs { type ct_state; elements = { established, new } }
              set pr { type inet_proto; elements = { tcp, 200 } }
              map mm { type inet_service : verdict; elements = { 22 : jump y, 80 : accept } }
              map n { type ipv4_addr : mark; elements = { 1.1.1.1 : 0x5 } }
              map mc { type ipv4_addr : verdict; comment "mapc"; flags interval; elements = { 10.0.0.0/8 : drop } }
              map targets { type ipv4_addr : ipv4_addr . inet_service; elements = { 10.0.0.1 : 192.168.1.1 . 8080 } }
              chain y {
                accept
              }
              chain x {
                tcp dport { 22, 25 } accept
                ip saddr @b counter drop
                ct state established,related accept
                ct state established accept
                ct state != established
                ct state { new, untracked }
                meta skuid 1000 oifname "eth*" accept comment "user"
                ip daddr 10.0.0.0/8 ip protocol != udp
                tcp dport 1-1024 tcp sport != 5-6 ip saddr 1.2.3.4/31
                ip saddr . tcp dport { 1.2.3.4 . 22, 5.6.7.8 . 80 } accept
                tcp dport vmap { 22 : accept, 23 : drop, 30-40 : jump y }
                tcp dport vmap @mm
                log prefix "hi " level info flags all
                log group 3
                log
                log flags tcp sequence
                log level emerg prefix "x"
                limit rate 10/second burst 3 packets
                limit rate over 1 mbytes/second
                limit rate 5/minute
                limit rate 2 kbytes/hour burst 3 kbytes
                quota over 10 mbytes used 1 mbytes
                quota 100 bytes
                reject with tcp reset
                reject
                reject with icmp host-unreachable
                meta mark set 0x20 notrack
                counter packets 0 bytes 0 return
                icmp type echo-request accept
                ether saddr 00:11:22:33:44:55 goto y
                meta l4proto tcp meta skuid 0 meta skgid 3
                meta l4proto { tcp, udp } ip protocol 200 meta protocol ip
                tcp dport != { 1, 2 } iifname { "a", "b*" }
                meta priority 0x10
                continue
              }
              chain input {
                type filter hook input priority filter; policy drop;
                iifname "lo" accept
                fib daddr oif exists accept
                ip saddr { 10.0.0.0/8, 192.168.0.5 } tcp dport 1-1024 jump x
              }
              chain pre {
                type nat hook prerouting priority dstnat; policy accept;
                tcp dport 80 dnat to 10.0.0.1:8080
                tcp dport 81 dnat to 10.0.0.1-10.0.0.5:80-90 random,persistent
                tcp dport 3 redirect to :3128
                dnat ip to tcp dport map { 443 : 10.141.10.4 . 8443, 80 : 10.141.10.4 . 8080 }
                meta l4proto tcp dnat ip to ip daddr map @targets
                dnat to ct mark map { 0x14 : 1.2.3.4 }
                dnat to numgen inc mod 10 map { 0-5 : 192.168.10.100, 6-9 : 192.168.20.200 }
                dnat ip to ip saddr . tcp dport map { 192.168.1.2 . 80 : 10.141.10.0/24 . 8888-8999 }
                meta mark set ip saddr map { 10.0.0.0/8 : 0x1, 192.168.0.1-192.168.0.9 : 0x2 }
                ct mark set meta mark map { 0x1-0x5 : 0x10, 0x6 : 0x20 }
              }
              chain post {
                type nat hook postrouting priority srcnat + 5;
                masquerade
                tcp dport 4 masquerade to :1000-2000 fully-random
                snat to 1.2.3.4
                snat to 10.0.0.0/24
                snat ip to ip saddr map { 10.141.11.4 : 192.168.2.2-192.168.2.4 }
                snat ip prefix to ip saddr map { 10.141.11.0/24 : 192.168.2.0/24 }
              }
            }
            table inet u {
              set v6 { type ipv6_addr; policy memory; elements = { ::1, 2001:db8::1 } }
              chain c {
                type filter hook output priority 10; policy accept;
                ip6 daddr @v6 udp dport 53 accept
                socket transparent 1 socket mark 0x00000005 accept
                ip daddr . tcp dport { 10.0.0.0/8 . 10-23, 192.168.1.1-192.168.3.8 . 80-443 } accept
                meta mark set 0x20
                reject with icmpx admin-prohibited
                reject
                ct mark 0x5 ip6 saddr ::1/128
                meta nfproto ipv6 ip6 nexthdr tcp
                icmpv6 type 250
                ip6 daddr fe80::/10
                ip daddr != 10.1.2.0/24
                ether type ip6
              }
              chain d { type filter hook input priority -3; }
              chain nat { type nat hook prerouting priority -100; dnat ip to 1.2.3.4; }
            }
            table ip6 v {
              chain c {
                reject
                reject with icmpv6 admin-prohibited
                icmpv6 type echo-request accept
              }
            }
            table netdev n {
              chain c {
                type filter hook ingress device "lo" priority 0;
                ether type arp
              }
            }
            table bridge b {
              chain c {
                type filter hook input priority -200;
                ip saddr 1.2.3.4
              }
            }
            """;

    /** Drops {@code "expires"} members (time left, which moves between two listings). */
    static JsonValue withoutExpiry(JsonValue v) {
        return switch (v) {
            case JsonValue.Arr a -> JsonValue.array(a.items().stream().map(JsonRenderKernelTest::withoutExpiry).toList());
            case JsonValue.Obj o -> {
                LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
                o.members().forEach((k, x) -> {
                    if (!k.equals("expires")) {
                        m.put(k, withoutExpiry(x));
                    }
                });
                yield new JsonValue.Obj(m);
            }
            default -> v;
        };
    }

    static String withoutExpiry(String text) {
        return text.replaceAll(", \"expires\": \\d+", "");
    }

    @Test
    void renderingEqualsNft(TestNamespace ns) {
        NftRef.script(ns, RULESET).orThrow();
        String nft = NftRef.json(ns, JsonRenderer.metainfo().toJson(), "list", "ruleset");
        try (NetworkNamespace n = ns.open(); Nftables lib = Nftables.open(n)) {
            String ours = JsonRenderer.DEFAULT.render(RulesetListing.read(lib));
            List<JsonValue> expected = ((JsonValue.Arr) ((JsonValue.Obj) withoutExpiry(JsonValue.parse(nft))).get("nftables")).items();
            List<JsonValue> actual = ((JsonValue.Arr) ((JsonValue.Obj) withoutExpiry(JsonValue.parse(ours))).get("nftables")).items();
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                assertThat(actual.get(i).toJson()).as("item %d", i).isEqualTo(expected.get(i).toJson());
            }
            assertThat(actual).isEqualTo(expected);
        }
    }
}
