package nftlink.nftables.lang;

import nftlink.nftables.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ethernet addresses as nft reads and prints them; text that is none fails with the library's message. */
class EtherAddressTest {

    @Test
    void readsAndPrintsSixHexBytes() {
        assertThat(EtherAddress.parse("00:11:22:33:44:5f")).isEqualTo(Bytes.of(0x00, 0x11, 0x22, 0x33, 0x44, 0x5f));
        assertThat(EtherAddress.parse("0:1:a:B:c:D")).isEqualTo(Bytes.of(0, 1, 0x0a, 0x0b, 0x0c, 0x0d));
        assertThat(EtherAddress.print(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x5f})).isEqualTo("00:11:22:33:44:5f");
    }

    /** The front-end fuzz test found {@code 0.0:11:22:33:44:55} failing with NumberFormatException's words. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0:11:22:33:44:55", "00:11:22:33:44", ":11:22:33:44:55", "100:11:22:33:44:55",
            "+1:11:22:33:44:55", "g0:11:22:33:44:55", "00:11:22:33:44:55:66"})
    void refusesWhatIsNoEthernetAddress(String text) {
        assertThatThrownBy(() -> EtherAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an Ethernet address: " + text);
    }
}
