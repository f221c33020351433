package nftlink.nftables;

import nftlink.testing.NftRef;
import nftlink.netlink.InterfaceNames;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.CgroupPaths;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.TestNamespace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule set checked against nft-ref in every direction, each in a throwaway namespace with the
 * interfaces the rule set names:
 * <ul>
 *   <li>list: nft-ref loads it; nftlink lists it byte for byte as nft-ref does, its JSON listing equals
 *       nft-ref's as JSON values, and nft-ref accepts nftlink's listing in check mode;</li>
 *   <li>apply: nftlink parses and commits it; nft-ref lists the same rule set and the same bytecode;</li>
 *   <li>json-apply: nftlink reads nft-ref's JSON listing and commits it; nft-ref lists the same rule set.</li>
 * </ul>
 * Interface names and cgroup paths are resolved as the {@code nftlink} tool resolves them under
 * {@code --netns}.
 */
public final class ReferenceCheck {

    private final String ruleset;
    private final List<String> devices = new ArrayList<>();
    private boolean jsonApply = true;
    private boolean listingReread = true;

    private ReferenceCheck(String ruleset) {
        this.ruleset = ruleset;
    }

    /** A check of {@code ruleset} (nft text). */
    public static ReferenceCheck of(String ruleset) {
        return new ReferenceCheck(ruleset);
    }

    /** Creates these interfaces (ifb) in each namespace first, in this order. */
    public ReferenceCheck devices(String... names) {
        devices.addAll(Arrays.asList(names));
        return this;
    }

    /** Leaves out the JSON input direction. */
    public ReferenceCheck withoutJsonApply() {
        jsonApply = false;
        return this;
    }

    /**
     * Leaves out {@code nft-ref -c -f} of nftlink's listing, for rule sets nft 1.1.3 lists in a form it cannot read
     * back itself (the listing is still compared with nft-ref's); implies {@link #withoutJsonApply()}.
     */
    public ReferenceCheck withoutListingReread() {
        listingReread = false;
        jsonApply = false;
        return this;
    }

    /** Runs every direction; returns nft-ref's listing. */
    public String check() {
        try (TestNamespace a = namespace()) {
            NftRef.apply(a, ruleset);
            String expected = NftRef.list(a);
            String expectedJson = NftRef.listJson(a);
            String bytecode = normalisedBytecode(NftRef.bytecode(a));
            String listed = listing(a);
            assertThat(listed).as("nftlink's listing of what nft-ref loaded").isEqualTo(expected);
            if (listingReread) {
                assertThat(NftRef.refusal(a, "flush ruleset\n" + listed)).as("nft-ref -c -f of nftlink's listing").isNull();
            }
            JsonValue reference = JsonValue.parse(expectedJson);
            assertJsonEquals(json(a), reference);
            try (TestNamespace b = namespace()) {
                apply(b, ruleset);
                assertThat(NftRef.list(b)).as("nft-ref's listing of what nftlink applied").isEqualTo(expected);
                assertThat(normalisedBytecode(NftRef.bytecode(b))).as("bytecode of what nftlink applied").isEqualTo(bytecode);
            }
            if (jsonApply) {
                try (TestNamespace c = namespace()) {
                    applyJson(c, expectedJson);
                    assertThat(NftRef.list(c)).as("nft-ref's listing of what nftlink applied from JSON").isEqualTo(expected);
                }
            }
            return expected;
        }
    }

    private TestNamespace namespace() {
        TestNamespace ns = TestNamespace.create();
        for (String d : devices) {
            TestNamespace.run(List.of("ip", "-n", ns.name(), "link", "add", d, "type", "ifb"), null).orThrow();
        }
        return ns;
    }

    /** nftlink's listing of {@code ns}, as {@code nftlink --netns NS list ruleset} prints it. */
    public static String listing(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            return RulesetListing.read(nft).render(NftFormatter.DEFAULT, renderer(handle));
        }
    }

    /** nftlink's JSON listing of {@code ns}. */
    public static JsonValue json(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            InterfaceNames names = InterfaceNames.read(handle);
            return new JsonRenderer(CgroupPaths.mounted(), false, index -> names.name(index).orElse(null))
                    .document(RulesetListing.read(nft));
        }
    }

    /** The renderer nftlink lists with inside {@code ns}. */
    public static RuleRenderer renderer(NetworkNamespace ns) {
        InterfaceNames names = InterfaceNames.read(ns);
        return new RuleRenderer(CgroupPaths.mounted(), false, false, index -> names.name(index).orElse(null));
    }

    /** nftlink parses {@code text} as {@code nftlink --netns NS -f} does and commits it in {@code ns}. */
    public static void apply(TestNamespace ns, String text) {
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            NftParser parser = new NftParser(CgroupPathResolver.mounted(), InterfaceResolver.in(handle), kernelSets(nft));
            nft.transaction().addAll(parser.parse(text, "ruleset.nft").operations()).commit();
        }
    }

    /** nftlink reads the JSON document {@code text} and commits it in {@code ns}. */
    public static void applyJson(TestNamespace ns, String text) {
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            JsonParser parser = new JsonParser(CgroupPathResolver.mounted(), kernelSets(nft), InterfaceResolver.in(handle));
            nft.transaction().addAll(parser.parse(text)).commit();
        }
    }

    private static SetLookup kernelSets(Nftables nft) {
        return (family, table, name) -> {
            try {
                return nft.listSets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
            } catch (NetlinkKernelException e) {
                return Optional.empty();
            }
        };
    }

    /** Two JSON listings equal as JSON values; on a difference, the first differing item of each. */
    public static void assertJsonEquals(JsonValue actual, JsonValue expected) {
        if (actual.equals(expected)) {
            return;
        }
        List<JsonValue> a = items(actual);
        List<JsonValue> e = items(expected);
        for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
            String got = i < a.size() ? a.get(i).toJson() : "(none)";
            String want = i < e.size() ? e.get(i).toJson() : "(none)";
            assertThat(got).as("nftlink's JSON listing, item %d", i).isEqualTo(want);
        }
        assertThat(actual.toJson()).isEqualTo(expected.toJson());
    }

    private static List<JsonValue> items(JsonValue document) {
        if (document instanceof JsonValue.Obj o && o.get("nftables") instanceof JsonValue.Arr arr) {
            return arr.items();
        }
        return List.of(document);
    }

    private static final Pattern RULE_HEADER = Pattern.compile("^(\\S+ \\S+ \\S+) \\d+( \\d+)?$");

    /**
     * nft-ref's bytecode listing with rule handles and positions left out, anonymous set numbers as
     * {@code %d} and the elements of each set sorted (hash sets list in an order of their own).
     */
    public static String normalisedBytecode(String debug) {
        List<String> out = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        for (String line : debug.split("\n")) {
            if (line.startsWith("table ") || line.startsWith("}") || line.startsWith("\t") && !line.startsWith("\telement")) {
                // the text listing after the bytecode
                continue;
            }
            line = line.replaceAll("__(set|map|chain)\\d+", "__$1%d");
            if (line.startsWith("\telement")) {
                elements.add(line);
                continue;
            }
            elements.sort(null);
            out.addAll(elements);
            elements.clear();
            Matcher m = RULE_HEADER.matcher(line);
            out.add(m.matches() ? m.group(1) : line);
        }
        elements.sort(null);
        out.addAll(elements);
        return String.join("\n", out);
    }
}
