package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object maps, nat maps and computed map keys against nft 1.1.3 in every direction ({@link ReferenceCheck}: nftlink
 * lists what nft-ref loaded byte for byte and as the same JSON, loads the text to nft-ref's bytecode, and loads
 * nft-ref's JSON back).
 */
@KernelTest
class MapKernelTest {

    @Test
    void objectMapsWithRangesPrefixesAndConcatenatedKeys() {
        String listed = ReferenceCheck.of("""
                table inet filter {
                \tct helper sip-5060u {
                \t\ttype "sip" protocol udp
                \t\tl3proto ip
                \t}

                \tct helper sip-5060t {
                \t\ttype "sip" protocol tcp
                \t\tl3proto ip
                \t}

                \tcounter c {
                \t}

                \tsynproxy https-synproxy {
                \t\tmss 1460
                \t\twscale 7
                \t\ttimestamp sack-perm
                \t}

                \tsynproxy other-synproxy {
                \t\tmss 1460
                \t\twscale 5
                \t}

                \tchain input {
                \t\ttype filter hook input priority filter; policy accept;
                \t\tct helper set ip protocol . th dport map { udp . 10000-20000 : "sip-5060u", tcp . 10000-20000 : "sip-5060t" }
                \t\tcounter name ip6 daddr . tcp dport map { dead::beef . 123 : "c", feed::17 . 512 : "c" }
                \t\tsynproxy name ip saddr map { 192.168.1.0/24 : "https-synproxy", 192.168.2.0/24 : "other-synproxy" }
                \t\tcounter name tcp dport map { 22-23 : "c", 80 : "c" }
                \t}
                }
                """).check();
        // nft orders concatenated keys by their bytes read as one host-order number
        assertThat(listed).contains("counter name ip6 daddr . tcp dport map { feed::17 . 512 : \"c\", dead::beef . 123 : \"c\" }");
    }

    @Test
    void natFromMapsWithIntervalDataAndCatchAll() {
        String listed = ReferenceCheck.of("""
                table ip x {
                \tmap y {
                \t\ttype ipv4_addr : interval ipv4_addr
                \t\tflags interval
                \t\telements = { 10.141.10.0/24 : 192.168.2.2-192.168.2.4, 10.141.11.0/24 : 192.168.4.2/31 }
                \t}

                \tmap z {
                \t\ttype ipv4_addr . inet_service : interval ipv4_addr . inet_service
                \t\tflags interval
                \t\telements = { 1.2.3.4 . 10000-20000 : 192.168.3.4 . 30000-40000 }
                \t}

                \tmap w {
                \t\ttype ipv4_addr : ipv4_addr
                \t\tflags interval
                \t\telements = { 10.141.0.0/24 : 192.168.0.2, * : 192.168.0.3 }
                \t}

                \tchain pre {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\tmeta l4proto { tcp, udp } dnat ip to ip daddr . th dport map @z
                \t}

                \tchain post {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\tsnat ip to ip saddr map @y
                \t\tsnat to ip saddr map @w
                \t\tsnat to ip saddr map { 10.141.0.0/24 : 192.168.0.2, * : 192.168.0.3 }
                \t\tsnat to ip saddr . ip daddr map { 10.141.0.0/24 . 10.0.0.0/8 : 192.168.0.2, * : 192.168.0.3 }
                \t}
                }
                """).check();
        assertThat(listed).contains("snat to ip saddr map { 10.141.0.0/24 : 192.168.0.2, * : 192.168.0.3 }");
    }

    @Test
    void computedAndMaskedKeysAndFlagValues() {
        String listed = ReferenceCheck.of("""
                table inet t {
                \tcounter c0 {
                \t}

                \tmap v {
                \t\ttype mark : verdict
                \t\telements = { 0x00000000 : jump a, 0x00000001 : jump b }
                \t}

                \tmap o {
                \t\ttype mark : counter
                \t\telements = { 0x00000000 : "c0" }
                \t}

                \tchain a {
                \t}

                \tchain b {
                \t}

                \tchain c {
                \t\tmeta mark >> 8 & 0xf vmap @v
                \t\tcounter name meta mark >> 8 & 0xf map @o
                \t\ttcp flags & (fin | syn | rst | ack | urg) == { ack, fin | ack | urg, syn, fin | ack, fin, syn | ack }
                \t\ttcp flags & (ack | urg) vmap { ack : jump a, urg : jump b }
                \t\tct state != established | related | new
                \t\ttcp flags != { fin | ack, syn }
                \t\tct state vmap { new : drop, established | related : accept }
                \t\tmeta pkttype . udp dport vmap { broadcast . 67 : accept, multicast . 1900 : drop, broadcast . 547 : accept }
                \t\tudp dport . ct state { 137 . new, 137 . untracked, 138 . new, 138 . untracked } accept
                \t}
                }
                """).check();
        // flag values joined with |, sorted by their lowest flag; concatenations by nft's order
        assertThat(listed).contains("ct state != established | related | new", "tcp flags != { fin | ack, syn }",
                "ct state vmap { established | related : accept, new : drop }",
                "meta pkttype . udp dport vmap { broadcast . 547 : accept, broadcast . 67 : accept, multicast . 1900 : drop }");
    }

    @Test
    void natPortsAfterATransportFieldInAMapKey() {
        // the udp dport of the map key is the transport protocol match that redirect's ports need
        ReferenceCheck.of("""
                table ip6 t {
                \tchain c {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\tmeta mark set udp dport map { 45548 : 0x1dec6bc0 } redirect to :10333-11177
                \t}

                \tchain p {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\ttcp flags & (fin | syn | rst) == ack masquerade to :47812-48702
                \t}
                }
                """).check();
    }

    @Test
    void tproxyAfterATransportHeaderMatchAndStatementsAfterIt() {
        ReferenceCheck.of("""
                table ip t {
                \tchain c {
                \t\ttype filter hook prerouting priority mangle; policy accept;
                \t\ttcp dport 80 tproxy to :20000 meta mark set 0x00000001 accept
                \t}
                }
                """).check();
    }
}
