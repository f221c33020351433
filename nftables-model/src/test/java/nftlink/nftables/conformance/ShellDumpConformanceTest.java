package nftlink.nftables.conformance;

import nftlink.nftables.json.JsonException;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.parse.NftParseException;
import nftlink.nfnetlink.TransactionException;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole rule sets from nftables' shell tests ({@link ShellDumps}) against nft 1.1.3
 * ({@link NftRef}) on the real kernel, in four directions. Each dump is loaded with
 * {@code nft-ref -f} in namespace A (links it names created first); a dump nft-ref
 * refuses on this kernel is skipped and listed with nft-ref's error in
 * {@code conformance/shell-dumps-refused.txt}. Then:
 * <ul>
 *   <li><b>list</b>: the library's listing of A ({@code nftlink list ruleset}) equals
 *       {@code nft-ref list ruleset} of A byte for byte;</li>
 *   <li><b>apply</b>: the library parses the dump and commits it in namespace B, as
 *       {@code nftlink --netns B -f DUMP} does; {@code nft-ref list ruleset} of B equals
 *       that of A, and so does the bytecode of {@code nft-ref --debug=netlink list ruleset}
 *       ({@link RefListing#normalizedBytecode}: handles and anonymous set numbers aside);</li>
 *   <li><b>json-list</b>: the library's JSON listing of A equals {@code nft-ref -j list
 *       ruleset} of A as JSON values, the {@code metainfo} item aside (checked once, under
 *       the key {@code metainfo});</li>
 *   <li><b>json-apply</b>: the library commits the {@code .json-nft} document in namespace
 *       C; {@code nft-ref list ruleset} of C equals that of A.</li>
 * </ul>
 * The time left until elements expire is left out of every comparison. Each direction
 * lists its failures with the first difference (or the library's error) in
 * {@code conformance/shell-dumps-DIRECTION.txt}, checked both ways: an unlisted failure
 * fails the test, and so does a listed dump that now passes. The namespaces are made
 * once per run and emptied between dumps. The summary goes to standard output and to
 * {@code target/conformance/shell-dumps-report.md}.
 */
@KernelTest
class ShellDumpConformanceTest {

    /** The four directions, each with its exception list. */
    enum Direction {
        LIST("list", "a dump nftlink lists differently from nft-ref"),
        APPLY("apply", "a dump nftlink applies differently from nft-ref"),
        JSON_LIST("json-list", "a dump nftlink lists as JSON differently from nft-ref"),
        JSON_APPLY("json-apply", "a JSON dump nftlink applies differently from nft-ref");

        final String label;
        final String what;

        Direction(String label, String what) {
            this.label = label;
            this.what = what;
        }
    }

    private static final List<String> TIME_DEPENDENT = List.of("expires");

    private final Set<String> unexpected = new LinkedHashSet<>();
    private final ExceptionList refused = ExceptionList.load("/conformance/shell-dumps-refused.txt",
            "a dump nft-ref refuses on this kernel");
    private final Map<Direction, ExceptionList> lists = new EnumMap<>(Direction.class);
    private WholeRulesetTally<Direction> tally;
    private int skipped;
    private int incompleteJson;
    private String metainfo;
    private String corpusPrefix = "";

    @Test
    void everyDumpListsAppliesAndRoundTripsAsNftRefDoes() throws IOException {
        Path corpus = ShellDumps.directory();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the shell dumps, but ../shared/conformance/nftables-tests-shell-dumps is missing");
            }
            Assumptions.abort("skipped: no ../shared/conformance/nftables-tests-shell-dumps beside the repository");
        }
        NftRef.assume();
        for (Direction d : Direction.values()) {
            lists.put(d, ExceptionList.load("/conformance/shell-dumps-" + d.label + ".txt", d.what));
        }
        tally = new WholeRulesetTally<>(lists, unexpected);
        corpusPrefix = corpus.toAbsolutePath() + "/";
        List<ShellDumps.Dump> dumps = ShellDumps.dumps(corpus);
        // nft-ref prints times in the process's local zone, the JVM's default (no TimeZoneScope.call)
        try (ScratchNamespace a = ScratchNamespace.create(); ScratchNamespace b = ScratchNamespace.create();
             ScratchNamespace c = ScratchNamespace.create()) {
            for (ShellDumps.Dump dump : dumps) {
                try {
                    check(dump, a, b, c);
                } catch (RuntimeException | AssertionError | IOException e) {
                    throw new AssertionError("shell dump " + dump.key() + ": " + e.getMessage(), e);
                }
            }
        }
        refused.finish(unexpected);
        tally.finish();
        report(dumps.size());
        assertThat(unexpected).as("unexpected shell-dump conformance results").isEmpty();
        assertThat(tally.total()).as("dumps nft-ref loads").isGreaterThan(300);
    }

    /** Records a result; errors name the dump by its key, not by where the corpus is on this machine. */
    private void record(Direction direction, String key, String difference) {
        tally.record(direction, key, difference == null ? null : difference.replace(corpusPrefix, ""));
    }

    /** Loads {@code dump} with nft-ref in {@code a}, then runs every direction on it. */
    private void check(ShellDumps.Dump dump, ScratchNamespace a, ScratchNamespace b, ScratchNamespace c) throws IOException {
        String text = Files.readString(dump.text(), StandardCharsets.UTF_8);
        Set<String> devices = ShellDumps.devices(text);
        a.reset(devices);
        TestNamespace.Result load = NftRef.run(a.namespace(), "-f", dump.text().toString());
        if (load.exitCode() != 0) {
            skipped++;
            refused.saw(dump.key(), firstLine(load.stderr()).replace(corpusPrefix, ""), unexpected);
            return;
        }
        tally.ruleset();
        RefListing reference = a.refList();
        String expected = RefListing.timeless(reference.listing());
        record(Direction.LIST, dump.key(), listDifference(a, expected));
        TestNamespace.Result json = NftRef.run(a.namespace(), "-j", "list", "ruleset");
        if (json.stderr().isBlank()) {
            record(Direction.JSON_LIST, dump.key(), jsonListDifference(a, JsonValue.parse(json.orThrow())));
        } else {
            incompleteJson++;
        }
        b.reset(devices);
        record(Direction.APPLY, dump.key(), applyDifference(b, text, dump.text(), reference));
        if (dump.hasJson()) {
            c.reset(devices);
            record(Direction.JSON_APPLY, dump.key(),
                    jsonApplyDifference(c, Files.readString(dump.json(), StandardCharsets.UTF_8), expected));
        }
    }

    private static String listDifference(ScratchNamespace a, String expected) {
        try {
            return Differences.text(expected, RefListing.timeless(InProcessNftlink.list(a)), "nft-ref", "nftlink");
        } catch (RuntimeException | StackOverflowError e) {
            return "nftlink: " + error(e);
        }
    }

    /**
     * The json-list difference, {@code null} when equal; the metainfo item is compared
     * once per run, under the key {@code metainfo}.
     */
    private String jsonListDifference(ScratchNamespace a, JsonValue reference) {
        List<JsonValue> expected = items(Differences.without(reference, TIME_DEPENDENT));
        List<JsonValue> actual;
        try {
            actual = items(Differences.without(InProcessNftlink.listJson(a), TIME_DEPENDENT));
        } catch (RuntimeException | StackOverflowError e) {
            return "nftlink: " + error(e);
        }
        if (metainfo == null && !expected.isEmpty() && !actual.isEmpty()) {
            String difference = Differences.json(expected.getFirst(), actual.getFirst(), "nft-ref", "nftlink");
            metainfo = difference == null ? "the same as nft-ref's" : "different (" + difference + ")";
            if (difference != null) {
                lists.get(Direction.JSON_LIST).saw("metainfo", difference, unexpected);
            }
        }
        return Differences.json(JsonValue.array(rest(expected)), JsonValue.array(rest(actual)), "nft-ref", "nftlink");
    }

    private static List<JsonValue> rest(List<JsonValue> items) {
        return items.isEmpty() ? items : items.subList(1, items.size());
    }

    private static String applyDifference(ScratchNamespace b, String text, Path file, RefListing reference) {
        try {
            InProcessNftlink.apply(b, text, file);
        } catch (RuntimeException | StackOverflowError e) {
            return "nftlink: " + error(e);
        }
        TestNamespace.Result listed = NftRef.run(b.namespace(), "--debug=netlink", "list", "ruleset");
        if (listed.exitCode() != 0) {
            return "nft-ref cannot list what nftlink wrote: " + firstLine(listed.stderr());
        }
        RefListing applied = RefListing.of(listed.stdout());
        String listing = Differences.text(RefListing.timeless(reference.listing()), RefListing.timeless(applied.listing()),
                "nft-ref -f", "nftlink -f");
        if (listing != null) {
            return listing;
        }
        String bytecode = Differences.text(reference.normalizedBytecode(), applied.normalizedBytecode(), "nft-ref -f", "nftlink -f");
        return bytecode == null ? null : "bytecode " + bytecode;
    }

    private static String jsonApplyDifference(ScratchNamespace c, String json, String expected) {
        try {
            InProcessNftlink.applyJson(c, json);
        } catch (RuntimeException | StackOverflowError e) {
            return "nftlink: " + error(e);
        }
        TestNamespace.Result listed = NftRef.run(c.namespace(), "list", "ruleset");
        if (listed.exitCode() != 0) {
            return "nft-ref cannot list what nftlink wrote: " + firstLine(listed.stderr());
        }
        return Differences.text(expected, RefListing.timeless(listed.stdout()), "nft-ref -f", "nftlink -j -f");
    }

    /** The items of a {@code {"nftables": [...]}} document, the first being the metainfo. */
    private static List<JsonValue> items(JsonValue document) {
        if (document instanceof JsonValue.Obj o && o.get("nftables") instanceof JsonValue.Arr arr) {
            return arr.items();
        }
        return List.of();
    }

    private static String error(Throwable e) {
        String message = e.getMessage();
        String kind = e instanceof NftParseException || e instanceof TransactionException || e instanceof JsonException
                || e instanceof IllegalArgumentException ? "" : e.getClass().getSimpleName() + ": ";
        return kind + firstLine(message == null ? "" : message);
    }

    private static String firstLine(String s) {
        String line = s.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }

    private void report(int dumps) {
        Map<Direction, String> names = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            names.put(d, d.label);
        }
        int loaded = tally.total();
        String text = "# Shell dumps against nft 1.1.3\n\n"
                + dumps + " dumps; " + skipped + " refused by nft-ref on this kernel (skipped, listed in shell-dumps-refused.txt); "
                + loaded + " loaded. json-list leaves out the " + incompleteJson
                + " whose JSON nft-ref itself cannot write completely (it warns: \"stmt ops chain have no json callback\"); "
                + "nftlink's JSON metainfo is " + metainfo + " (compared apart from the dumps, listed as `metainfo`).\n\n"
                + tally.table(names)
                + "\nEvery direction passed: " + tally.passedEverywhere() + " of " + loaded + " ("
                + String.format(Locale.ROOT, "%.1f", 100.0 * tally.passedEverywhere() / Math.max(1, loaded)) + " %).\n";
        WholeRulesetTally.report("shell-dumps-report.md", text);
    }
}
