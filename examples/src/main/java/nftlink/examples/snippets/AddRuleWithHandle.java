package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperations;
import nftlink.nftables.Nftables;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.parse.NftParser;

/**
 * Adds a rule (with the anonymous set it needs) and learns its handle from the
 * commit, then deletes it by that handle.
 */
public final class AddRuleWithHandle {
    private AddRuleWithHandle() {
    }

    /** Runs in the caller's namespace (makes and removes table {@code inet example}). */
    public static void main(String[] args) {
        System.out.println("the rule had handle " + run(NetworkNamespace.current()));
    }

    /** Returns the handle the rule had. */
    public static long run(NetworkNamespace ns) {
        try (Nftables nft = Nftables.open(ns)) {
            // Table and chain, parsed from nft syntax like 'nft -f' would take them.
            nft.apply("""
                    table inet example {
                        chain input { type filter hook input priority 0; policy accept; }
                    }
                    """);
            // One rule in the rule language: the commit tells the handle the kernel gave it.
            RuleSpec ssh = NftParser.standard().parseRule(Family.INET, "example", "input", "tcp dport { 22, 2222 } accept");
            long handle = nft.transaction().add(ssh).commit().handle(ssh);
            nft.commit(NftOperations.deleteRule(Family.INET, "example", "input", handle),
                    NftOperations.deleteTable(Family.INET, "example"));
            return handle;
        }
    }
}
