package nftlink.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the benchmark matrix of one profile and writes the Markdown report.
 *
 * <pre>
 * java -jar benchmarks.jar [--quick | --full] [--results DIR] [--only REGEX]
 * </pre>
 *
 * With the system property {@code nftlink.bench.cli} naming nftlink's launcher, the whole-process
 * runs of {@link CliBenchmark} follow the JMH runs ({@code --only cli} runs only them).
 *
 * Every run uses {@code -prof gc}. Raw JMH results go to {@code DIR/raw/} as JSON. The report is
 * {@code DIR/REPORT-<date>.md} for the full profile, {@code REPORT-<date>-quick.md} or
 * {@code REPORT-<date>-smoke.md} for the others, with {@code -partial} before {@code .md} after {@code --only};
 * the plots carry the same suffix.
 */
public final class BenchMain {

    /** The run of {@link PairedBatchBenchmark}, whose forks write rounds the report reads. */
    static final String PAIRED = "paired";

    /**
     * One JMH invocation: which benchmarks, with which parameter values; {@code warmups}
     * and {@code iterations} override the profile's when positive (for runs whose
     * slowest peers take seconds per call).
     */
    record Run(String name, String include, Map<String, String[]> params, int warmups, int iterations, String splitBy) {
        Run(String name, String include, Map<String, String[]> params) {
            this(name, include, params, 0, 0, null);
        }

        Run(String name, String include, Map<String, String[]> params, int warmups, int iterations) {
            this(name, include, params, warmups, iterations, null);
        }

        /**
         * The same run as one JMH invocation per value of parameter {@code param}, so the
         * peers compared at one value run minutes apart, not one after the other's whole
         * curve (JMH orders by benchmark first, then by parameters).
         */
        Run splitBy(String param) {
            return new Run(name, include, params, warmups, iterations, param);
        }

        /** The JMH invocations of this run: itself, or one per value of {@link #splitBy}. */
        List<Map<String, String[]>> parameterSets() {
            if (splitBy == null || !params.containsKey(splitBy)) {
                return List.of(params);
            }
            List<Map<String, String[]>> sets = new ArrayList<>();
            for (String value : params.get(splitBy)) {
                Map<String, String[]> one = new LinkedHashMap<>(params);
                one.put(splitBy, new String[]{value});
                sets.add(one);
            }
            return sets;
        }
    }

    /** Iteration settings of a profile. */
    record Profile(String name, int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime, int forks,
                   List<Run> runs) {
    }

    static Profile quick() {
        return new Profile("quick", 2, TimeValue.milliseconds(500), 5, TimeValue.milliseconds(500), 1, List.of(
                // a CPU-bound micro-benchmark: on a loaded machine the JIT needs more than a second to compile it
                new Run("encode", "EncodeBenchmark", Map.of(), 8, 5),
                new Run("batch", "BatchBenchmark\\.(nftlink|nftlinkEcho|floor|libnftables|nftFile)$",
                        Map.of("n", new String[]{"1", "100", "1000", "10000"})).splitBy("n"),
                new Run(PAIRED, "PairedBatchBenchmark", Map.of("n", new String[]{"1", "100", "1000", "10000"}), 2, 10),
                new Run("per-update", "BatchBenchmark\\.nftPerUpdate$", Map.of("n", new String[]{"1", "100"})),
                new Run("existing", "ExistingRulesBenchmark", Map.of("m", new String[]{"10000", "50000"},
                        "n", new String[]{"1", "100"})).splitBy("m"),
                new Run("sets", "SetElementsBenchmark", Map.of("kind", new String[]{"hash", "interval"},
                        "existing", new String[]{"100000"}, "n", new String[]{"1", "100", "10000"}), 1, 3).splitBy("kind"),
                new Run("sets-empty", "SetElementsBenchmark\\.(nftlink|floor)$", Map.of("kind",
                        new String[]{"hash", "interval"}, "existing", new String[]{"0"}, "n", new String[]{"1", "100", "10000"})),
                new Run("list", "ListBenchmark", Map.of("rules", new String[]{"50000"}), 1, 3),
                new Run("parse", "ParseBenchmark", Map.of("rules", new String[]{"50000"}), 5, 5),
                new Run("list-generated", "RulesetListBenchmark", Map.of("rules", new String[]{"50000"}), 2, 3),
                // each call is a few milliseconds; more samples for a p99 worth reading
                new Run("cgroup", "CgroupBenchmark", Map.of("form", new String[]{"rule", "set"}), 3, 10)));
    }

