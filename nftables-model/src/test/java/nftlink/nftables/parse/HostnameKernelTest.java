package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With resolution enabled, {@code localhost} (from /etc/hosts) compiles to what nft makes of it. */
@KernelTest
class HostnameKernelTest {

    @Test
    void localhostAsNftResolvesIt(TestNamespace ns, TestNamespace other) {
        String script = "table ip t {\n\tchain c {\n\t\tip daddr localhost accept\n\t\tip saddr { localhost, 10.0.0.1 } drop\n\t}\n}\n";
        NftRef.script(ns, script).orThrow();
        NftParser parser = new NftParser(CgroupPathResolver.none(), SetLookup.NONE).withHostnameResolution(true);
        try (NetworkNamespace handle = other.open(); Nftables nft = Nftables.open(handle)) {
            nft.transaction().addAll(parser.parse(script, "hosts.nft").operations()).commit();
        }
        String expected = NftRef.run(ns, "list", "ruleset").orThrow();
        assertThat(expected).contains("ip daddr 127.0.0.1 accept");
        assertThat(NftRef.run(other, "list", "ruleset").orThrow()).isEqualTo(expected);
    }
}
