package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators and values as nft 1.1.3 reads them, checked against nft-ref in every direction: bitwise operators
 * without spaces ({@code tcp flags & (fin|syn|rst|ack) != syn}), a map key against its colon
 * ({@code untracked: accept}), ranges of quoted values ({@code meta time "..."-"..."}), {@code xor} in a value set
 * from the packet, and a constant applied before a shift ({@code ct mark set (meta mark | 0x10) << 8}).
 */
@KernelTest
class OperatorSyntaxKernelTest {

    @Test
    void operatorsAndValuesBothWays() {
        // meta time prints in the local time zone (no TimeZoneScope.call), which nft-ref takes from the environment
        operatorsAndValues();
    }

    private static void operatorsAndValues() {
        String listed = ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\ttype filter hook input priority filter; policy accept;
                \t\ttcp flags & (fin|syn|rst|ack) != syn drop
                \t\ttcp flags syn|ack accept
                \t\tmeta mark&0xff == 0x1 accept
                \t\tct state vmap { established : accept, untracked: accept, invalid:drop }
                \t\tmeta time "2022-05-30 21:51:23"-"2022-06-01 23:51:23" accept
                \t\tmeta mark set meta mark xor 0x4000
                \t\tct mark set ct mark ^ 0x10
                \t\tct mark set (meta mark | 0x10) << 8
                \t\tmeta mark set (ct mark & 0xff) << 16
                \t\tct mark set (meta mark ^ 0x3) >> 2 & 0xff
                \t}
                }
                """).check();
        assertThat(listed).contains("tcp flags & (fin | syn | rst | ack) != syn drop",
                "ct state vmap { invalid : drop, established : accept, untracked : accept }",
                "meta mark set meta mark ^ 0x00004000", "ct mark set (meta mark | 0x00000010) << 8");
    }

    /**
     * A prefix of a header field's number ({@code ip ttl 64/4}, {@code tcp dport 22/8}) is read as nft 1.1.3 reads it:
     * a mask, or a shorter load for whole bytes, which nft lists as {@code tcp dport 0/8}; nftlink refused the syntax
     * and listed the shorter load raw. ({@code ether type 0x0800/8} in inet makes nft-ref's listing crash.)
     */
    @Test
    void prefixesOfHeaderNumbers() {
        ReferenceCheck.of("""
                table ip t {
                \tchain c {
                \t\tip ttl 64/4
                \t\ttcp dport 22/8
                \t\ttcp dport { 1024/6 }
                \t}
                }
                table inet i {
                \tchain c {
                \t\ttcp sport 0x1000/4 accept
                \t\tip6 hoplimit 64/2
                \t\tudp length 0x100/8
                \t}
                }
                """).check();
    }
}