    /** Seconds per benchmark, tiny sizes: checks that the matrix and the report work; the numbers mean nothing. */
    static Profile smoke() {
        return new Profile("smoke", 1, TimeValue.milliseconds(100), 2, TimeValue.milliseconds(100), 1, List.of(
                new Run("encode", "EncodeBenchmark", Map.of()),
                new Run("batch", "BatchBenchmark\\.(nftlink|nftlinkEcho|floor|libnftables|nftFile)$",
                        Map.of("n", new String[]{"1", "10", "100"})).splitBy("n"),
                new Run(PAIRED, "PairedBatchBenchmark", Map.of("n", new String[]{"1", "10", "100"})),
                new Run("per-update", "BatchBenchmark\\.nftPerUpdate$", Map.of("n", new String[]{"1"})),
                new Run("existing", "ExistingRulesBenchmark", Map.of("m", new String[]{"100", "1000"},
                        "n", new String[]{"1"})),
                new Run("sets", "SetElementsBenchmark", Map.of("kind", new String[]{"hash", "interval"},
                        "existing", new String[]{"1000"}, "n", new String[]{"1"})),
                new Run("sets-empty", "SetElementsBenchmark\\.(nftlink|floor)$", Map.of("kind",
                        new String[]{"hash", "interval"}, "existing", new String[]{"0"}, "n", new String[]{"1"})),
                new Run("list", "ListBenchmark", Map.of("rules", new String[]{"1000"})),
                new Run("parse", "ParseBenchmark", Map.of("rules", new String[]{"1000"})),
                new Run("list-generated", "RulesetListBenchmark", Map.of("rules", new String[]{"1000"})),
                new Run("cgroup", "CgroupBenchmark", Map.of("form", new String[]{"rule", "set"}))));
    }

