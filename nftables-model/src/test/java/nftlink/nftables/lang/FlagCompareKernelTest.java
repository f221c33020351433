package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ==} written out on a flag field compares the value exactly, where the bare value tests for any of its flags
 * (issue 15): in text, JSON, bytecode and listing as nft 1.1.3 has them ({@code tcp flags == syn}, one flag by
 * name; {@code tcp flags == 0x12}, other values of a header field as a number; a ct key's flags without the
 * operator; a mask of every flag left out).
 */
@KernelTest
class FlagCompareKernelTest {

    @Test
    void anExplicitEqualityComparesTheFlagsExactly() {
        String listed = ReferenceCheck.of("""
                table inet f {
                \tchain c {
                \t\ttcp flags == syn
                \t\ttcp flags syn
                \t\ttcp flags == syn | ack
                \t\ttcp flags == 0
                \t\ttcp flags & (fin | syn | rst | psh | ack | urg | ecn | cwr) == fin | syn | rst | psh | ack | urg | ecn | cwr
                \t\ttcp flags & (fin | syn | rst | psh | ack | urg | ecn | cwr) == syn
                \t\ttcp flags != syn
                \t\tct state == new
                \t\tct state new
                \t\tct status == assured | confirmed
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\ttcp flags == syn\n", "\t\ttcp flags syn\n", "\t\ttcp flags == 0x12\n",
                "\t\ttcp flags == 0xff\n", "\t\tct state == new\n", "\t\tct status assured | confirmed\n");
    }
}
