package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.GenerationConflictException;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperations;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;

/**
 * A transaction built on a view of the rule set that refuses to commit when
 * someone changed the rule set after the view was taken.
 */
public final class GuardedTransaction {
    private GuardedTransaction() {
    }

    /** Runs in the caller's namespace (makes and removes tables {@code ip guard_a} and {@code ip guard_b}). */
    public static void main(String[] args) {
        System.out.println(run(NetworkNamespace.current()));
    }

    /** Returns what happened, in words. */
    public static String run(NetworkNamespace ns) {
        try (Nftables mine = Nftables.open(ns); Nftables someoneElse = Nftables.open(ns)) {
            int seen = mine.generation();                       // the view this transaction is built on
            someoneElse.commit(NftOperations.addTable(Table.of(Family.IP, "guard_a")));
            try {
                mine.transaction()
                        .add(NftOperations.addTable(Table.of(Family.IP, "guard_b")))
                        .expectGeneration(seen)
                        .commit();
                return "committed (unexpected: the rule set had changed)";
            } catch (GenerationConflictException e) {
                return "refused: the rule set changed after generation " + e.expectedGeneration() + "; nothing was applied";
            } finally {
                mine.commit(NftOperations.destroyTable(Family.IP, "guard_a"),
                        NftOperations.destroyTable(Family.IP, "guard_b"));
            }
        }
    }
}
