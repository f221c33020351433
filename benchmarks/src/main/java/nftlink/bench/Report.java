package nftlink.bench;

import nftlink.bench.PairedSamples.Estimate;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import static nftlink.bench.PairedSamples.FLOOR;
import static nftlink.bench.PairedSamples.LIBNFTABLES;
import static nftlink.bench.PairedSamples.NFTLINK;

/** Turns JMH results into the Markdown report: medians, the ratios, and scale tables. */
final class Report {

    /** One benchmark's numbers: median time in microseconds, heap bytes per operation (NaN when unknown), samples. */
    /**
     * One benchmark's result: the median (sample mode) or mean, and its interval in microseconds: the
     * 25th to 75th percentile of the samples in sample mode, JMH's 99.9 % confidence interval otherwise.
     */
    record Stat(double micros, double bytesPerOp, long samples, double lowMicros, double highMicros) {
    }

    private final String profile;
    private final Map<String, List<RunResult>> runs;
    private final Map<Integer, PairedSamples> paired;
    private final Environment before;
    private final Environment after;
    private final Duration took;
    private final Path dir;
    private final String stamp;
    private final StringBuilder out = new StringBuilder();
    private final Path raw;

    Report(String profile, Map<String, List<RunResult>> runs, Map<Integer, PairedSamples> paired, Environment before,
           Environment after, Duration took, Path dir, String stamp, Path raw) {
        this.paired = paired;
        this.raw = raw;
        this.dir = dir;
        this.stamp = stamp;
        this.profile = profile;
        this.runs = runs;
        this.before = before;
        this.after = after;
        this.took = took;
    }

    // ---- lookup ----

    Stat find(String run, String method, String... keyValues) {
        for (RunResult r : runs.getOrDefault(run, List.of())) {
            if (matches(r, method, keyValues)) {
                return stat(r);
            }
        }
        return null;
    }

