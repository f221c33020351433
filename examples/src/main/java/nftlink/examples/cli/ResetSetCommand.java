package nftlink.examples.cli;

import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Ruleset;
import nftlink.nftables.SetElement;
import nftlink.nftables.lang.RulesetListing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code reset set|map [FAMILY] TABLE NAME}: nft 1.1.3 prints what {@code list set|map} would, the
 * elements read with {@code NFT_MSG_GETSETELEM_RESET}, which zeroes their counters and quotas.
 *
 * @param request the set or map
 */
record ResetSetCommand(ListRequest request) {

    /** Reads the words after {@code reset}, {@code set} or {@code map} first. */
    static ResetSetCommand parse(CommandText text) {
        List<String> w = text.words();
        int names = w.size() - (w.size() > 2 && ListTarget.isFamily(w.get(2)) ? 3 : 2);
        if (names == 1) {
            throw CommandError.syntax(text, w.size(), "handle or string or last");
        }
        ListTarget target = w.get(1).equals("set") ? ListTarget.SET : ListTarget.MAP;
        return new ResetSetCommand(new ListRequest.Rest(text, 2).table(target, true));
    }

    /** What nft prints, in text or JSON, after the elements were read and zeroed. */
    String run(Nftables nft, Options.Output output, IntFunction<String> interfaces) {
        if (!output.json()) {
            String text = output.flags().apply(() -> new ListCommand(output, interfaces).sets(request, nft, nft::resetElements));
            if (output.terse()) {
                // the listing left the elements out; nft 1.1.3 zeroes them all the same
                nft.resetElements(request.family(), request.table(), request.name());
            }
            return text;
        }
        RulesetListing read = RulesetListing.read(nft, ListCommand.RENDERING);
        Tables.of(request, read.ruleset().tables());
        NftSet set = read.sets().stream().filter(s -> s.family() == request.family() && s.table().equals(request.table())
                && ListCommand.shown(request, s)).findFirst().orElseThrow(() -> CommandError.noSuch(request.nameWord()));
        Map<String, List<SetElement>> elements = new HashMap<>(read.elements());
        elements.put(Ruleset.setKey(set), nft.resetElements(set.family(), set.table(), set.name()));
        RulesetListing listing = new RulesetListing(read.ruleset(), read.sets(), elements, read.rules(), read.objects(),
                read.flowtables());
        return new JsonListCommand(output, interfaces).render(request, listing) + "\n";
    }
}
