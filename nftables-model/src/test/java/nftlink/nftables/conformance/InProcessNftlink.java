package nftlink.nftables.conformance;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.SetLookup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The library called in-process the way the {@code nftlink} tool calls it with
 * {@code --netns NAME} (examples' {@code nftlink.examples.cli}: {@code Commands} for
 * {@code list ruleset}, {@code JsonCli} for {@code -j list ruleset} and {@code -j -f},
 * {@code Apply} for {@code -f}), so what the conformance suites find is what a user
 * of the tool gets. When the tool changes how it builds its parsers, change them here.
 */
final class InProcessNftlink {

    /** The reason {@code nftlink --netns} gives for interface names (its {@code Apply}). */
    static final String NETNS_INTERFACES = "names are resolved only in nftlink's own network namespace; "
            + "give the index, or match iifname/oifname";

    private InProcessNftlink() {
    }

    /** {@code nftlink list ruleset}: every table rendered as nft prints it. */
    static String list(Nftables nft) {
        RulesetListing listing = RulesetListing.read(nft);
        StringBuilder out = new StringBuilder();
        for (Table t : listing.ruleset().tables()) {
            out.append(listing.renderTable(NftFormatter.DEFAULT, RuleRenderer.DEFAULT, t));
        }
        return out.toString();
    }

    /** {@code nftlink -j list ruleset}: the rule set in the libnftables JSON schema. */
    static JsonValue listJson(Nftables nft) {
        return JsonRenderer.DEFAULT.document(RulesetListing.read(nft));
    }

    /**
     * {@code nftlink --netns NAME -f FILE}: parses {@code text} as the file {@code file}
     * and commits it as one transaction.
     *
     * @throws RuntimeException the parser's or the kernel's error
     */
    static void apply(Nftables nft, String text, Path file) {
        NftParser parser = new NftParser(CgroupPathResolver.mounted(), InterfaceResolver.refusing(NETNS_INTERFACES),
                kernelSets(nft));
        NftScript script = parser.parse(text, file);
        commit(nft, script.operations());
    }

    /**
     * {@code nftlink --netns NAME -j -f FILE}: parses the JSON document {@code text} and
     * commits it as one transaction.
     *
     * @throws RuntimeException the parser's or the kernel's error
     */
    static void applyJson(Nftables nft, String text) {
        commit(nft, new JsonParser(CgroupPathResolver.mounted(), kernelSets(nft)).parse(text));
    }

    private static void commit(Nftables nft, List<NftOperation> operations) {
        if (!operations.isEmpty()) {
            nft.transaction().addAll(operations).commit();
        }
    }

    /** Sets the text adds elements to without declaring them, looked up in the kernel as the tool does. */
    private static SetLookup kernelSets(Nftables nft) {
        return (family, table, name) -> {
            try {
                return nft.listSets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
            } catch (NetlinkKernelException e) {
                return Optional.empty();
            }
        };
    }
}
