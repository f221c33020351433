package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Many small dumps (the elements of each set, the rules of each chain) taken in turn by the calling
 * thread on the client's connection and, given an executor, by tasks there, each on a connection of
 * its own in the client's network namespace. The results come back in the dumps' order either way;
 * the first failure is thrown once every dump under way has ended.
 *
 * @param <R> what a dump returns
 */
final class ParallelDumps<R> {

    /** Fewer dumps than this run on the calling thread: a connection costs more than it saves. */
    static final int PARALLEL_FROM = 4;

    private final List<Function<Nftables, R>> dumps;
    private final List<R> results;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private ParallelDumps(List<Function<Nftables, R>> dumps) {
        this.dumps = dumps;
        this.results = new ArrayList<>(dumps.size());
        for (int i = 0; i < dumps.size(); i++) {
            results.add(null);
        }
        this.done = new CountDownLatch(dumps.size());
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
        ParallelDumps<R> run = new ParallelDumps<>(dumps);
        NetworkNamespace namespace = nft.namespace().orElse(null);
        if (executor != null && namespace != null && dumps.size() >= PARALLEL_FROM) {
            int others = Math.min(dumps.size() - 1, Runtime.getRuntime().availableProcessors() - 1);
            for (int i = 0; i < others; i++) {
                try {
                    executor.execute(() -> run.onOwnConnection(namespace));
                } catch (RejectedExecutionException e) {
                    break;
                }
            }
        }
        run.take(nft);
        return run.collect();
    }

    private void onOwnConnection(NetworkNamespace namespace) {
        if (next.get() >= dumps.size()) {
            return;
        }
        Nftables own;
        try {
            own = Nftables.open(namespace);
        } catch (RuntimeException e) {
            // no connection for this task (out of descriptors, say): the other threads take its dumps
            return;
        }
        try (own) {
            take(own);
        }
    }

    /** Runs dumps until none is left. */
    private void take(Nftables on) {
        for (int i = next.getAndIncrement(); i < dumps.size(); i = next.getAndIncrement()) {
            try {
                if (failure.get() == null) {
                    results.set(i, dumps.get(i).apply(on));
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                done.countDown();
            }
        }
    }

    private List<R> collect() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return results;
    }
}