    static Profile full() {
        return new Profile("full", 3, TimeValue.seconds(1), 5, TimeValue.seconds(2), 2, List.of(
                new Run("encode", "EncodeBenchmark", Map.of()),
                new Run("batch", "BatchBenchmark\\.(nftlink|nftlinkEcho|floor|libnftables|nftFile)$",
                        Map.of("n", new String[]{"1", "10", "100", "1000", "5000", "10000", "25000", "50000"})).splitBy("n"),
                // rounds of a few seconds at the largest N: more iterations, for two dozen rounds or more
                new Run(PAIRED, "PairedBatchBenchmark", Map.of("n", new String[]{"1", "10", "100", "1000", "5000",
                        "10000", "25000", "50000"}), 3, 15),
                new Run("per-update", "BatchBenchmark\\.nftPerUpdate$", Map.of("n", new String[]{"1", "10", "100"})),
                new Run("existing", "ExistingRulesBenchmark", Map.of("m", new String[]{"0", "1000", "10000", "25000", "50000"},
                        "n", new String[]{"1", "100"})).splitBy("m"),
                new Run("sets", "SetElementsBenchmark", Map.of("kind", new String[]{"hash", "interval"},
                        "existing", new String[]{"100000"}, "n", new String[]{"1", "100", "10000"})).splitBy("kind"),
                new Run("sets-empty", "SetElementsBenchmark\\.(nftlink|floor)$", Map.of("kind",
                        new String[]{"hash", "interval"}, "existing", new String[]{"0"}, "n", new String[]{"1", "100", "10000"})),
                new Run("list", "ListBenchmark", Map.of("rules", new String[]{"10000", "50000"})),
                new Run("parse", "ParseBenchmark", Map.of("rules", new String[]{"1000", "50000"})),
                new Run("list-generated", "RulesetListBenchmark", Map.of("rules", new String[]{"1000", "50000"})),
                new Run("cgroup", "CgroupBenchmark", Map.of("form", new String[]{"rule", "set"}))));
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Profile profile = quick();
        Path results = Path.of("results");
        Pattern only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> profile = quick();
                case "--full" -> profile = full();
                case "--smoke" -> profile = smoke();
                case "--results" -> results = Path.of(args[++i]);
                case "--only" -> only = Pattern.compile(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar benchmarks.jar [--quick | --full | --smoke] [--results DIR] [--only REGEX]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        Path raw = results.resolve("raw");
        Files.createDirectories(raw);
        Environment before = Environment.capture();
        Instant start = Instant.now();
        // every file of the run is named by the day it started, also when it ends after midnight
        LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
        // the rounds PairedBatchBenchmark's forks write
        Path paired = raw.resolve(day + "-" + profile.name() + "-paired");
        Map<String, List<RunResult>> all = new LinkedHashMap<>();
        for (Run run : profile.runs()) {
            if (only != null && !only.matcher(run.name()).find() && !only.matcher(run.include()).find()) {
                continue;
            }
            if (run.name().equals(PAIRED)) {
                deleteDirectory(paired); // an earlier run's rounds of the same day and profile
            }
            List<RunResult> runResults = new ArrayList<>();
            for (Map<String, String[]> params : run.parameterSets()) {
                String file = day + "-" + profile.name() + "-" + run.name()
                        + (run.splitBy() == null ? "" : "-" + run.splitBy() + params.get(run.splitBy())[0]) + ".json";
                ChainedOptionsBuilder b = new OptionsBuilder()
                        .include(BenchMain.class.getPackageName() + "." + run.include())
                        .warmupIterations(run.warmups() > 0 ? run.warmups() : profile.warmups())
                        .warmupTime(profile.warmupTime())
                        .measurementIterations(run.iterations() > 0 ? run.iterations() : profile.iterations())
                        .measurementTime(profile.iterationTime())
                        .forks(profile.forks())
                        .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx2g",
                                "-Dnftlink.bench.stats=" + raw.toAbsolutePath(),
                                "-Dnftlink.bench.paired=" + paired.toAbsolutePath())
                        .addProfiler(GCProfiler.class)
                        .shouldFailOnError(true)
                        .resultFormat(ResultFormatType.JSON)
                        .result(raw.resolve(file).toString());
                params.forEach(b::param);
                runResults.addAll(new Runner(b.build()).run());
            }
            all.put(run.name(), runResults);
        }
        String launcher = System.getProperty("nftlink.bench.cli");
        if (launcher != null && (only == null || only.matcher("cli").find())) {
            boolean smoke = profile.name().equals("smoke");
            boolean full = profile.name().equals("full");
            CliBenchmark.run(launcher, smoke ? new int[]{1, 100} : new int[]{1, 1000, 50000}, smoke ? 1 : full ? 9 : 5,
                    smoke ? 1 : full ? 5 : 3, raw.resolve(day + "-" + profile.name() + "-cli.tsv"));
        }
        Duration took = Duration.between(start, Instant.now());
        Environment after = Environment.capture();
        // neither a shorter profile nor a partial run (--only) may overwrite the day's full report or its plots
        String stamp = day + (profile.name().equals("full") ? "" : "-" + profile.name())
                + (only == null ? "" : "-partial");
        Path report = results.resolve("REPORT-" + stamp + ".md");
        Files.writeString(report, new Report(profile.name(), all,
                all.containsKey(PAIRED) ? PairedSamples.read(paired) : Map.of(), before, after, took,
                results, stamp, raw).markdown());
        System.out.println("report written to " + report.toAbsolutePath());
    }

    /** Removes {@code dir} and the files in it (it holds no sub-directories), if it exists. */
    static void deleteDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
