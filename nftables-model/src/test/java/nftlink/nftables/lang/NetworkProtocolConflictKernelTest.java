package nftlink.nftables.lang;

import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules nft 1.1.3 refuses for the network protocol they name, refused by nftlink with nft's words, and their
 * neighbours both accept (issue 15): a network header after a match that named another network protocol, and
 * {@code meta nfproto} outside inet tables.
 */
@KernelTest
class NetworkProtocolConflictKernelTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bridge | meta protocol ip6 ip saddr 1.2.3.4 accept                      | conflicting network layer protocols specified: ip6 vs. ip
            netdev | ether type ip6 ip saddr 1.2.3.4 accept                         | conflicting network layer protocols specified: ip6 vs. ip
            bridge | meta protocol ip6 vlan id 1 ip saddr 1.2.3.4 accept            | conflicting network layer protocols specified: ip6 vs. ip
            inet   | meta nfproto ipv4 ip6 saddr ::1 accept                         | conflicting network layer protocols specified: ip vs. ip6
            inet   | ether type ip6 ip saddr 1.2.3.4 accept                         | conflicting network layer protocols specified: ip6 vs. ip
            ip     | meta nfproto ipv4 accept                                       | meta nfproto is only useful in the inet family
            bridge | meta nfproto ipv6 accept                                       | meta nfproto is only useful in the inet family
            bridge | meta protocol ip6 vlan id 1 vlan type ip ip saddr 1.2.3.4 accept |
            inet   | meta protocol ip6 ip saddr 1.2.3.4 accept                      |
            inet   | meta nfproto ipv4 icmpv6 type echo-request accept              |
            ip     | meta protocol ip6 ip saddr 1.2.3.4 accept                      |
            """)
    void refusedWhereNftRefusesIt(String family, String rule, String error, TestNamespace ns) {
        String text = "table " + family + " t {\n\tchain c {\n\t\t" + rule + "\n\t}\n}\n";
        TestNamespace.Result reference = NftRef.input(ns, text, "-c", "-f", "-");
        if (error == null) {
            assertThat(reference.exitCode()).as(reference.stderr()).isZero();
            NftParser.standard().parse(text, "<test>");
        } else {
            assertThat(reference.stderr()).as("nft-ref refuses it").contains("Error: " + error);
            assertThatThrownBy(() -> NftParser.standard().parse(text, "<test>"))
                    .isInstanceOf(NftParseException.class).hasMessageContaining(error);
        }
    }
}
