package nftlink.nftables.json;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Named counters, quotas and limits and the rules that use them, in JSON, against nft (nft-ref, 1.1.3). */
@KernelTest
class JsonObjectsKernelTest {

    static final String RULESET = """
            table inet o {
              counter c1 { packets 3 bytes 4 }
              counter c2 { comment "cc" }
              quota q1 { over 10 mbytes used 1 mbytes }
              quota q2 { 100 bytes }
              limit l1 { rate 10/second }
              limit l2 { rate over 1 mbytes/minute burst 2 kbytes }
              set s { type ipv4_addr; }
              chain c {
                counter name "c1" quota name q1 limit name "l1"
                ip saddr @s counter name "c2" accept
              }
            }
            """;

    @Test
    void objectsRenderAndApplyLikeNft(TestNamespace source) {
        NftRef.apply(source, RULESET);
        String nft = NftRef.listJson(source);
        try (NetworkNamespace n = source.open(); Nftables lib = Nftables.open(n)) {
            assertThat(JsonRenderer.DEFAULT.render(RulesetListing.read(lib)) + "\n").isEqualTo(nft);
        }
        try (TestNamespace ours = TestNamespace.create(); TestNamespace theirs = TestNamespace.create()) {
            try (NetworkNamespace n = ours.open(); Nftables lib = Nftables.open(n)) {
                lib.transaction().addAll(new JsonParser(CgroupPathResolver.none(), SetLookup.NONE).parse(nft)).commit();
            }
            NftRef.input(theirs, nft, "-j", "-f", "-").orThrow();
            assertThat(NftRef.list(ours)).isEqualTo(NftRef.list(theirs));
            assertThat(NftRef.list(ours)).contains("counter c1 {", "quota q1 {", "limit l2 {",
                    "counter name \"c1\" quota name \"q1\" limit name \"l1\"");
        }
    }
}
