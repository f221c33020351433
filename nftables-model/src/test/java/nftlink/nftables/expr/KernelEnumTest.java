package nftlink.nftables.expr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nftlink.nftables.NfTablesUapi.NFT_CMP_GTE;
import static nftlink.nftables.NfTablesUapi.NFT_CT_ID;
import static nftlink.nftables.NfTablesUapi.NFT_EXTHDR_OP_DCCP;
import static nftlink.nftables.NfTablesUapi.NFT_FIB_RESULT_ADDRTYPE;
import static nftlink.nftables.NfTablesUapi.NFT_RT_XFRM;
import static nftlink.nftables.NfTablesUapi.NFT_SOCKET_CGROUPV2;
import static nftlink.nftables.NfTablesUapi.NFT_XFRM_KEY_SPI;
import static nftlink.nftables.NfTablesUapi.IP_CT_DIR_REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kernel enums of the expressions: every constant is found by its number and
 * by its name, the numbers are the kernel's, and a lookup that fails names the
 * expression and the enum as the messages did before they shared one lookup.
 */
class KernelEnumTest {

    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(Meta.Key.class, Ct.Key.class,
            Ct.Direction.class, Rt.Key.class, Socket.Key.class, Xfrm.Key.class, Xfrm.Direction.class, Fib.Result.class,
            Byteorder.Op.class, Range.Op.class, Numgen.Type.class, Cmp.Op.class, Payload.Base.class, Exthdr.Op.class);

    @Test
    void everyConstantIsFoundByNumberAndByName() {
        for (Class<? extends Enum<?>> type : ENUMS) {
            for (Enum<?> e : type.getEnumConstants()) {
                KernelEnum k = (KernelEnum) e;
                assertThat(lookupNumber(type, k.number())).as("%s", e).isSameAs(e);
                if (!k.text().isEmpty()) {
                    assertThat(lookupText(type, k.text())).as("%s", e).isSameAs(e);
                }
                assertThat(k.kernelName().text()).isEqualTo(k.text());
            }
        }
    }

    @Test
    void numbersAreTheKernels() {
        assertThat(Meta.Key.BRI_BROUTE.number()).isEqualTo(Meta.Key.values().length - 1);
        assertThat(Ct.Key.ID.number()).isEqualTo(NFT_CT_ID);
        assertThat(Ct.Direction.REPLY.number()).isEqualTo(IP_CT_DIR_REPLY);
        assertThat(Rt.Key.XFRM.number()).isEqualTo(NFT_RT_XFRM);
        assertThat(Socket.Key.CGROUPV2.number()).isEqualTo(NFT_SOCKET_CGROUPV2);
        assertThat(Xfrm.Key.SPI.number()).isEqualTo(NFT_XFRM_KEY_SPI);
        assertThat(Fib.Result.ADDRTYPE.number()).isEqualTo(NFT_FIB_RESULT_ADDRTYPE);
        assertThat(Cmp.Op.GTE.number()).isEqualTo(NFT_CMP_GTE);
        assertThat(Exthdr.Op.DCCP.number()).isEqualTo(NFT_EXTHDR_OP_DCCP);
    }

    @Test
    void loadKeysKeepTheirLengths() {
        assertThat(Meta.Key.IIFNAME.length()).isEqualTo(16);
        assertThat(Ct.Key.PKTS.length()).isEqualTo(8);
        assertThat(Rt.Key.NEXTHOP6.length()).isEqualTo(16);
        assertThat(Socket.Key.CGROUPV2.length()).isEqualTo(8);
        assertThat(Xfrm.Key.DADDR_IP6.length()).isEqualTo(16);
        assertThat(Fib.Result.OIFNAME.length()).isEqualTo(16);
    }

    @Test
    void failedLookupsNameTheExpressionAndTheEnum() {
        assertThatThrownBy(() -> KernelEnum.byNumber(Rt.Key.class, 99)).hasMessage("unknown rt key 99");
        assertThatThrownBy(() -> KernelEnum.byNumber(Ct.Direction.class, 2)).hasMessage("unknown ct direction 2");
        assertThatThrownBy(() -> KernelEnum.byNumber(Fib.Result.class, 0)).hasMessage("unknown fib result 0");
        assertThatThrownBy(() -> KernelEnum.byText(Numgen.Type.class, "seq")).hasMessage("unknown numgen type seq");
        assertThatThrownBy(() -> KernelEnum.byText(Payload.Base.class, "ll")).hasMessage("unknown payload base ll");
        assertThatThrownBy(() -> KernelEnum.byText(Xfrm.Direction.class, "fwd"))
                .hasMessage("unknown xfrm direction fwd");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object lookupNumber(Class type, int number) {
        return KernelEnum.byNumber(type, number);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object lookupText(Class type, String text) {
        return KernelEnum.byText(type, text);
    }
}
