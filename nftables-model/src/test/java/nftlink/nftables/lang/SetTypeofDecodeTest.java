package nftlink.nftables.lang;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A typeof description as nft writes it into a set's userdata, read back; one with any byte changed reads
 * as some field or as none, never as an exception (DecoderFuzzProperties found an inner description naming
 * no tunnel nft knows, which threw a NullPointerException).
 */
class SetTypeofDecodeTest {

    @Test
    void aTunnelFieldReadsBackAndAnyOneByteChangeReadsAsAFieldOrNone() {
        Field ipInVxlan = new InnerField(InnerField.Tunnel.VXLAN, Fields.header("ip", "saddr").orElseThrow());
        Field ipInGre = new InnerField(InnerField.Tunnel.GRE, Fields.header("ip", "saddr").orElseThrow());
        Field metaInGeneve = new InnerField(InnerField.Tunnel.GENEVE, MetaField.L4PROTO);
        for (Field f : new Field[] {ipInVxlan, ipInGre, metaInGeneve}) {
            byte[] description = SetTypeof.describe(f);
            assertThat(SetTypeof.field(description)).isEqualTo(f);
            for (int at = 0; at < description.length; at++) {
                for (int value : new int[] {0, 1, 2, 7, 0x7f, 0x80, 0xff}) {
                    byte[] changed = description.clone();
                    changed[at] = (byte) value;
                    assertThatCode(() -> SetTypeof.field(changed)).as("%s with byte %d = %d", f.text(), at, value)
                            .doesNotThrowAnyException();
                }
            }
        }
    }
}
