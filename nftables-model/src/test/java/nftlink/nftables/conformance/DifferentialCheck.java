package nftlink.nftables.conformance;

import nftlink.nftables.json.JsonValue;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One generated rule set against nft 1.1.3 on the kernel, in the three namespaces
 * it is given: nft-ref loads it in A; then each {@link Check}.
 */
final class DifferentialCheck {

    /** What is compared. */
    enum Check {
        /** The library applies the rule set in B: nft-ref lists B as A, with the same bytecode. */
        APPLY("apply"),
        /** The library lists A byte for byte as nft-ref does. */
        LIST("list"),
        /** The library's JSON listing of A equals nft-ref's as JSON values (metainfo aside). */
        JSON_LIST("json-list"),
        /** nft-ref accepts the library's listing of A ({@code nft-ref -c -f} in C). */
        NFT_ACCEPTS_LISTING("nft-accepts-listing"),
        /** nft-ref accepts the library's JSON listing of A ({@code nft-ref -j -c -f} in C). */
        NFT_ACCEPTS_JSON("nft-accepts-json");

        final String label;

        Check(String label) {
            this.label = label;
        }
    }

    /** What happened: nft-ref's refusal of the rule set itself, or the first difference of each check that failed. */
    record Outcome(String refusal, Map<Check, String> differences) {
        boolean passed() {
            return refusal == null && differences.isEmpty();
        }
    }

    private static final List<String> TIME_DEPENDENT = List.of("expires");
    private static final Path SOURCE = Path.of("generated.nft");

    private final ScratchNamespace a;
    private final ScratchNamespace b;
    private final ScratchNamespace c;

    DifferentialCheck(ScratchNamespace a, ScratchNamespace b, ScratchNamespace c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** Runs every check on {@code ruleset}. */
    Outcome check(RulesetGenerator.Generated ruleset) {
        a.reset(ruleset.devices());
        TestNamespace.Result load = NftRef.script(a.namespace(), ruleset.text());
        if (load.exitCode() != 0) {
            return new Outcome(load.stderr().strip(), Map.of());
        }
        Map<Check, String> differences = new EnumMap<>(Check.class);
        RefListing reference = a.refList();
        String expected = RefListing.timeless(reference.listing());
        String listing = null;
        try {
            listing = InProcessNftlink.list(a);
            note(differences, Check.LIST, Differences.text(expected, RefListing.timeless(listing), "nft-ref", "nftlink"));
        } catch (RuntimeException | StackOverflowError e) {
            differences.put(Check.LIST, "nftlink: " + e);
        }
        JsonValue json = null;
        try {
            json = InProcessNftlink.listJson(a);
            JsonValue theirs = JsonValue.parse(NftRef.run(a.namespace(), "-j", "list", "ruleset").orThrow());
            note(differences, Check.JSON_LIST, Differences.json(withoutMetainfo(theirs), withoutMetainfo(json), "nft-ref", "nftlink"));
        } catch (RuntimeException | StackOverflowError e) {
            differences.put(Check.JSON_LIST, "nftlink: " + e);
        }
        b.reset(ruleset.devices());
        apply(ruleset.text(), reference, differences);
        c.reset(ruleset.devices());
        if (listing != null) {
            accepted(differences, Check.NFT_ACCEPTS_LISTING, NftRef.input(c.namespace(), listing, "-c", "-f", "-"));
        } else {
            differences.put(Check.NFT_ACCEPTS_LISTING, "nftlink printed no listing");
        }
        if (json != null) {
            accepted(differences, Check.NFT_ACCEPTS_JSON, NftRef.input(c.namespace(), json.toJson(), "-j", "-c", "-f", "-"));
        } else {
            differences.put(Check.NFT_ACCEPTS_JSON, "nftlink printed no JSON listing");
        }
        return new Outcome(null, differences);
    }

    private void apply(String text, RefListing reference, Map<Check, String> differences) {
        try {
            InProcessNftlink.apply(b, text, SOURCE);
        } catch (RuntimeException | StackOverflowError e) {
            differences.put(Check.APPLY, "nftlink: " + e.getMessage());
            return;
        }
        TestNamespace.Result listed = NftRef.run(b.namespace(), "--debug=netlink", "list", "ruleset");
        if (listed.exitCode() != 0) {
            differences.put(Check.APPLY, "nft-ref cannot list what nftlink wrote: " + listed.stderr().strip());
            return;
        }
        RefListing applied = RefListing.of(listed.stdout());
        String difference = Differences.text(RefListing.timeless(reference.listing()), RefListing.timeless(applied.listing()),
                "nft-ref -f", "nftlink -f");
        if (difference == null) {
            difference = Differences.text(reference.normalizedBytecode(), applied.normalizedBytecode(), "nft-ref -f", "nftlink -f");
            difference = difference == null ? null : "bytecode " + difference;
        }
        note(differences, Check.APPLY, difference);
    }

    private static void accepted(Map<Check, String> differences, Check check, TestNamespace.Result result) {
        if (result.exitCode() != 0) {
            differences.put(check, result.stderr().strip().replace('\n', ' '));
        }
    }

    private static void note(Map<Check, String> differences, Check check, String difference) {
        if (difference != null) {
            differences.put(check, difference);
        }
    }

    private static JsonValue withoutMetainfo(JsonValue document) {
        JsonValue value = Differences.without(document, TIME_DEPENDENT);
        if (value instanceof JsonValue.Obj o && o.get("nftables") instanceof JsonValue.Arr arr && !arr.items().isEmpty()) {
            return JsonValue.array(arr.items().subList(1, arr.items().size()));
        }
        return value;
    }
}
