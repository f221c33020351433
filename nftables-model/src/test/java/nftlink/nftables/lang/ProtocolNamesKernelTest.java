package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * IP protocols nft knows only from {@code /etc/protocols} (getprotobynumber, getprotobyname: 88 {@code eigrp},
 * 22 {@code xns-idp}) named as nft 1.1.3 names them (issue 15): in text and JSON listings of {@code ip protocol},
 * {@code ip6 nexthdr}, {@code meta l4proto}, {@code ct protocol} and extension header next headers, in sets, and
 * read back by name; checked against nft-ref in every direction.
 */
@KernelTest
class ProtocolNamesKernelTest {

    @Test
    void protocolsFromEtcProtocolsAreNamedAndReadAsNftDoes() throws IOException {
        Path protocols = Path.of("/etc/protocols");
        assumeTrue(Files.isReadable(protocols) && Files.readString(protocols).contains("eigrp"), "an /etc/protocols naming eigrp");
        String listed = ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tip protocol 88
                \t\tip protocol xns-idp
                \t\tip6 nexthdr eigrp
                \t\tmeta l4proto 22
                \t\tmeta l4proto { 22, 88, 6, 200 }
                \t\tct original protocol 88
                \t\thbh nexthdr { 33, 88 }
                \t\tip protocol 200
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\tip protocol eigrp\n", "\t\tip protocol xns-idp\n", "\t\tip6 nexthdr eigrp\n",
                "\t\tmeta l4proto xns-idp\n", "\t\tct protocol eigrp\n", "\t\tip protocol 200\n");
    }
}
