package nftlink.nftables.lang;

import nftlink.nftables.Chain;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;

import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The rules of some chains in the rule language, each with its handle, rendered before the listing
 * is formatted: the rules are cut into chunks of {@value #CHUNK}, which the calling thread and as many
 * tasks on the caller's executor as there are other processors take in turn. Each rule is delinearized
 * and rendered independently of the others, so the text is the same as one thread's; the calling
 * thread's {@link OutputFlags} and {@link TimeZoneScope} hold on every thread. Fewer rules than two
 * chunks are rendered on the calling thread alone.
 */
final class RuleTexts {

    /** Rules per chunk: large enough that handing a chunk over costs nothing beside rendering it. */
    static final int CHUNK = 256;

    private final Map<RulesetListing.ChainKey, List<Map.Entry<String, Long>>> byChain;

    private RuleTexts(Map<RulesetListing.ChainKey, List<Map.Entry<String, Long>>> byChain) {
        this.byChain = byChain;
    }

    /** The rules of {@code chain} (one of those rendered), in order; empty when it has none. */
    List<Map.Entry<String, Long>> of(Chain chain) {
        return byChain.getOrDefault(RulesetListing.ChainKey.of(chain), List.of());
    }

    /** A run of one chain's rules, rendered by one thread into its own list. */
    private record Chunk(RulesetListing.ChainKey chain, List<Rule> rules, List<Map.Entry<String, Long>> texts) {
    }

    /**
     * Renders the rules of {@code chains}.
     *
     * @param rules       every chain's rules, in order
     * @param chains      the chains whose rules to render
     * @param renderer    the renderer of rules
     * @param delinearize a rule in the rule language, given the sets by name
     * @param sets        the sets by family, table and name
     * @param executor    where the other threads run
     */
    static RuleTexts render(Map<RulesetListing.ChainKey, List<Rule>> rules, List<Chain> chains, RuleRenderer renderer,
                            BiFunction<Rule, Map<String, NftSet>, RuleSpec> delinearize, Map<String, NftSet> sets,
                            Executor executor) {
        List<Chunk> chunks = new ArrayList<>();
        int total = 0;
        for (Chain c : chains) {
            RulesetListing.ChainKey key = RulesetListing.ChainKey.of(c);
            List<Rule> chainRules = rules.getOrDefault(key, List.of());
            total += chainRules.size();
            for (int from = 0; from < chainRules.size(); from += CHUNK) {
                List<Rule> part = chainRules.subList(from, Math.min(chainRules.size(), from + CHUNK));
                chunks.add(new Chunk(key, part, new ArrayList<>(part.size())));
            }
        }
        Worker worker = new Worker(chunks, renderer, delinearize, sets, OutputFlags.current(), TimeZoneScope.current());
        if (total >= 2 * CHUNK) {
            int others = Math.min(chunks.size() - 1, Runtime.getRuntime().availableProcessors() - 1);
            for (int i = 0; i < others; i++) {
                try {
                    executor.execute(worker::work);
                } catch (RejectedExecutionException e) {
                    // the calling thread renders what the executor would not
                    break;
                }
            }
        }
        worker.work();
        worker.await();
        Map<RulesetListing.ChainKey, List<Map.Entry<String, Long>>> byChain = new HashMap<>();
        for (Chunk chunk : chunks) {
            byChain.computeIfAbsent(chunk.chain(), k -> new ArrayList<>()).addAll(chunk.texts());
        }
        return new RuleTexts(byChain);
    }

    /** Takes chunks until none is left; the same for the calling thread and the executor's. */
    private static final class Worker {
        private final List<Chunk> chunks;
        private final RuleRenderer renderer;
        private final BiFunction<Rule, Map<String, NftSet>, RuleSpec> delinearize;
        private final Map<String, NftSet> sets;
        private final OutputFlags flags;
        private final ZoneId zone;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Worker(List<Chunk> chunks, RuleRenderer renderer, BiFunction<Rule, Map<String, NftSet>, RuleSpec> delinearize,
               Map<String, NftSet> sets, OutputFlags flags, ZoneId zone) {
            this.chunks = chunks;
            this.renderer = renderer;
            this.delinearize = delinearize;
            this.sets = sets;
            this.flags = flags;
            this.zone = zone;
            this.done = new CountDownLatch(chunks.size());
        }

        void work() {
            flags.apply(() -> TimeZoneScope.call(zone, () -> {
                for (int i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
                    try {
                        if (failure.get() == null) {
                            render(chunks.get(i));
                        }
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                }
                return null;
            }));
        }

        private void render(Chunk chunk) {
            for (Rule r : chunk.rules()) {
                RuleSpec spec = delinearize.apply(r, sets);
                chunk.texts().add(new AbstractMap.SimpleImmutableEntry<>(renderer.render(spec), spec.handle()));
            }
        }

        /** Waits for the chunks other threads took; rethrows the first failure. */
        void await() {
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
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }
}
