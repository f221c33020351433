package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.nftables.json.JsonParser;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set that a rule of the same batch updates from the packet path gets the {@code dynamic} flag
 * (NFT_SET_EVAL) nft adds: without it the kernel refuses {@code add @s { ip saddr limit ... }}
 * (EOPNOTSUPP). From nft text and from nft-ref's JSON, listed as nft-ref lists its own. (A map that a map
 * statement updates keeps its flags, as in nft: ShellDumpConformanceTest's maps/typeof_maps_update_0.)
 */
@KernelTest
class DynamicSetKernelTest {

    @ParameterizedTest
    @ValueSource(strings = {"add @s { ip saddr limit rate 10/second } accept", "update @s { ip saddr counter }",
            "add @s { ip saddr }"})
    void aSetUpdatedByARuleOfTheSameBatchIsDynamic(String rule, TestNamespace ns, TestNamespace theirs) {
        String text = """
                table ip t {
                \tset s {
                \t\ttype ipv4_addr
                \t\tsize 65535
                \t}
                \tmap m {
                \t\ttype ipv4_addr : mark
                \t}
                \tchain c {
                \t\ttype filter hook input priority filter; policy accept;
                \t\tRULE
                \t}
                }
                """.replace("RULE", rule);
        NftRef.apply(theirs, text);
        String expected = NftRef.list(theirs);
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            nft.transaction().addAll(new NftParser(CgroupPathResolver.none(), SetLookup.NONE).parse(text, "dyn.nft")
                    .operations()).commit();
        }
        assertThat(NftRef.list(ns)).isEqualTo(expected);
        String json = NftRef.listJson(theirs);
        NftRef.run(ns, "flush", "ruleset").orThrow();
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            // nft lists the flag it added: the document without it is what a user writes
            String written = json.replaceAll(",? \"flags\": \\[?\"dynamic\"\\]?", "");
            assertThat(written).doesNotContain("dynamic");
            nft.transaction().addAll(new JsonParser(CgroupPathResolver.none(), SetLookup.NONE).parse(written)).commit();
        }
        assertThat(NftRef.list(ns)).isEqualTo(expected);
    }
}
