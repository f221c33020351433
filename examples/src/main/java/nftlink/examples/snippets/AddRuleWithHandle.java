package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.CommitResult;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.parse.NftParser;

import java.util.List;

/**
 * Adds a rule and learns its handle from the kernel's echo in the same
 * transaction, then deletes it by that handle.
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
            nft.transaction().addAll(NftParser.standard().parse("""
                    table inet example {
                        chain input { type filter hook input priority 0; policy accept; }
                    }
                    """, "<example>").operations()).commit();
            // One rule, echoed: the reply carries the rule with its new handle.
            List<NftOperation> ops = NftParser.standard()
                    .parseCommand(List.of("add", "rule", "inet", "example", "input", "tcp", "dport", "22", "accept")).operations();
            NftOperation.AddRule add = (NftOperation.AddRule) ops.getLast();
            var t = nft.transaction().addAll(ops.subList(0, ops.size() - 1)).add(new NftOperation.AddRule(add.rule(), true));
            CommitResult result = t.commit();
            long handle = Rule.decode(result.echo(t.size() - 1).orElseThrow()).handle();
            nft.commit(new NftOperation.DeleteRule(Family.INET, "example", "input", handle),
                    new NftOperation.DeleteTable(Family.INET, "example", false));
            return handle;
        }
    }
}
