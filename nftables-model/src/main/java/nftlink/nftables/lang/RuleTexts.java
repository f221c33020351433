package nftlink.nftables.lang;

import nftlink.netlink.internal.SharedWork;
import nftlink.nftables.Chain;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;

import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

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

    /** A run of one chain's rules, which one thread renders. */
    private record Chunk(RulesetListing.ChainKey chain, List<Rule> rules) {
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
                chunks.add(new Chunk(key, part));
            }
        }
        OutputFlags flags = OutputFlags.current();
        ZoneId zone = TimeZoneScope.current();
        List<Function<Object, List<Map.Entry<String, Long>>>> tasks = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            tasks.add(unused -> render(chunk.rules(), renderer, delinearize, sets));
        }
        List<List<Map.Entry<String, Long>>> texts = SharedWork.run(tasks, null, total >= 2 * CHUNK ? executor : null,
                Runtime.getRuntime().availableProcessors() - 1,
                work -> flags.apply(() -> TimeZoneScope.call(zone, () -> {
                    work.accept(null);
                    return null;
                })));
        Map<RulesetListing.ChainKey, List<Map.Entry<String, Long>>> byChain = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            byChain.computeIfAbsent(chunks.get(i).chain(), k -> new ArrayList<>()).addAll(texts.get(i));
        }
        return new RuleTexts(byChain);
    }

    private static List<Map.Entry<String, Long>> render(List<Rule> rules, RuleRenderer renderer,
                                                        BiFunction<Rule, Map<String, NftSet>, RuleSpec> delinearize,
                                                        Map<String, NftSet> sets) {
        List<Map.Entry<String, Long>> texts = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            RuleSpec spec = delinearize.apply(r, sets);
            texts.add(new AbstractMap.SimpleImmutableEntry<>(renderer.render(spec), spec.handle()));
        }
        return texts;
    }
}
