package nftlink.nftables.json;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.ObjectDefinition;
import nftlink.testing.NftRef;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ct helpers, ct timeouts, ct expectations, synproxies and typeof sets and maps in JSON, against
 * {@code nft -j} (nft-ref, 1.1.3): rendered as nft renders them, and nft's own document applied by the library gives
 * back the rule set it was listed from. Flowtables and secmarks, which this kernel cannot hold, are checked
 * against what the nft-syntax parser (itself checked against nft's request bytes) makes of the same
 * declarations.
 */
@KernelTest
class JsonCtObjectsAndFlowtablesKernelTest {

    static final String RULESET = """
            table inet t {
            \tct helper h { type "ftp" protocol tcp; l3proto inet; }
            \tct helper h0 { type "sip" protocol udp; comment "x"; }
            \tct timeout tt { protocol tcp; l3proto ip; policy = { established: 100, close: 4 }; }
            \tct timeout tu { protocol udp; l3proto ip6; policy = { replied : 20 }; }
            \tct timeout td { protocol tcp; l3proto inet; }
            \tct expectation e { protocol tcp; dport 2121; timeout 1m; size 12; l3proto ip; }
            \tsynproxy s { mss 1460; wscale 7; timestamp sack-perm; }
            \tsynproxy s2 { mss 1400; wscale 2; }
            \tsynproxy s3 { mss 536; wscale 0; sack-perm; }
            \tcounter c { packets 1 bytes 2 }
            \tset ts { typeof ip saddr . tcp dport; elements = { 10.0.0.1 . 22 }; }
            \tmap tm { typeof ip saddr : meta mark; elements = { 10.0.0.1 : 0x10 }; }
            \tmap tv { typeof ip daddr : verdict; }
            \tchain c { type filter hook input priority filter; policy accept; }
            }
            table ip u {
            \tct helper h2 { type "ftp" protocol tcp; }
            \tct expectation ex { protocol udp; dport 69; timeout 500ms; size 3; }
            }
            """;

    private static final JsonParser PARSER = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE);

    @Test
    void objectsRenderAndApplyLikeNft(TestNamespace source) {
        NftRef.script(source, RULESET).orThrow();
        String nft = NftRef.json(source, JsonRenderer.metainfo().toJson(), "list", "ruleset");
        assertThat(nft).contains("\"ct helper\"", "\"ct timeout\"", "\"ct expectation\"", "\"synproxy\"");
        try (NetworkNamespace n = source.open(); Nftables lib = Nftables.open(n)) {
            assertThat(JsonRenderer.DEFAULT.render(RulesetListing.read(lib)) + "\n").isEqualTo(nft);
        }
        // the library's application of nft's document is compared with the namespace it was listed from
        // (with plain types for the typeof map of marks: nft's JSON gives a map's data by datatype only, and
        // nft 1.1.3 lists a map whose data has no typeof with plain types; verdicts after a typeof key can
        // only have been declared 'typeof KEY : verdict', which the library reads back)
        try (TestNamespace ours = TestNamespace.create(); TestNamespace typed = TestNamespace.create()) {
            try (NetworkNamespace n = ours.open(); Nftables lib = Nftables.open(n)) {
                lib.transaction().addAll(PARSER.parse(nft)).commit();
            }
            NftRef.script(typed, RULESET.replace("typeof ip saddr : meta mark", "type ipv4_addr : mark")).orThrow();
            assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(typed, "list", "ruleset").orThrow());
            String meta = JsonRenderer.metainfo().toJson();
            assertThat(NftRef.json(ours, meta, "list", "ruleset").replaceAll("\"handle\": \\d+", "H"))
                    .isEqualTo(NftRef.json(typed, meta, "list", "ruleset").replaceAll("\"handle\": \\d+", "H"));
        }
    }

    @Test
    void deletesLikeNft(TestNamespace ours, TestNamespace theirs) {
        String delete = """
                {"nftables": [{"delete": {"ct helper": {"family": "inet", "table": "t", "name": "h"}}},
                 {"delete": {"synproxy": {"family": "inet", "table": "t", "name": "s2"}}},
                 {"delete": {"ct timeout": {"family": "inet", "table": "t", "name": "td"}}},
                 {"delete": {"ct expectation": {"family": "ip", "table": "u", "name": "ex"}}}]}
                """;
        NftRef.script(ours, RULESET).orThrow();
        NftRef.script(theirs, RULESET).orThrow();
        try (NetworkNamespace n = ours.open(); Nftables lib = Nftables.open(n)) {
            lib.transaction().addAll(PARSER.parse(delete)).commit();
        }
        // nft 1.1.3 fails to delete a ct expectation given in JSON (EINVAL): the same deletions in its own syntax
        NftRef.script(theirs, "delete ct helper inet t h\ndelete synproxy inet t s2\ndelete ct timeout inet t td\n"
                + "delete ct expectation ip u ex\n").orThrow();
        String listed = NftRef.run(ours, "list", "ruleset").orThrow();
        assertThat(listed).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow()).doesNotContain("ct helper h {", "synproxy s2");
    }

    @Test
    void flowtablesAndSecmarksReadAsTheirNftSyntax() {
        String json = """
                {"nftables": [{"table": {"family": "inet", "name": "t"}},
                 {"secmark": {"family": "inet", "name": "m", "table": "t", "context": "system_u:object_r:ssh_server_packet_t:s0"}},
                 {"flowtable": {"family": "inet", "name": "f", "table": "t", "hook": "ingress", "prio": 5, "dev": ["lo", "eth0"]}},
                 {"flowtable": {"family": "inet", "name": "g", "table": "t", "hook": "ingress", "prio": "filter", "dev": "lo"}}]}
                """;
        List<NftOperation> ops = PARSER.parse(json);
        List<NftOperation> text = new NftParser(CgroupPathResolver.none(), SetLookup.NONE).parse("""
                table inet t {
                \tflowtable f { hook ingress priority filter + 5; devices = { lo, eth0 }; }
                \tflowtable g { hook ingress priority filter; devices = { lo }; }
                \tsecmark m { "system_u:object_r:ssh_server_packet_t:s0" }
                }
                """, "same.nft").operations();
        assertThat(ops).hasSize(4).isEqualTo(text);
        Flowtable f = ((NftOperation.AddFlowtable) ops.get(2)).flowtable();
        assertThat(JsonRenderer.DEFAULT.flowtable(f).toJson()).isEqualTo(
                "{\"flowtable\": {\"family\": \"inet\", \"name\": \"f\", \"table\": \"t\", \"handle\": 0, \"hook\": \"ingress\", "
                        + "\"prio\": 5, \"dev\": [\"lo\", \"eth0\"]}}");
        Flowtable g = ((NftOperation.AddFlowtable) ops.get(3)).flowtable();
        assertThat(JsonRenderer.DEFAULT.flowtable(g).toJson()).endsWith("\"prio\": 0, \"dev\": \"lo\"}}");
        NftObject m = ((NftOperation.AddObject) ops.get(1)).nftObject();
        assertThat(m.data()).isEqualTo(new ObjectDefinition.Secmark("system_u:object_r:ssh_server_packet_t:s0"));
        assertThat(JsonRenderer.DEFAULT.object(m).toJson()).isEqualTo("{\"secmark\": {\"family\": \"inet\", \"name\": \"m\", "
                + "\"table\": \"t\", \"handle\": 0, \"context\": \"system_u:object_r:ssh_server_packet_t:s0\"}}");
        // what the renderer prints parses back to the same operations
        String back = "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"t\"}}, "
                + JsonRenderer.DEFAULT.object(m).toJson() + ", "
                + JsonRenderer.DEFAULT.flowtable(f).toJson() + ", " + JsonRenderer.DEFAULT.flowtable(g).toJson() + "]}";
        assertThat(PARSER.parse(back)).isEqualTo(ops);
    }

    @Test
    void errorsNameThePath() {
        assertThatError("{\"nftables\": [{\"ct helper\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"h\", "
                + "\"type\": \"ftp\", \"protocol\": \"tcp\", \"l3proto\": \"ipx\"}}]}").contains("$.nftables[0].ct helper.l3proto: unknown family \"ipx\"");
        assertThatError("{\"nftables\": [{\"synproxy\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"s\", "
                + "\"mss\": 1460, \"flags\": [\"ecn\"]}}]}").contains("unknown synproxy flag \"ecn\"");
        assertThatError("{\"nftables\": [{\"flowtable\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"f\", "
                + "\"hook\": \"egress\", \"prio\": 0}}]}").contains("a flowtable hooks ingress");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThatError(String json) {
        JsonException e = org.assertj.core.api.Assertions.catchThrowableOfType(JsonException.class, () -> PARSER.parse(json));
        assertThat(e).as("no error for %s", json).isNotNull();
        return assertThat(e.getMessage());
    }
}
