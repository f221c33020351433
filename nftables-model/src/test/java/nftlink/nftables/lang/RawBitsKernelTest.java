package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw bits that do not fill their bytes list as nft 1.1.3 lists them (issue 15): {@code @nh,1,2 0x2} rather than the
 * masked byte, for the network, transport and inner headers; the link-layer header's stay masked, as nft keeps them.
 */
@KernelTest
class RawBitsKernelTest {

    @Test
    void subByteRawPayloadsListAsBits() {
        String listed = ReferenceCheck.of("""
                table inet r {
                \tchain c {
                \t\t@nh,1,2 0x2
                \t\t@th,35,3 0x2
                \t\t@nh,3,1 0x0
                \t\t@nh,1,2 != 0x3
                \t\t@ih,1,2 0x2
                \t\t@ih,58,6 0x0 @ih,86,6 0x0 @ih,170,22 0x0
                \t\t@ll,0,1 1
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\t@nh,1,2 0x2\n", "\t\t@ih,58,6 0x0 @ih,86,6 0x0 @ih,170,22 0x0\n",
                "\t\t@ll,0,8 & 0x80 == 0x80\n");
    }
}