    /** Whether {@code r} measured benchmark method {@code method} with the parameters {@code keyValues} (key, value, ...). */
    private static boolean matches(RunResult r, String method, String... keyValues) {
        var p = r.getParams();
        String name = p.getBenchmark();
        if (!name.substring(name.lastIndexOf('.') + 1).equals(method)) {
            return false;
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(p.getParam(keyValues[i]))) {
                return false;
            }
        }
        return true;
    }

    static Stat stat(RunResult r) {
        Result<?> primary = r.getPrimaryResult();
        String unit = primary.getScoreUnit();
        boolean sampled = primary.getStatistics().getN() > 0 && r.getParams().getMode().shortLabel().equals("sample");
        double value = sampled ? primary.getStatistics().getPercentile(50.0) : primary.getScore();
        double micros = value * toMicros(unit);
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        double bytes = alloc == null ? Double.NaN : alloc.getScore();
        double[] interval = sampled ? new double[] {primary.getStatistics().getPercentile(25.0),
                primary.getStatistics().getPercentile(75.0)} : primary.getScoreConfidence();
        return new Stat(micros, bytes, primary.getStatistics().getN(), interval[0] * toMicros(unit),
                interval[1] * toMicros(unit));
    }

    /** The {@code percentile} (0–100) of a SampleTime run's samples in microseconds, NaN when none match. */
    double percentile(String run, String method, double percentile, String... keyValues) {
        for (RunResult r : runs.getOrDefault(run, List.of())) {
            Result<?> primary = r.getPrimaryResult();
            if (matches(r, method, keyValues) && primary.getStatistics().getN() > 0) {
                return primary.getStatistics().getPercentile(percentile) * toMicros(primary.getScoreUnit());
            }
        }
        return Double.NaN;
    }

    static double toMicros(String unit) {
        String u = unit.substring(0, unit.indexOf('/'));
        return switch (u) {
            case "ns" -> 1e-3;
            case "us" -> 1;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            default -> throw new IllegalArgumentException("unexpected unit " + unit);
        };
    }

    List<String> paramValues(String run, String key) {
        TreeSet<Integer> numeric = new TreeSet<>();
        List<String> other = new ArrayList<>();
        for (RunResult r : runs.getOrDefault(run, List.of())) {
            String v = r.getParams().getParam(key);
            if (v == null) {
                continue;
            }
            try {
                numeric.add(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                if (!other.contains(v)) {
                    other.add(v);
                }
            }
        }
        List<String> values = new ArrayList<>(other);
        numeric.forEach(i -> values.add(Integer.toString(i)));
        return values;
    }

    // ---- formatting ----

    static String time(Stat s) {
        return s == null ? "–" : time(s.micros());
    }

    static String time(double us) {
        if (Double.isNaN(us)) {
            return "–";
        }
        if (us < 0) {
            return "< 0 (noise)";
        }
        if (us < 1) {
            return String.format(Locale.ROOT, "%.0f ns", us * 1000);
        }
        if (us < 1000) {
            return String.format(Locale.ROOT, us < 10 ? "%.2f µs" : us < 100 ? "%.1f µs" : "%.0f µs", us);
        }
        double ms = us / 1000;
        if (ms < 1000) {
            return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    static double ratio(Stat a, Stat b) {
        return a == null || b == null ? Double.NaN : a.micros() / b.micros();
    }

    static String times(double r) {
        if (Double.isNaN(r)) {
            return "–";
        }
        return String.format(Locale.ROOT, r < 10 ? "%.2f×" : r < 100 ? "%.1f×" : "%.0f×", r);
    }

    static String bytes(Stat s) {
        if (s == null || Double.isNaN(s.bytesPerOp())) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f", s.bytesPerOp());
    }

    /** Heap bytes per call of {@code a} beyond {@code floor}'s (which is the per-call reset alone). */
    static double netBytes(Stat a, Stat floor) {
        return a == null || floor == null ? Double.NaN : a.bytesPerOp() - floor.bytesPerOp();
    }

    static String bytes(double b) {
        return Double.isNaN(b) ? "–" : String.format(Locale.ROOT, Math.abs(b) < 100 ? "%.1f" : "%.0f", b);
    }

    /** Draws a chart into the results folder and links it from the report. */
    void plot(String name, String title, String xLabel, List<Plots.Series> series) {
        String file = name + "-" + stamp + ".png";
        try {
            Plots.write(dir.resolve(file), title, xLabel, series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line("![" + title + "](" + file + ")");
        line("");
    }

    static String yes(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    /**
     * "yes", or for a target missed: "not attainable" when the floor measured in
     * the same run already misses it (no program can do better than the kernel's
     * own cost), else "no".
     */
    static String met(boolean ok, boolean floorMeetsIt) {
        return ok ? "yes" : floorMeetsIt ? "**no**" : "**no: not attainable** (the floor misses it)";
    }

    /** The dump statistics the list benchmark's set-up wrote ({@code list-dump-RULES.properties}), empty when none. */
    Properties dumpStats(String rules) {
        Properties p = new Properties();
        Path file = raw == null ? null : raw.resolve("list-dump-" + rules + ".properties");
        if (file != null && Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    void line(String s) {
        out.append(s).append('\n');
    }

    void row(Object... cells) {
        StringBuilder sb = new StringBuilder("|");
        for (Object c : cells) {
            sb.append(' ').append(c).append(" |");
        }
        line(sb.toString());
    }

    void header(String... cells) {
        row((Object[]) cells);
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "---|" : "---:|");
        }
        line(sb.toString());
    }

    // ---- the report ----

    String markdown() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        line("# nftlink benchmarks — " + f.format(before.time()) + " (" + profile + " profile)");
        line("");
        line("Medians of JMH `SampleTime` samples (each call timed; state is reset after each call, outside the "
                + "measured time), every benchmark in its own throwaway network namespace. Produced by `benchmarks/run "
                + "--" + profile + "`; see `benchmarks/README.md` for what each column measures.");
        line("");
        header("machine", "");
        row("CPU", before.cpu() + " × " + before.cpus());
        row("memory", before.memory());
        row("kernel", before.kernel());
        row("JDK", before.jdk());
        row("nftlink measured", before.library());
        row("nft / libnftables", before.nft() + " (libnftables.so.1 in-process through FFM)");
        row("load average before / after", before.loadAverage() + " / " + after.loadAverage());
        row("run time", took.toMinutes() + " min " + took.toSecondsPart() + " s");
        line("");
        line("The machine is shared (other builds run on its 2 vCPUs), so absolute numbers are noisy. The batch "
                + "targets are judged on the paired rounds (peers taking turns in one JVM, see the next section); the "
                + "other ratios compare peers measured minutes apart in the same run. A load average above the CPU "
                + "count means benchmarks competed for CPU.");
        line("");
        targets();
        new CliSection(this, raw == null ? null : raw.resolve(stamp.substring(0, 10) + "-" + profile + "-cli.tsv")).write();
        paired();
        batch();
        perUpdate();
        encode();
        existing();
        sets();
        list();
        cgroup();
        return out.toString();
    }

    private Stat batchStat(String method, String n) {
        return find("per-update".equals(method) ? "per-update" : "batch", method, "n", n);
    }

    /** Per-rule cost: (t(N) - t(1)) / (N - 1). */
    private double perRule(String method, String n) {
        Stat one = find("batch", method, "n", "1");
        Stat big = find("batch", method, "n", n);
        int count = Integer.parseInt(n);
        if (one == null || big == null || count <= 1) {
            return Double.NaN;
        }
        return (big.micros() - one.micros()) / (count - 1);
    }

    private void targets() {
        line("## Targets of issue 7");
        line("");
        header("target", "measured", "met?");
        oneRuleTargets();
        batchTargets();
        encodeTargets();
        setTargets();
    }

    private void oneRuleTargets() {
        Stat link1 = find("batch", "nftlink", "n", "1");
        Stat floor1 = find("batch", "floor", "n", "1");
        Stat nft1 = find("batch", "nftFile", "n", "1");
        Stat upd1 = find("per-update", "nftPerUpdate", "n", "1");
        Stat lib1 = find("batch", "libnftables", "n", "1");
        PairedSamples paired1 = paired.get(1);
        if (link1 != null || paired1 != null) {
            if (paired1 != null) {
                Estimate r = paired1.ratio(NFTLINK, FLOOR);
                row("one rule: within 1.3× of the pre-encoded floor", "paired: " + interval(r) + " ("
                        + time(paired1.micros(NFTLINK).median()) + " vs " + time(paired1.micros(FLOOR).median())
                        + "); separate JVMs: " + times(ratio(link1, floor1)), yes(r.median() <= 1.3));
            } else {
                double r = ratio(link1, floor1);
                row("one rule: within 1.3× of the pre-encoded floor", time(link1) + " vs " + time(floor1) + " = "
                        + times(r), yes(r <= 1.3));
            }
            if (link1 != null) {
                double c = ratio(nft1, link1);
                row("one rule: ≥ 150× faster than `nft -f`", times(c) + " (`nft -f` " + time(nft1)
                        + ", one `nft add rule` process " + time(upd1) + ")", yes(c >= 150));
            }
            if (paired1 != null) {
                Estimate l = paired1.ratio(LIBNFTABLES, NFTLINK);
                row("one rule: faster than libnftables in-process", "paired: " + interval(l) + " (libnftables "
                        + time(paired1.micros(LIBNFTABLES).median()) + "); separate JVMs: " + times(ratio(lib1, link1)),
                        yes(l.median() > 1));
            } else {
                double l = ratio(lib1, link1);
                row("one rule: faster than libnftables in-process", times(l) + " (libnftables " + time(lib1) + ")",
                        yes(l > 1));
            }
        }
    }

    private void batchTargets() {
        PairedSamples paired1 = paired.get(1);
        TreeSet<Integer> batchSizes = new TreeSet<>(paired.keySet());
        paramValues("batch", "n").forEach(n -> batchSizes.add(Integer.parseInt(n)));
        for (int size : batchSizes) {
            String n = Integer.toString(size);
            if (size == 1) {
                continue;
            }
            PairedSamples p = paired.get(size);
            if (p != null && paired1 != null) {
                pairedTargets(p, paired1);
                continue;
            }
            double a = perRule("nftlink", n);
            double b = perRule("floor", n);
            row("N = " + n + ": per-rule cost within 1.3× of the floor",
                    time(a) + " vs " + time(b) + " per rule = " + times(a / b), yes(a / b <= 1.3));
            double l = ratio(find("batch", "libnftables", "n", n), find("batch", "nftlink", "n", n));
            double lf = ratio(find("batch", "libnftables", "n", n), find("batch", "floor", "n", n));
            row("N = " + n + ": ≥ 2× faster than libnftables", times(l) + " (libnftables "
                    + time(find("batch", "libnftables", "n", n)) + "; the pre-encoded floor "
                    + time(find("batch", "floor", "n", n)) + " is " + times(lf) + " faster than libnftables)",
                    met(l >= 2, lf >= 2));
        }
    }

    private void encodeTargets() {
        Stat enc = find("encode", "encodeRule");
        if (enc != null) {
            row("encoding alone: < 0.3 µs per rule", time(enc), yes(enc.micros() < 0.3));
            row("encoding alone: zero heap allocation per rule", bytes(enc) + " B per rule",
                    yes(!Double.isNaN(enc.bytesPerOp()) && enc.bytesPerOp() < 1));
        }
    }

    private void setTargets() {
        List<String> existing = paramValues("sets", "existing");
        String most = existing.isEmpty() ? "0" : existing.getLast();
        for (String kind : paramValues("sets", "kind")) {
            for (String n : paramValues("sets", "n")) {
                Stat full = find("sets", "nftlink", "kind", kind, "n", n, "existing", most);
                Stat empty = find("sets-empty", "nftlink", "kind", kind, "n", n, "existing", "0");
                Stat floorFull = find("sets", "floor", "kind", kind, "n", n, "existing", most);
                Stat floorEmpty = find("sets-empty", "floor", "kind", kind, "n", n, "existing", "0");
                if (full != null && empty != null) {
                    double r = ratio(full, empty);
                    row(kind + " set, " + n + " elements: cost independent of the " + most + " already there",
                            time(full) + " vs " + time(empty) + " into an empty set = " + times(r)
                                    + " (the floor: " + time(floorFull) + " vs " + time(floorEmpty) + " = "
                                    + times(ratio(floorFull, floorEmpty)) + "; nftlink ÷ floor "
                                    + times(ratio(full, floorFull)) + ")",
                            met(r <= 1.3, ratio(floorFull, floorEmpty) <= 1.3));
                }
            }
        }
        List<String> sizes = paramValues("list", "rules");
        String rules = sizes.isEmpty() ? "0" : sizes.getLast();
        Stat text = find("list", "nftlinkListRulesetText", "rules", rules);
        Stat decode = find("list", "nftlinkDecode", "rules", rules);
        Stat nftList = find("list", "nftList", "rules", rules);
        Stat floorList = find("list", "floorReceiveOnly", "rules", rules);
        if (text != null) {
            double r = ratio(nftList, text);
            double f = ratio(nftList, floorList);
            row("listing " + rules + " rules: decode + render as nft text ≥ 10× faster than `nft list ruleset`",
                    times(r) + " (nftlink " + time(text) + ", nft " + time(nftList) + "; the kernel's dump alone, "
                            + "the floor, takes " + time(floorList) + ": nft ÷ floor = " + times(f)
                            + " is the most any program can reach)", met(r >= 10, f >= 10));
            double d = ratio(nftList, decode);
            row("listing " + rules + " rules: decoding alone far faster still (read here: ≥ 10× and faster than "
                            + "decode + render)", times(d) + " (" + time(decode) + ")",
                    met(d >= 10 && d > r, f >= 10));
        }
        line("");
    }


    /**
     * The N-rule targets from the paired rounds (the verdict), with the figures of the
     * separate-JVM benchmark beside them.
     */
    private void pairedTargets(PairedSamples p, PairedSamples one) {
        String n = Integer.toString(p.n());
        Estimate perRule = p.perRuleRatio(NFTLINK, FLOOR, one);
        row("N = " + n + ": per-rule cost within 1.3× of the floor", "paired: " + interval(perRule) + " ("
                        + time(p.perRuleMicros(NFTLINK, one)) + " vs " + time(p.perRuleMicros(FLOOR, one))
                        + " per rule); separate JVMs: " + times(perRule("nftlink", n) / perRule("floor", n)),
                yes(perRule.median() <= 1.3));
        Estimate l = p.ratio(LIBNFTABLES, NFTLINK);
        Estimate lf = p.ratio(LIBNFTABLES, FLOOR);
        row("N = " + n + ": ≥ 2× faster than libnftables", "paired: " + interval(l) + " (libnftables "
                        + time(p.micros(LIBNFTABLES).median()) + "; the pre-encoded floor is " + interval(lf)
                        + " faster than libnftables); separate JVMs: "
                        + times(ratio(find("batch", "libnftables", "n", n), find("batch", "nftlink", "n", n))),
                met(l.median() >= 2, lf.median() >= 2));
    }

    /** A median ratio with its 95 % interval and the number of rounds, e.g. "1.02× [0.99–1.04×, 40 rounds]". */
    static String interval(Estimate e) {
        if (e.count() == 0) {
            return "–";
        }
        return times(e.median()) + " [" + times(e.low()).replace("×", "") + "–" + times(e.high()) + ", "
                + e.count() + " rounds]";
    }

    private void paired() {
        if (paired.isEmpty()) {
            return;
        }
        line("## The batch with the peers taking turns (`PairedBatchBenchmark`)");
        line("");
        line("The batch of the next section, committed by nftlink, the floor and libnftables one right after the other "
                + "in one JVM and one namespace, round after round (the peer that goes first rotates; the chain is "
                + "flushed before each commit). A change of load on the machine hits the three peers of a round alike, "
                + "so the per-round ratios are steadier than ratios of medians measured in separate JVMs minutes "
                + "apart; the targets above are judged on them. Medians over rounds, in brackets the 95 % confidence "
                + "interval of the median.");
        line("");
        header("N", "rounds", "nftlink", "floor", "libnftables", "nftlink ÷ floor", "per rule: nftlink ÷ floor",
                "libnftables ÷ nftlink", "libnftables ÷ floor");
        PairedSamples one = paired.get(1);
        for (PairedSamples p : paired.values()) {
            Estimate perRule = one == null || p.n() == 1 ? Estimate.NONE : p.perRuleRatio(NFTLINK, FLOOR, one);
            row(p.n(), p.rounds().size(), time(p.micros(NFTLINK).median()), time(p.micros(FLOOR).median()),
                    time(p.micros(LIBNFTABLES).median()), interval(p.ratio(NFTLINK, FLOOR)), interval(perRule),
                    interval(p.ratio(LIBNFTABLES, NFTLINK)), interval(p.ratio(LIBNFTABLES, FLOOR)));
        }
        line("");
    }

    private void batch() {
        List<String> ns = paramValues("batch", "n");
        if (ns.isEmpty()) {
            return;
        }
        line("## Batch of N rules into an empty chain (`BatchBenchmark`)");
        line("");
        line("`tcp dport 22 accept` appended N times to `table inet t { chain c { } }` in one transaction.");
        line("");
        header("N", "nftlink", "nftlink, echo", "floor", "libnftables", "`nft -f`", "nftlink ÷ floor",
                "libnftables ÷ nftlink", "`nft -f` ÷ nftlink", "nftlink heap B/commit¹", "echo heap B/commit¹");
        for (String n : ns) {
            Stat link = find("batch", "nftlink", "n", n);
            Stat echo = find("batch", "nftlinkEcho", "n", n);
            Stat floor = find("batch", "floor", "n", n);
            Stat lib = find("batch", "libnftables", "n", n);
            Stat nft = find("batch", "nftFile", "n", n);
            row(n, time(link), time(echo), time(floor), time(lib), time(nft), times(ratio(link, floor)),
                    times(ratio(lib, link)), times(ratio(nft, link)), bytes(netBytes(link, floor)), bytes(netBytes(echo, floor)));
        }
        line("");
        line("¹ heap allocated per commit beyond the floor's: JMH's gc profiler also counts the reset after each call "
                + "(a flush-chain transaction), and the floor allocates nothing itself, so its figure is the reset's "
                + "and is subtracted. Single gc-profiler figures are noisy by a few hundred bytes.");
        line("");
        line("Per-rule cost, (t(N) − t(1)) / (N − 1):");
        line("");
        header("N", "nftlink", "nftlink, echo", "floor", "libnftables", "`nft -f`", "nftlink ÷ floor",
                "nftlink heap B/rule", "echo heap B/rule");
        for (String n : ns) {
            if (n.equals("1")) {
                continue;
            }
            int count = Integer.parseInt(n);
            double link1 = netBytes(find("batch", "nftlink", "n", "1"), find("batch", "floor", "n", "1"));
            double echo1 = netBytes(find("batch", "nftlinkEcho", "n", "1"), find("batch", "floor", "n", "1"));
            double linkN = netBytes(find("batch", "nftlink", "n", n), find("batch", "floor", "n", n));
            double echoN = netBytes(find("batch", "nftlinkEcho", "n", n), find("batch", "floor", "n", n));
            row(n, time(perRule("nftlink", n)), time(perRule("nftlinkEcho", n)), time(perRule("floor", n)),
                    time(perRule("libnftables", n)), time(perRule("nftFile", n)),
                    times(perRule("nftlink", n) / perRule("floor", n)), bytes((linkN - link1) / (count - 1)),
                    bytes((echoN - echo1) / (count - 1)));
        }
        line("");
        List<Plots.Series> curves = new ArrayList<>();
        String[][] peers = {{"nftlink", "nftlink"}, {"nftlinkEcho", "nftlink, echo"}, {"floor", "floor"},
                {"libnftables", "libnftables"}, {"nftFile", "nft -f"}};
        for (String[] peer : peers) {
            curves.add(Plots.Series.of(peer[1], ns, v -> find("batch", peer[0], "n", v)));
        }
        plot("batch-latency-vs-N", "Transaction of N rules into an empty chain", "N rules per transaction", curves);
    }

    private void perUpdate() {
        List<String> ns = paramValues("per-update", "n");
        if (ns.isEmpty()) {
            return;
        }
        line("## One `nft` process per update");
        line("");
        line("N rules added by N processes `nft add rule inet t c tcp dport 22 accept` (each its own transaction), "
                + "against nftlink committing the same N rules as N one-rule transactions (N × the one-rule median).");
        line("");
        header("N", "N `nft add rule` processes", "N × nftlink one-rule commit", "ratio");
        Stat link1 = find("batch", "nftlink", "n", "1");
        for (String n : ns) {
            Stat s = find("per-update", "nftPerUpdate", "n", n);
            double linkN = link1 == null ? Double.NaN : link1.micros() * Integer.parseInt(n);
            row(n, time(s), time(linkN), times(s == null ? Double.NaN : s.micros() / linkN));
        }
        line("");
    }

    private void encode() {
        Stat enc = find("encode", "encodeRule");
        Stat check = find("encode", "sendBufferCheck");
        if (enc == null) {
            return;
        }
        line("## Encoding alone (`EncodeBenchmark`, `-prof gc`)");
        line("");
        header("what", "time", "heap bytes");
        row("one prepared AddRule written as Transaction writes it (header + attributes), per rule", time(enc),
                bytes(enc) + " per rule");
        row("`ensureSendCapacity`, which `Transaction.commit` calls on every commit (a `getsockopt(SO_SNDBUF)` system call each time before commit adc8126; now cached)",
                time(check), bytes(check) + " per call");
        line("");
    }

    private void existing() {
        List<String> ms = paramValues("existing", "m");
        List<String> ns = paramValues("existing", "n");
        if (ms.isEmpty()) {
            return;
        }
        line("## Chains that already hold M rules (`ExistingRulesBenchmark`)");
        line("");
        line("N rules appended to a chain holding M rules; the N new rules are deleted by handle after each call.");
        line("");
        header("M", "N", "nftlink", "floor", "libnftables", "`nft -f`", "nftlink ÷ floor", "libnftables ÷ nftlink",
                "`nft -f` ÷ nftlink");
        for (String n : ns) {
            for (String m : ms) {
                Stat link = find("existing", "nftlink", "m", m, "n", n);
                Stat floor = find("existing", "floor", "m", m, "n", n);
                Stat lib = find("existing", "libnftables", "m", m, "n", n);
                Stat nft = find("existing", "nftFile", "m", m, "n", n);
                row(m, n, time(link), time(floor), time(lib), time(nft), times(ratio(link, floor)), times(ratio(lib, link)),
                        times(ratio(nft, link)));
            }
        }
        line("");
        List<String> positive = ms.stream().filter(m -> Integer.parseInt(m) > 0).toList();
        if (positive.size() >= 2) {
            for (String n : ns) {
                List<Plots.Series> curves = new ArrayList<>();
                String[][] peers = {{"nftlink", "nftlink"}, {"floor", "floor"}, {"libnftables", "libnftables"},
                        {"nftFile", "nft -f"}};
                for (String[] peer : peers) {
                    curves.add(Plots.Series.of(peer[1], positive, m -> find("existing", peer[0], "m", m, "n", n)));
                }
                plot("existing-latency-vs-M-n" + n, "Transaction of " + n + " rule(s) into a chain holding M rules",
                        "M rules already in the chain", curves);
            }
        }
    }

    private void sets() {
        List<String> kinds = paramValues("sets", "kind");
        if (kinds.isEmpty()) {
            return;
        }
        line("## Set elements (`SetElementsBenchmark`)");
        line("");
        line("N IPv4 elements added to `set s { type ipv4_addr; }` (hash) or `{ ...; flags interval; }` (interval, "
                + "ranges `a-a+1`) already holding the given number of elements; deleted again after each call. "
                + "\"empty\" is nftlink into the same set with no elements.");
        line("");
        header("set", "N", "existing", "nftlink", "nftlink, empty set", "floor", "libnftables", "`nft -f`",
                "nftlink ÷ floor", "libnftables ÷ nftlink", "`nft -f` ÷ nftlink");
        for (String kind : kinds) {
            for (String n : paramValues("sets", "n")) {
                for (String e : paramValues("sets", "existing")) {
                    Stat link = find("sets", "nftlink", "kind", kind, "n", n, "existing", e);
                    Stat empty = find("sets-empty", "nftlink", "kind", kind, "n", n, "existing", "0");
                    Stat floor = find("sets", "floor", "kind", kind, "n", n, "existing", e);
                    Stat lib = find("sets", "libnftables", "kind", kind, "n", n, "existing", e);
                    Stat nft = find("sets", "nftFile", "kind", kind, "n", n, "existing", e);
                    row(kind, n, e, time(link), time(empty), time(floor), time(lib), time(nft), times(ratio(link, floor)),
                            times(ratio(lib, link)), times(ratio(nft, link)));
                }
            }
        }
        line("");
    }

    private void list() {
        List<String> rs = paramValues("list", "rules");
        if (rs.isEmpty()) {
            return;
        }
        line("## Listing (`ListBenchmark`)");
        line("");
        line("The rule set holds `rules` rules `tcp dport 22 accept` in one chain. Columns, from the kernel up: "
                + "**floor**: the rule dump's request pre-encoded, sent from a socket of its own, every datagram "
                + "received until `NLMSG_DONE`, only message headers read (what the kernel costs: it builds each "
                + "datagram inside `recvmsg`); **dump walked**: the same through `NetlinkConnection.dump`, "
                + "messages checked, nothing decoded; **decode**: `listRules()` into the kernel-level model; "
                + "**debug render**: plus `Rule.toDebugString()`; **nft text**: `RulesetListing.read(nft).render(...)`, "
                + "the whole rule set read (tables, chains, sets, objects, rules) and printed as `nft list ruleset` "
                + "prints it, rules delinearized into the rule language. The peers parse and print nft text.");
        line("");
        header("rules", "floor: receive only", "dump walked", "decode", "decode + debug render", "nft text",
                "libnftables `list ruleset`", "`nft list ruleset`", "nft ÷ floor", "nft ÷ nft text", "nft ÷ decode",
                "decode heap MB", "nft text heap MB");
        for (String r : rs) {
            Stat floor = find("list", "floorReceiveOnly", "rules", r);
            Stat dump = find("list", "nftlinkDumpOnly", "rules", r);
            Stat decode = find("list", "nftlinkDecode", "rules", r);
            Stat render = find("list", "nftlinkDecodeDebugRender", "rules", r);
            Stat text = find("list", "nftlinkListRulesetText", "rules", r);
            Stat lib = find("list", "libnftables", "rules", r);
            Stat nft = find("list", "nftList", "rules", r);
            row(r, time(floor), time(dump), time(decode), time(render), time(text), time(lib), time(nft),
                    times(ratio(nft, floor)), times(ratio(nft, text)), times(ratio(nft, decode)), megabytes(decode),
                    megabytes(text));
        }
        line("");
        for (String r : rs) {
            Properties p = dumpStats(r);
            if (p.isEmpty()) {
                continue;
            }
            long datagrams = Long.parseLong(p.getProperty("datagrams"));
            long bytes = Long.parseLong(p.getProperty("bytes"));
            line("Dump of " + r + " rules: " + datagrams + " datagrams (`recvmsg` calls) of at most "
                    + p.getProperty("largest") + " bytes, " + String.format(Locale.ROOT, "%.1f", bytes / 1e6)
                    + " MB in all (" + bytes / Math.max(1, Long.parseLong(p.getProperty("messages"))) + " bytes per rule), into a "
                    + Integer.parseInt(p.getProperty("buffer")) / 1024 + " KiB receive buffer: the kernel caps a dump "
                    + "datagram at about 32 KiB whatever the buffer.");
            line("");
        }
    }

    static String megabytes(Stat s) {
        return s == null || Double.isNaN(s.bytesPerOp()) ? "–" : String.format(Locale.ROOT, "%.1f", s.bytesPerOp() / 1e6);
    }

    private void cgroup() {
        List<String> forms = paramValues("cgroup", "form");
        if (forms.isEmpty()) {
            return;
        }
        line("## From `mkdir` of a cgroup to its committed rule (`CgroupBenchmark`, issue 5)");
        line("");
        line("A `Reconciler` with a `CgroupTreeWatcher` (inotify) on a throwaway cgroup subtree keeps the fail-closed "
                + "table of the cgroup package's overview; each call is `mkdir` of a new cgroup the policy selects and "
                + "the wait until the reconciler's `onCommit` reports the transaction that binds it as acknowledged. "
                + "\"rule\": one rule `socket cgroupv2 level 2 ID accept` per cgroup; \"set\": the cgroup's ID as "
                + "an element of a `cgroupsv2` set a fixed rule looks up. The cgroup is removed (and the removal "
                + "committed) after each call, outside the measured time.");
        line("");
        header("form", "median", "p99", "p99.9", "max", "samples", "heap B/call¹");
        for (String form : forms) {
            Stat s = find("cgroup", "mkdirToCommit", "form", form);
            row(form.equals("rule") ? "rule per cgroup" : form.equals("set") ? "set membership" : form, time(s),
                    time(percentile("cgroup", "mkdirToCommit", 99.0, "form", form)),
                    time(percentile("cgroup", "mkdirToCommit", 99.9, "form", form)),
                    time(percentile("cgroup", "mkdirToCommit", 100.0, "form", form)),
                    s == null ? "–" : Long.toString(s.samples()), bytes(s));
        }
        line("");
        line("¹ all threads of the JVM per call, including the untimed removal and its commit.");
        line("");
    }
}
