package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * Several constants applied to a value set from the packet, against nft-ref in every direction (issue 15): nft applies
 * them with its precedence ({@code &} before {@code ^} before {@code |}) in one mask and xor, and lists a mask and xor
 * that are no single operation split as {@code & M ^ X | O}; a network-order field narrower than a mark is swapped to
 * host order before the constants apply. nftlink joined {@code ip saddr & 0.0.0.255 | 0.0.0.1} into one mask and
 * masked {@code tcp dport} before the swap (different marks), and listed nft's rules as raw text.
 */
@KernelTest
class ConstantOperationsKernelTest {

    @Test
    void constantsApplyWithNftsPrecedence() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tct mark set ip saddr & 0.0.0.255 | 0.0.0.1
                \t\tct mark set ct mark & 0xff | 0x100
                \t\tct mark set ct mark & 0xff ^ 0x3
                \t\tct mark set ct mark ^ 0x3 & 0xff
                \t\tmeta mark set meta mark | 0x10 & 0xff
                \t\tct mark set ct mark | 0x1 | 0x2
                \t\tct mark set ct mark & 0xffff0000 | meta mark & 0xffff
                \t}
                }
                """).check();
    }

    /**
     * nft turns a field narrower than the mark into a host-order number first (swapping a network-order one of two
     * bytes or more), then applies 32-bit constants.
     */
    @Test
    void narrowerNetworkFieldsAreSwappedBeforeTheConstants() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tmeta mark set tcp dport & 0xff
                \t\tmeta mark set tcp dport | 0x100
                \t\tct mark set tcp dport ^ 0x3
                \t\tmeta mark set ether type and 0xff
                \t\tmeta mark set ct original proto-src and 0xff
                \t\tmeta mark set tcp dport & 0xff | 0x100
                \t\tmeta mark set ip ttl & 0xf
                \t\tmeta mark set meta iiftype & 0xff
                \t\tmeta mark set meta nfproto & 0x3
                \t}
                }
                """).check();
    }
}
