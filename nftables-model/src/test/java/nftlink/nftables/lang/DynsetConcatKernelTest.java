package nftlink.nftables.lang;

import nftlink.netlink.InterfaceNames;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Nftables;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic set and map updates and concatenations against nft 1.1.3 (nft-ref), one rule set per construct
 * (resources {@code dynset/*.nft}): map updates with data from the packet, constant keys and data and
 * several statements ({@code map-updates}); a bit field's value as the key ({@code bit-field-keys});
 * constants inside concatenations, in lookups and in updates, also as parts of no fixed size
 * ({@code concat-constants}), interfaces by name in keys of interval and hash sets ({@code interface-constants}); raw
 * payloads in concatenations ({@code raw-concat}); the order nft lists
 * anonymous concatenated sets and maps in ({@code concat-order}). Each way: nft-ref writes and the library
 * lists the same text and JSON (and nft-ref accepts that listing); the library writes and nft-ref lists the
 * same rule set with the same bytecode, set attributes and userdata; the library reads nft-ref's JSON and
 * nft-ref lists what it wrote as what nft-ref wrote.
 */
@KernelTest
class DynsetConcatKernelTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final JsonParser JSON = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final String METAINFO = JsonRenderer.metainfo().toJson();

    private static String ruleset(String name) {
        try (InputStream in = DynsetConcatKernelTest.class.getResourceAsStream("/dynset/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no resource dynset/" + name, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"map-updates.nft", "bit-field-keys.nft", "concat-constants.nft", "raw-concat.nft",
            "concat-order.nft", "interface-constants.nft"})
    void nftWritesAndTheLibraryListsItAsNftDoes(String name, TestNamespace ns, TestNamespace check) {
        NftRef.script(ns, ruleset(name)).orThrow();
        String nft = NftRef.run(ns, "list", "ruleset").orThrow();
        String json = NftRef.json(ns, METAINFO, "list", "ruleset");
        String listed;
        try (NetworkNamespace n = ns.open(); Nftables lib = Nftables.open(n)) {
            RulesetListing listing = RulesetListing.read(lib);
            // interfaces by their names in the namespace, as nft-ref names them there
            InterfaceNames names = InterfaceNames.read(n);
            IntFunction<String> byIndex = index -> names.name(index).orElse(null);
            listed = listing.render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT.withInterfaceNames(byIndex));
            assertThat(listed).isEqualTo(nft);
            assertThat(JsonValue.parse(JsonRenderer.DEFAULT.withInterfaceNames(byIndex).render(listing)))
                    .isEqualTo(JsonValue.parse(json));
        }
        TestNamespace.Result accepted = NftRef.input(check, listed, "-c", "-f", "-");
        assertThat(accepted.stderr()).as("nft-ref -c -f accepts the library's listing").isEmpty();
        assertThat(accepted.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"map-updates.nft", "bit-field-keys.nft", "concat-constants.nft", "raw-concat.nft",
            "concat-order.nft", "interface-constants.nft"})
    void theLibraryWritesWhatNftWrites(String name, TestNamespace byNft, TestNamespace byLibrary) {
        String text = ruleset(name);
        NftRef.script(byNft, text).orThrow();
        try (NetworkNamespace n = byLibrary.open(); Nftables lib = Nftables.open(n)) {
            lib.transaction().addAll(PARSER.parse(text, name).operations()).commit();
        }
        assertThat(NftRef.run(byLibrary, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(byNft, "list", "ruleset").orThrow());
        assertThat(SetFamilyKernelTest.bytecode(byLibrary)).isEqualTo(SetFamilyKernelTest.bytecode(byNft));
        assertThat(SetFamilyKernelTest.sets(byLibrary)).isEqualTo(SetFamilyKernelTest.sets(byNft));
    }

    /**
     * nft-ref's JSON, with its constants in concatenations and in update data, read by the library gives
     * the rule set back. (concat-constants.nft is left out: nft's JSON gives a map's data by datatype
     * only, so its typeof map comes back as {@code type ... : mark}; raw-concat.nft too: nft 1.1.3 aborts
     * reading its own JSON of {@code typeof ip daddr . @ih,32,32}.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"map-updates.nft", "bit-field-keys.nft", "concat-order.nft", "interface-constants.nft"})
    void nftsJsonReadByTheLibraryGivesTheRulesetBack(String name, TestNamespace source, TestNamespace byLibrary) {
        NftRef.script(source, ruleset(name)).orThrow();
        String json = NftRef.run(source, "-j", "list", "ruleset").orThrow();
        try (NetworkNamespace n = byLibrary.open(); Nftables lib = Nftables.open(n)) {
            lib.transaction().addAll(JSON.parse(json)).commit();
        }
        assertThat(NftRef.run(byLibrary, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(source, "list", "ruleset").orThrow());
        assertThat(SetFamilyKernelTest.bytecode(byLibrary)).isEqualTo(SetFamilyKernelTest.bytecode(source));
    }
}
