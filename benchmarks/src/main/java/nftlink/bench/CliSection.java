package nftlink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The report's section of issue 18: its targets with "met?", parse+compile throughput
 * ({@link ParseBenchmark}), listing the generated rule set ({@link RulesetListBenchmark}) and
 * the whole-process runs of {@link CliBenchmark} (median and range of each peer).
 */
final class CliSection {

    /** Wall time a small {@code list ruleset} may take (issue 18). */
    static final double SMALL_LIST_SECONDS = 0.35;
    /** Wall time {@code --version} may take. */
    static final double VERSION_SECONDS = 0.2;
    /** Largest resident set of {@code -f} and {@code list} of 50,000 rules, in MB. */
    static final double RSS_MB = 300;
    /** Parse+compile throughput, rules per second. */
    static final double RULES_PER_SECOND = 200_000;
    private static final String NFTLINK = "nftlink";

    private final Report report;
    private final List<CliBenchmark.Sample> samples;

    CliSection(Report report, Path cliFile) {
        this.report = report;
        this.samples = read(cliFile);
    }

    private static List<CliBenchmark.Sample> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(CliBenchmark.Sample::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the section, if the run measured any of it. */
    void write() {
        Report.Stat parse = report.find("parse", "parseCompile", "rules", "50000");
        List<String> listSizes = report.paramValues("list-generated", "rules");
        if (parse == null && samples.isEmpty() && listSizes.isEmpty()) {
            return;
        }
        report.line("## Targets of issue 18: parsing, listing and the command line");
        report.line("");
        report.line("Whole processes (`benchmarks/run` → `CliBenchmark`): each peer started by `ip netns exec` in a "
                + "throwaway namespace under GNU `time`, the peers taking turns in every round; median wall time "
                + "with the range over the rounds, CPU (user + system) and the largest resident set. The rule sets "
                + "are `RulesetGenerator`'s (mixed matches, named sets, maps, NAT, 19 chains).");
        report.line("");
        report.header("target", "measured", "met?");
        if (parse != null) {
            double rate = 50_000 / (parse.micros() / 1e6);
            report.row("parse+compile ≥ 200,000 rules/s (JMH, warm, 50,000 rules)", String.format(Locale.ROOT,
                    "%,.0f rules/s (%s per file, %s MB heap)", rate, Report.time(parse), Report.megabytes(parse)),
                    Report.yes(rate >= RULES_PER_SECOND));
        }
        target("file", 50_000, "`-f` 50,000 rules");
        target("list", 50_000, "`list ruleset` 50,000 rules");
        double small = median(NFTLINK, "list", 1, CliBenchmark.Sample::wall);
        if (!Double.isNaN(small)) {
            report.row("`list ruleset` of a small rule set ≤ 0.35 s wall", seconds(small) + " (nft 1.1.3: "
                    + seconds(median("nft 1.1.3", "list", 1, CliBenchmark.Sample::wall)) + ")",
                    Report.yes(small <= SMALL_LIST_SECONDS));
        }
        double version = median(NFTLINK, "version", 0, CliBenchmark.Sample::wall);
        if (!Double.isNaN(version)) {
            report.row("`--version` ≤ 0.2 s wall", seconds(version), Report.yes(version <= VERSION_SECONDS));
        }
        report.line("");
        runs();
        listing(listSizes);
    }

    /** The wall-time and RSS targets of one workload at {@code rules}. */
    private void target(String workload, int rules, String what) {
        double wall = median(NFTLINK, workload, rules, CliBenchmark.Sample::wall);
        if (Double.isNaN(wall)) {
            return;
        }
        for (String peer : List.of("nft 1.1.3", "nft (installed)")) {
            double theirs = median(peer, workload, rules, CliBenchmark.Sample::wall);
            if (!Double.isNaN(theirs)) {
                report.row(what + ": wall ≤ " + peer + "'s", String.format(Locale.ROOT, "%s vs %s (%.2f×)",
                        seconds(wall), seconds(theirs), wall / theirs), Report.yes(wall <= theirs));
            }
        }
        double rss = median(NFTLINK, workload, rules, s -> s.rssKib() / 1024.0);
        report.row(what + ": RSS ≤ 300 MB", String.format(Locale.ROOT, "%.0f MB", rss), Report.yes(rss <= RSS_MB));
    }

    private void runs() {
        if (samples.isEmpty()) {
            return;
        }
        report.header("workload", "rules", "peer", "wall median", "wall range", "CPU median", "RSS median MB", "rounds");
        Set<String> keys = new LinkedHashSet<>();
        samples.forEach(s -> keys.add(s.workload() + "\t" + s.rules() + "\t" + s.peer()));
        for (String key : keys) {
            String[] k = key.split("\t");
            int rules = Integer.parseInt(k[1]);
            List<CliBenchmark.Sample> mine = of(k[2], k[0], rules);
            double min = mine.stream().mapToDouble(CliBenchmark.Sample::wall).min().orElse(Double.NaN);
            double max = mine.stream().mapToDouble(CliBenchmark.Sample::wall).max().orElse(Double.NaN);
            report.row(k[0].equals("file") ? "`-f`" : k[0].equals("list") ? "`list ruleset`" : "`--version`",
                    k[0].equals("version") ? "–" : String.format(Locale.ROOT, "%,d", rules), k[2],
                    seconds(median(k[2], k[0], rules, CliBenchmark.Sample::wall)), seconds(min) + " – " + seconds(max),
                    seconds(median(k[2], k[0], rules, CliBenchmark.Sample::cpu)),
                    String.format(Locale.ROOT, "%.0f", median(k[2], k[0], rules, s -> s.rssKib() / 1024.0)), mine.size());
        }
        report.line("");
    }

    private void listing(List<String> sizes) {
        if (sizes.isEmpty()) {
            return;
        }
        report.line("Listing the generated rule set in-process (`RulesetListBenchmark`, JMH average time): "
                + "**decode**: `RulesetListing.read` (tables, chains, sets and their elements, rules, objects); "
                + "**render**: the decoded model printed as `nft list ruleset` prints it; **both**: what "
                + "`nftlink list ruleset` does; the peer is `nft list ruleset` as a process.");
        report.line("");
        report.header("rules", "decode", "render", "decode + render", "`nft list ruleset`", "nft ÷ both",
                "decode heap MB", "render heap MB");
        for (String r : sizes) {
            Report.Stat decode = report.find("list-generated", "decode", "rules", r);
            Report.Stat render = report.find("list-generated", "render", "rules", r);
            Report.Stat both = report.find("list-generated", "decodeRender", "rules", r);
            Report.Stat nft = report.find("list-generated", "nftList", "rules", r);
            report.row(r, Report.time(decode), Report.time(render), Report.time(both), Report.time(nft),
                    both == null || nft == null ? "–" : Report.times(nft.micros() / both.micros()),
                    Report.megabytes(decode), Report.megabytes(render));
        }
        report.line("");
    }

    private List<CliBenchmark.Sample> of(String peer, String workload, int rules) {
        List<CliBenchmark.Sample> out = new ArrayList<>();
        for (CliBenchmark.Sample s : samples) {
            if (s.peer().equals(peer) && s.workload().equals(workload) && s.rules() == rules) {
                out.add(s);
            }
        }
        return out;
    }

    private double median(String peer, String workload, int rules, ToDoubleFunction<CliBenchmark.Sample> value) {
        double[] v = of(peer, workload, rules).stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "–" : s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000)
                : String.format(Locale.ROOT, "%.2f s", s);
    }
}
