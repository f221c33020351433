package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Userdata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ExpressionDescription} against nft 1.1.3's text (CommandParityKernelTest compares many more with nft-ref). */
class ExpressionDescriptionTest {

    @Test
    void describesAsNft113() {
        assertThat(ExpressionDescription.describe(List.of("tcp", "dport"))).contains(
                "payload expression, datatype inet_service (internet network service) (basetype integer), 16 bits\n");
        assertThat(ExpressionDescription.describe(List.of("meta", "iifname"))).contains(
                "meta expression, datatype ifname (network interface name) (basetype string), 16 characters\n");
        assertThat(ExpressionDescription.describe(List.of("ct", "state"))).contains("""
                ct expression, datatype ct_state (conntrack state) (basetype bitmask, integer), 32 bits

                pre-defined symbolic constants (in hexadecimal):
                \tinvalid                       \t0x00000001
                \tnew                           \t0x00000008
                \testablished                   \t0x00000002
                \trelated                       \t0x00000004
                \tuntracked                     \t0x00000040
                """);
        assertThat(ExpressionDescription.describe(List.of("ct", "direction")).orElseThrow()).endsWith("""
                pre-defined symbolic constants (in decimal):
                \toriginal                      \t                   0
                \treply                         \t                   1
                """);
        assertThat(ExpressionDescription.describe(List.of("ip", "length"))).contains("payload expression, datatype integer (integer), 16 bits\n");
        assertThat(ExpressionDescription.describe(List.of("frob", "nicate"))).isEmpty();
    }

    @Test
    void userdataLeavesOutOneType() {
        byte[] both = {(byte) NfTablesUapi.NFTNL_UDATA_SET_COMMENT, 2, 'x', 0, 1, 1, 5};
        assertThat(Userdata.without(both, NfTablesUapi.NFTNL_UDATA_SET_COMMENT)).containsExactly(1, 1, 5);
        assertThat(Userdata.without(null, 7)).isNull();
    }
}
