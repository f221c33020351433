package nftlink.nftables.lang;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set and map family against nft 1.1.3 (nft-ref), one rule set per construct (resources
 * {@code sets/*.nft}): set statements, catch-all elements, object maps, typeof of every kind,
 * host-order keys in named and anonymous interval sets and maps, nft's element order and line wrapping, timeouts and comments,
 * interface-name wildcards and IPv4-mapped IPv6 addresses, interval data, ranges of
 * concatenations, auto-merge. Both ways: nft-ref writes and the library lists it byte for byte,
 * in JSON as the same JSON values; the library writes and nft-ref lists the same rule set with
 * the same bytecode and the same set attributes and userdata; nft-ref's JSON read by the library
 * gives what nft-ref makes of it; nft-ref accepts the library's listing.
 */
@KernelTest
class SetFamilyKernelTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final JsonParser JSON = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final String METAINFO = JsonRenderer.metainfo().toJson();

    static String ruleset(String name) {
        try (InputStream in = SetFamilyKernelTest.class.getResourceAsStream("/sets/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no resource sets/" + name, e);
        }
    }

    private static String withoutExpiry(String listing) {
        return listing.replaceAll(" expires \\S+", "").replaceAll(", \"expires\": \\d+", "");
    }

    private static JsonValue jsonWithoutExpiry(String json) {
        return JsonValue.parse(withoutExpiry(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set-statements.nft", "catch-all.nft", "object-maps.nft", "typeof.nft", "host-order-intervals.nft",
            "listing-order.nft", "timeouts-and-comments.nft", "names-and-addresses.nft", "interval-data.nft",
            "concatenated-ranges.nft", "auto-merge.nft", "anonymous-host-order.nft"})
    void nftWritesAndTheLibraryListsItAsNftDoes(String name, TestNamespace ns, TestNamespace check) {
        NftRef.script(ns, ruleset(name)).orThrow();
        String nft = withoutExpiry(NftRef.run(ns, "list", "ruleset").orThrow());
        String json = NftRef.json(ns, METAINFO, "list", "ruleset");
        String listed;
        try (NetworkNamespace n = ns.open(); Nftables lib = Nftables.open(n)) {
            RulesetListing listing = RulesetListing.read(lib);
            listed = listing.render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT);
            assertThat(withoutExpiry(listed)).isEqualTo(nft);
            assertThat(jsonWithoutExpiry(JsonRenderer.DEFAULT.render(listing))).isEqualTo(jsonWithoutExpiry(json));
        }
        TestNamespace.Result accepted = NftRef.input(check, listed, "-c", "-f", "-");
        assertThat(accepted.stderr()).as("nft-ref -c -f accepts the library's listing").isEmpty();
        assertThat(accepted.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"set-statements.nft", "catch-all.nft", "typeof.nft", "host-order-intervals.nft",
            "listing-order.nft", "timeouts-and-comments.nft", "names-and-addresses.nft", "concatenated-ranges.nft",
            "auto-merge.nft", "object-maps.nft", "anonymous-host-order.nft"})
    void theLibraryWritesWhatNftWrites(String name, TestNamespace byNft, TestNamespace byLibrary) {
        String text = ruleset(name);
        NftRef.script(byNft, text).orThrow();
        try (NetworkNamespace n = byLibrary.open(); Nftables lib = Nftables.open(n)) {
            lib.transaction().addAll(PARSER.parse(text, name).operations()).commit();
        }
        assertThat(withoutExpiry(NftRef.run(byLibrary, "list", "ruleset").orThrow()))
                .isEqualTo(withoutExpiry(NftRef.run(byNft, "list", "ruleset").orThrow()));
        assertThat(bytecode(byLibrary)).isEqualTo(bytecode(byNft));
        assertThat(sets(byLibrary)).isEqualTo(sets(byNft));
    }

    /**
     * nft-ref's JSON listing applied by the library gives the rule set it was listed from, set
     * attributes and userdata included. (typeof.nft is left out: nft's JSON gives a map's data by
     * datatype only, and nft 1.1.3 aborts reading its own JSON of {@code typeof udp length . @ih,32,32};
     * set-statements.nft below.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"catch-all.nft", "host-order-intervals.nft", "listing-order.nft", "timeouts-and-comments.nft",
            "names-and-addresses.nft", "concatenated-ranges.nft", "auto-merge.nft", "object-maps.nft",
            "anonymous-host-order.nft"})
    void nftsJsonReadByTheLibraryGivesTheRulesetBack(String name, TestNamespace source, TestNamespace byLibrary) {
        NftRef.script(source, ruleset(name)).orThrow();
        String json = NftRef.run(source, "-j", "list", "ruleset").orThrow();
        try (NetworkNamespace n = byLibrary.open(); Nftables lib = Nftables.open(n)) {
            lib.transaction().addAll(JSON.parse(json)).commit();
        }
        assertThat(withoutExpiry(NftRef.run(byLibrary, "list", "ruleset").orThrow()))
                .isEqualTo(withoutExpiry(NftRef.run(source, "list", "ruleset").orThrow()));
        assertThat(sets(byLibrary)).isEqualTo(sets(source));
    }

    /**
     * Where nft's JSON holds less than the rule set (an element's statements past the first, set y), the
     * library reads it as nft-ref reads it: the set's statements give the element its own. Where it holds
     * an element's statements whole (sets counted and limited), the library keeps them; nft-ref drops them.
     */
    @Test
    void elementStatementsInJson(TestNamespace source, TestNamespace byNft, TestNamespace byLibrary) {
        NftRef.script(source, ruleset("set-statements.nft")).orThrow();
        String json = NftRef.run(source, "-j", "list", "ruleset").orThrow();
        TestNamespace.run(List.of("ip", "netns", "exec", byNft.name(), NftRef.command(), "-j", "-f", "-"), json).orThrow();
        try (NetworkNamespace n = byLibrary.open(); Nftables lib = Nftables.open(n)) {
            lib.transaction().addAll(JSON.parse(json)).commit();
        }
        assertThat(NftRef.run(byLibrary, "list", "set", "ip", "x", "y").orThrow())
                .isEqualTo(NftRef.run(byNft, "list", "set", "ip", "x", "y").orThrow());
        for (String set : List.of("counted", "limited", "new-connlimit")) {
            assertThat(NftRef.run(byLibrary, "list", "set", "ip", "x", set).orThrow())
                    .isEqualTo(NftRef.run(source, "list", "set", "ip", "x", set).orThrow());
        }
        assertThat(NftRef.run(source, "list", "set", "ip", "x", "limited").orThrow()).contains("used 1 mbytes");
    }

    @Test
    void elementsAreDeletedAsNftDeletesThem(TestNamespace byNft, TestNamespace byLibrary) {
        String declare = """
                table ip t {
                  set s { type ipv4_addr; flags interval; elements = { 1.1.1.1, 2.2.2.2, 10.0.0.0/8, 192.168.0.1-192.168.0.9 } }
                  set u { type uid; flags interval; elements = { 1000-1999, 65534 } }
                  map m { type ipv4_addr : verdict; flags interval; elements = { 1.1.1.1 : accept, 2.2.2.2-2.2.2.9 : drop } }
                  map c { type ipv4_addr : mark; elements = { 1.1.1.1 : 0x1, * : 0x2 } }
                  set h { type ipv4_addr; elements = { 3.3.3.3, 4.4.4.4 } }
                }
                """;
        String delete = """
                delete element ip t s { 1.1.1.1, 10.0.0.0/8 }
                delete element ip t u { 1000-1999 }
                delete element ip t m { 2.2.2.2-2.2.2.9 : drop }
                delete element ip t c { * }
                delete element ip t h { 4.4.4.4 }
                """;
        NftRef.script(byNft, declare).orThrow();
        NftRef.script(byNft, delete).orThrow();
        NftRef.script(byLibrary, declare).orThrow();
        try (NetworkNamespace n = byLibrary.open(); Nftables lib = Nftables.open(n)) {
            NftParser parser = new NftParser(CgroupPathResolver.none(), (family, table, set) -> lib.listSets().stream()
                    .filter(x -> x.family() == family && x.table().equals(table) && x.name().equals(set)).findFirst());
            lib.transaction().addAll(parser.parse(delete, "delete.nft").operations()).commit();
        }
        // the end marker below the first interval stays, as nft leaves it
        assertThat(bytecode(byLibrary)).isEqualTo(bytecode(byNft)).contains("ip t @s\n\telement 00000000  : 1 [end]");
        assertThat(NftRef.run(byLibrary, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(byNft, "list", "ruleset").orThrow());
    }

    /**
     * nft-ref's bytecode listing with handles and anonymous set numbers left out and each set's
     * elements sorted (a hash set dumps its elements in the order of its buckets).
     */
    static String bytecode(TestNamespace ns) {
        List<String> out = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        for (String line : NftRef.run(ns, "--debug=netlink", "list", "ruleset").orThrow().split("\n")) {
            String l = line.replaceAll("__(set|map|objmap)\\d+", "__$1N")
                    .replaceAll("^((ip|ip6|inet|arp|bridge|netdev) \\S+ \\S+) \\d+( \\d+)?$", "$1")
                    .replaceAll(" expires \\S+", "");
            if (l.startsWith("\telement ")) {
                elements.add(l);
                continue;
            }
            elements.sort(null);
            out.addAll(elements);
            elements.clear();
            out.add(l);
        }
        elements.sort(null);
        out.addAll(elements);
        return String.join("\n", out);
    }

    /** Every named set's kernel attributes and userdata, by family, table and name. */
    static Map<String, String> sets(TestNamespace ns) {
        Map<String, String> out = new TreeMap<>();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            for (NftSet s : nft.listSets()) {
                if ((s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) != 0) {
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                sb.append("flags=").append(Integer.toHexString(s.flags())).append(" key=").append(s.keyType()).append('/')
                        .append(s.keyLength()).append(" data=").append(Integer.toHexString(s.dataType())).append('/')
                        .append(s.dataLength()).append(" object=").append(s.objectType()).append(" policy=").append(s.policy())
                        .append(" size=").append(s.size()).append(" fields=").append(s.fieldLengths()).append(" timeout=")
                        .append(s.timeout()).append(" gc=").append(s.gcInterval()).append(" userdata=")
                        .append(s.userdata() == null ? "none" : HexFormat.of().formatHex(s.userdata())).append(" expressions=");
                for (Expression e : s.expressions()) {
                    sb.append(e.toDebugString());
                }
                out.put(s.family().nftName() + " " + s.table() + " " + s.name(), sb.toString());
            }
        }
        return out;
    }
}
