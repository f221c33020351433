package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * A mark set from the packet, against nft-ref in every direction (issue 15): nft sets a mark from any integer-based
 * value whatever its length, and swaps a network-order header field to host order first ({@code meta mark set ip
 * saddr} is {@code ntoh(reg 1, 4, 4)}, {@code ip6 saddr} {@code ntoh(reg 1, 8, 16)}); nftlink refused the other
 * lengths and wrote the address without the swap, a different mark.
 */
@KernelTest
class MarkFromFieldKernelTest {

    @Test
    void marksTakeIntegerValuesInHostOrder() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tmeta mark set ip saddr
                \t\tct mark set ip daddr
                \t\tmeta mark set meta skuid
                \t\tmeta mark set meta length
                \t\tmeta mark set meta nfproto
                \t\tmeta mark set meta l4proto
                \t\tmeta mark set ip protocol
                \t\tmeta mark set ip6 saddr
                \t\tmeta mark set tcp dport
                \t\tmeta mark set ether type
                \t\tct mark set ip6 saddr
                \t\tct mark set tcp dport
                \t\tct mark set meta mark
                \t\tmeta mark set ct mark
                \t}
                }
                """).check();
    }
}
