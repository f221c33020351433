package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Nftables;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;

/** Prints the rule set as {@code nft list ruleset} does. */
public final class ListRuleset {
    private ListRuleset() {
    }

    /** Lists the caller's namespace. */
    public static void main(String[] args) {
        System.out.print(run(NetworkNamespace.current()));
    }

    /** The rule set of {@code ns} in nft syntax. */
    public static String run(NetworkNamespace ns) {
        try (Nftables nft = Nftables.open(ns)) {
            return RulesetListing.read(nft).render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT);
        }
    }
}
