package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.internal.SharedWork;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Many small dumps (the elements of each set, the rules of each chain) taken in turn by the calling
 * thread on the client's connection and, given an executor, by as many helpers there as there are
 * other processors, each on a connection of its own in the client's network namespace. The results
 * come back in the dumps' order either way.
 */
final class ParallelDumps {

    /** Fewer dumps than this run on the calling thread: a connection costs more than it saves. */
    static final int PARALLEL_FROM = 4;

    private ParallelDumps() {
    }

    /**
     * Runs {@code dumps}, each given the client it runs on.
     *
     * @param <R>      what a dump returns
     * @param nft      the client whose connection the calling thread uses
     * @param dumps    the dumps
     * @param executor where dumps on other connections run, or {@code null}: the calling thread alone
     * @return what each dump returned, in their order
     */
    static <R> List<R> run(Nftables nft, List<Function<Nftables, R>> dumps, Executor executor) {
        NetworkNamespace namespace = nft.namespace().orElse(null);
        boolean parallel = executor != null && namespace != null && dumps.size() >= PARALLEL_FROM;
        return SharedWork.run(dumps, nft, parallel ? executor : null, Runtime.getRuntime().availableProcessors() - 1,
                work -> {
                    Nftables own;
                    try {
                        own = Nftables.open(namespace);
                    } catch (RuntimeException e) {
                        // no connection for this helper (out of descriptors, say): the others take its dumps
                        return;
                    }
                    try (own) {
                        work.accept(own);
                    }
                });
    }
}
