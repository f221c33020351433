package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * Stateful statements in the elements of anonymous sets and verdict maps ({@code meta mark { 10 counter }},
 * {@code ct state vmap { invalid counter : drop }}), as nft 1.1.3's optimizer writes them: each element's
 * {@code NFTA_SET_ELEM_EXPRESSIONS}, listed after the key, in JSON as {@code {"elem": {"val": ..., "counter":
 * {...}}}}; checked against nft-ref in every direction (listing, bytecode, JSON both ways).
 */
@KernelTest
class AnonymousElementStatementKernelTest {

    @Test
    void countersInTheElementsOfAnAnonymousSet() {
        ReferenceCheck.of("""
                table ip t {
                \tchain c {
                \t\tmeta mark { 0x0000000a counter packets 0 bytes 0 }
                \t\ttcp dport { 22 counter packets 0 bytes 0, 80, 443 counter packets 0 bytes 0 } accept
                \t\tip saddr { 10.0.0.0/8 counter packets 0 bytes 0, 192.168.1.1 } drop
                \t}
                }
                """).check();
    }

    @Test
    void countersInTheElementsOfAnAnonymousVerdictMap() {
        ReferenceCheck.of("""
                table ip x {
                \tchain y {
                \t\ttype filter hook input priority filter; policy drop;
                \t\tct state vmap { invalid counter packets 0 bytes 0 : drop, established counter packets 0 bytes 0 : accept, related counter packets 0 bytes 0 : accept }
                \t\tip saddr vmap { 1.1.1.1 counter packets 0 bytes 0 : accept, 1.1.1.2 counter packets 0 bytes 0 : drop }
                \t\tip saddr . ip daddr vmap { 1.1.1.1 . 2.2.2.2 counter packets 0 bytes 0 : accept, 1.1.1.2 . 3.3.3.3 : drop }
                \t\ttcp dport vmap { 1-1023 counter packets 0 bytes 0 : drop, 8080 : accept }
                \t}
                }
                """).check();
    }

    @Test
    void concatenationsListInNftsOrder() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tmeta l4proto . ip daddr . tcp dport { tcp . 172.30.33.71 . 3306, tcp . 172.30.238.117 . 8080, tcp . 172.30.254.251 . 3306 } drop
                \t\tmeta pkttype . udp dport vmap { broadcast . 67 : accept, broadcast . 547 : accept, multicast . 1900 : drop }
                \t}
                }
                """).check();
    }
}
