package nftlink.bench;

import nftlink.nftables.NftMirror;
import nftlink.nftables.Nftables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Listing a large rule set as nft text, in one run and in turns (issue #18): {@code nft list ruleset}
 * (nft 1.1.3 as a process), {@link Nftables#listRulesetText()} (a dump each time) and
 * {@link NftMirror#rulesetText()} (no dump: the mirror follows the kernel). Prints the median and the
 * range of wall time per listing for each, and the ratios to nft.
 *
 * <p>{@code java -cp ... nftlink.bench.MirrorBenchmark [RULES] [ROUNDS]} as root; the rule set is
 * {@link RulesetGenerator}'s, loaded by nft 1.1.3 into a throwaway network namespace.
 */
public final class MirrorBenchmark {

    private MirrorBenchmark() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the number of rules (default 50,000) and of rounds (default 5)
     */
    public static void main(String[] args) {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String ref = System.getenv().getOrDefault("NFTLINK_NFT_REF", "/tmp/shared/tools/nft-ref");
        try (BenchNamespace ns = BenchNamespace.create()) {
            Path file = BenchNamespace.tempFile(RulesetGenerator.generate(rules));
            BenchNamespace.Result load = BenchNamespace.run(List.of("ip", "netns", "exec", ns.name(), ref, "-f", file.toString()), null);
            if (load.exitCode() != 0) {
                throw new IllegalStateException("nft-ref could not load the rule set: " + load.stderr());
            }
            List<Double> nft = new ArrayList<>();
            List<Double> dump = new ArrayList<>();
            List<Double> mirrored = new ArrayList<>();
            try (Nftables client = Nftables.open(ns.namespace()); NftMirror mirror = NftMirror.open(ns.namespace())) {
                int size = 0;
                for (int round = 0; round <= rounds; round++) {
                    long t0 = System.nanoTime();
                    BenchNamespace.Result listed = BenchNamespace.run(List.of("ip", "netns", "exec", ns.name(), ref, "list", "ruleset"), null);
                    long t1 = System.nanoTime();
                    String viaDump = client.listRulesetText();
                    long t2 = System.nanoTime();
                    String viaMirror = mirror.rulesetText();
                    long t3 = System.nanoTime();
                    size = viaMirror.length() + viaDump.length() + listed.stdout().length();
                    if (round > 0) {
                        nft.add((t1 - t0) / 1e6);
                        dump.add((t2 - t1) / 1e6);
                        mirrored.add((t3 - t2) / 1e6);
                    }
                }
                System.out.printf(Locale.ROOT, "%d rules, %d rounds (after one warm-up), %d characters listed%n", rules, rounds, size);
            }
            report("nft list ruleset (nft 1.1.3, a process)", nft, median(nft));
            report("Nftables.listRulesetText() (one dump)", dump, median(nft));
            report("NftMirror.rulesetText() (no dump)", mirrored, median(nft));
        }
    }

    private static void report(String what, List<Double> millis, double nftMedian) {
        List<Double> sorted = millis.stream().sorted().toList();
        double median = median(millis);
        System.out.printf(Locale.ROOT, "%-45s median %8.1f ms (%.1f-%.1f), %.2fx faster than nft%n", what, median,
                sorted.getFirst(), sorted.getLast(), nftMedian / median);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
