package nftlink.nftables.lang;

/**
 * The IDs one batch gives the sets ({@code NFTA_SET_ID}) and anonymous chains
 * ({@code NFTA_CHAIN_ID}) it adds, by which its rules and elements refer to anonymous ones before
 * the kernel has named them. nft numbers them from 1 for each run; so does one instance of this
 * class, which belongs to the compilation that builds one batch (a parse, a reconciliation):
 * every rule of that batch must be linearized with the same instance, so that no two of its
 * sets share an ID.
 *
 * <p>Not thread-safe: one compilation, one thread.
 */
public final class BatchIds {

    private int lastSet;
    private int lastChain;

    /** IDs for a new batch, starting at 1. */
    public BatchIds() {
    }

    /**
     * The ID of the next set of this batch.
     *
     * @return the ID
     */
    public int nextSet() {
        if (lastSet == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more sets in one batch than set IDs");
        }
        return ++lastSet;
    }

    /**
     * Records that the batch already uses set ID {@code id} (an operation compiled elsewhere):
     * the next IDs given are above it. {@link nftlink.nftables.NftOperation.AddSet#UNNUMBERED} is ignored.
     *
     * @param id a set ID of the batch
     */
    public void usedSet(int id) {
        if (id != Integer.MAX_VALUE && id > lastSet) {
            lastSet = id;
        }
    }

    /**
     * Records that the batch already uses anonymous chain ID {@code id}: the next IDs given are above it.
     *
     * @param id an anonymous chain ID of the batch
     */
    public void usedChain(int id) {
        if (id > lastChain) {
            lastChain = id;
        }
    }

    /**
     * The ID of the next anonymous chain of this batch.
     *
     * @return the ID
     */
    public int nextChain() {
        return ++lastChain;
    }
}
