package nftlink.nftables.conformance;

import nftlink.netlink.InterfaceNames;
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
import java.util.function.IntFunction;

/**
 * The library called in-process the way the {@code nftlink} tool calls it with
 * {@code --netns NAME} (examples' {@code nftlink.examples.cli}: {@code Commands} for
 * {@code list ruleset}, {@code JsonCli} for {@code -j list ruleset} and {@code -j -f},
 * {@code Apply} for {@code -f}), so what the conformance suites find is what a user
 * of the tool gets. When the tool changes how it builds its parsers, change them here.
 */
final class InProcessNftlink {

    private InProcessNftlink() {
    }

    /** {@code nftlink list ruleset}: every table rendered as nft prints it, interfaces by their names there. */
    static String list(ScratchNamespace ns) {
        RulesetListing listing = RulesetListing.read(ns.nft());
        RuleRenderer rules = RuleRenderer.DEFAULT.withInterfaceNames(interfaceNames(ns));
        StringBuilder out = new StringBuilder();
        for (Table t : listing.ruleset().tables()) {
            out.append(listing.renderTable(NftFormatter.DEFAULT, rules, t));
        }
        return out.toString();
    }

    /** {@code nftlink -j list ruleset}: the rule set in the libnftables JSON schema. */
    static JsonValue listJson(ScratchNamespace ns) {
        return JsonRenderer.DEFAULT.withInterfaceNames(interfaceNames(ns)).document(RulesetListing.read(ns.nft()));
    }

    /** The namespace's interface names by index, read now (links are added between rule sets). */
    private static IntFunction<String> interfaceNames(ScratchNamespace ns) {
        InterfaceNames names = InterfaceNames.read(ns.handle());
        return index -> names.name(index).orElse(null);
    }

    /**
     * {@code nftlink --netns NAME -f FILE}: parses {@code text} as the file {@code file}
     * and commits it as one transaction.
     *
     * @throws RuntimeException the parser's or the kernel's error
     */
    static void apply(ScratchNamespace ns, String text, Path file) {
        NftParser parser = new NftParser(CgroupPathResolver.mounted(), InterfaceResolver.in(ns.handle()),
                kernelSets(ns.nft()));
        NftScript script = parser.parse(text, file);
        commit(ns.nft(), script.operations());
    }

    /**
     * {@code nftlink --netns NAME -j -f FILE}: parses the JSON document {@code text} and
     * commits it as one transaction.
     *
     * @throws RuntimeException the parser's or the kernel's error
     */
    static void applyJson(ScratchNamespace ns, String text) {
        commit(ns.nft(), new JsonParser(CgroupPathResolver.mounted(), kernelSets(ns.nft()), InterfaceResolver.in(ns.handle()))
                .parse(text));
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
