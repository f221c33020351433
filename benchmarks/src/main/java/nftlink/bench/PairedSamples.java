package nftlink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rounds of {@link PairedBatchBenchmark} for one batch size: in each round the
 * commit time of every peer of {@link #PEERS}, in nanoseconds, measured one right
 * after the other. Estimates are medians over rounds with a distribution-free 95 %
 * confidence interval, so a ratio of two peers is the median of the per-round
 * ratios, not the ratio of two medians taken at different times.
 *
 * @param n      rules per transaction
 * @param rounds the measured rounds of every fork; each array holds one time per peer, in the order of {@link #PEERS}
 */
record PairedSamples(int n, List<long[]> rounds) {

    /** The peers of a round, in the order of the times in a round's array. */
    static final List<String> PEERS = List.of("nftlink", "floor", "libnftables");

    static final int NFTLINK = 0;
    static final int FLOOR = 1;
    static final int LIBNFTABLES = 2;

    private static final Pattern FILE = Pattern.compile("n(\\d+)-\\d+\\.tsv");

    /**
     * A median with its 95 % confidence interval from order statistics (the ranks
     * (m − 1.96 √m) / 2 and 1 + (m + 1.96 √m) / 2 of m sorted values; the whole
     * range when m is too small for that).
     */
    record Estimate(double median, double low, double high, int count) {
        static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);

        static Estimate of(double[] values) {
            double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
            int m = v.length;
            if (m == 0) {
                return NONE;
            }
            double median = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
            double spread = 1.96 * Math.sqrt(m);
            int lowRank = Math.max(1, (int) Math.floor((m - spread) / 2));
            int highRank = Math.min(m, (int) Math.ceil(1 + (m + spread) / 2));
            return new Estimate(median, v[lowRank - 1], v[highRank - 1], m);
        }
    }

    /** The median commit time of {@code peer} in microseconds, with its interval. */
    Estimate micros(int peer) {
        return estimate(r -> r[peer] / 1e3);
    }

    /** The median over rounds of {@code peer a}'s time divided by {@code peer b}'s in the same round. */
    Estimate ratio(int a, int b) {
        return estimate(r -> (double) r[a] / r[b]);
    }

    /**
     * The median over rounds of the per-rule cost ratio of two peers, (t(N) − t(1)) /
     * (t'(N) − t'(1)), with t(1) and t'(1) the medians of the one-rule rounds {@code one}.
     */
    Estimate perRuleRatio(int a, int b, PairedSamples one) {
        double oneA = one.micros(a).median() * 1e3;
        double oneB = one.micros(b).median() * 1e3;
        return estimate(r -> r[b] - oneB <= 0 ? Double.NaN : (r[a] - oneA) / (r[b] - oneB));
    }

    /** The median per-rule cost of {@code peer} in microseconds, (t(N) − t(1)) / (N − 1). */
    double perRuleMicros(int peer, PairedSamples one) {
        return (micros(peer).median() - one.micros(peer).median()) / (n - 1);
    }

    private Estimate estimate(ToDoubleFunction<long[]> f) {
        return Estimate.of(rounds.stream().mapToDouble(f).toArray());
    }

    /** Writes one fork's rounds to {@code dir/n<N>-<pid>.tsv}, creating {@code dir}. */
    static void write(Path dir, int n, long pid, List<long[]> rounds) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder("# nanoseconds per commit, one round per line: ")
                .append(String.join("\t", PEERS)).append('\n');
        for (long[] r : rounds) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? "" : "\t").append(r[i]);
            }
            sb.append('\n');
        }
        Files.writeString(dir.resolve("n" + n + "-" + pid + ".tsv"), sb);
    }

    /**
     * Every batch size's rounds in {@code dir} (all forks together), by N; empty when the
     * directory does not exist.
     *
     * @throws IllegalArgumentException when a file holds a line that is not one time per peer
     */
    static Map<Integer, PairedSamples> read(Path dir) {
        Map<Integer, List<long[]>> byN = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                List<long[]> rounds = byN.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>());
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cells = line.split("\t");
                    if (cells.length != PEERS.size()) {
                        throw new IllegalArgumentException(file + ": expected " + PEERS.size() + " times, got: " + line);
                    }
                    rounds.add(Arrays.stream(cells).mapToLong(Long::parseLong).toArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, PairedSamples> result = new TreeMap<>();
        byN.forEach((n, rounds) -> result.put(n, new PairedSamples(n, List.copyOf(rounds))));
        return result;
    }
}
