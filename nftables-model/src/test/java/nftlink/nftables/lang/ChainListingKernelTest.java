package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables and base chains as nft 1.1.3 writes, lists and prints them in JSON: standard priority names where
 * 1.1.3 takes them ({@code dstnat} on output, {@code srcnat} on input), the devices of a netdev chain sorted,
 * table flags and comments and chain comments and devices in JSON.
 */
@KernelTest
class ChainListingKernelTest {

    @Test
    void natPrioritiesHaveTheirNamesOnEveryHookNftNamesThemOn() {
        String listed = ReferenceCheck.of("""
                table inet t {
                \tchain out {
                \t\ttype nat hook output priority -100; policy accept;
                \t}

                \tchain in {
                \t\ttype nat hook input priority 100; policy accept;
                \t}

                \tchain in2 {
                \t\ttype nat hook input priority srcnat + 3; policy accept;
                \t}

                \tchain f {
                \t\ttype filter hook input priority -100; policy accept;
                \t}
                }
                """).check();
        assertThat(listed).contains("type nat hook output priority dstnat;", "type nat hook input priority srcnat;",
                "priority srcnat + 3;", "type filter hook input priority -100;");
    }

    @Test
    void devicesAreListedSortedAndTablesAndChainsCarryTheirFlagsAndComments() {
        String listed = ReferenceCheck.of("""
                table netdev t {
                \tcomment "the table"
                \tchain c {
                \t\tcomment "the chain"
                \t\ttype filter hook ingress devices = { lo, zz, d1, a9 } priority filter; policy accept;
                \t}

                \tchain one {
                \t\ttype filter hook ingress device "d1" priority filter + 1; policy drop;
                \t}
                }
                table ip u {
                \tflags dormant
                \tchain c {
                \t}
                }
                """).devices("zz", "d1", "a9").check();
        assertThat(listed).contains("devices = { a9, d1, lo, zz }");
    }
}
