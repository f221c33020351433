package nftlink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whole processes, as a user meets them (issue 18): {@code nftlink}, the reference nft 1.1.3
 * ({@code nft-ref}) and the installed {@code nft}, each started by {@code ip netns exec} in a
 * throwaway namespace under GNU {@code time}, which gives user and system CPU and the largest
 * resident set; the wall time is taken around the whole command (so it includes
 * {@code ip netns exec} and {@code time}, the same few milliseconds for every peer). The peers take turns within each round, so all of them meet the
 * same load. Workloads:
 * <ul>
 *   <li>{@code -f} of the {@link RulesetGenerator} file of N rules (it starts with
 *       {@code flush ruleset}, so every run replaces what the previous one loaded);</li>
 *   <li>{@code list ruleset} of that rule set, loaded once by the installed nft (nft 1.0.6
 *       crashes listing sets that nft 1.1.3 wrote);</li>
 *   <li>cold start: {@code --version}.</li>
 * </ul>
 * Each measurement is one line of {@code raw/DAY-PROFILE-cli.tsv}: workload, size, peer, run,
 * wall seconds, CPU seconds, largest RSS in KiB; {@link CliSection} reads it for the report.
 */
final class CliBenchmark {

    /** One process: what ran and what it cost. */
    record Sample(String workload, int rules, String peer, int run, double wall, double cpu, long rssKib) {
        String tsv() {
            return String.format(Locale.ROOT, "%s\t%d\t%s\t%d\t%.4f\t%.4f\t%d", workload, rules, peer, run, wall, cpu, rssKib);
        }

        static Sample parse(String line) {
            String[] f = line.split("\t");
            return new Sample(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Long.parseLong(f[6]));
        }
    }

    /** A program compared: its name in the report and its command. */
    record Peer(String name, String command) {
    }

    private final List<Peer> peers;
    private final Path work;

    private CliBenchmark(List<Peer> peers, Path work) {
        this.peers = peers;
        this.work = work;
    }

    /**
     * The peers found: nftlink's launcher {@code launcher}, nft-ref ({@code $NFTLINK_NFT_REF}, else
     * {@code /tmp/shared/tools/nft-ref}) and {@code /usr/sbin/nft}, those that exist.
     */
    static List<Peer> peers(String launcher) {
        List<Peer> out = new ArrayList<>();
        if (launcher != null && Files.isExecutable(Path.of(launcher))) {
            out.add(new Peer("nftlink", launcher));
        }
        String ref = System.getenv().getOrDefault("NFTLINK_NFT_REF", "/tmp/shared/tools/nft-ref");
        if (Files.isExecutable(Path.of(ref))) {
            out.add(new Peer("nft 1.1.3", ref));
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nft"))) {
            out.add(new Peer("nft (installed)", "/usr/sbin/nft"));
        }
        return out;
    }

    /**
     * Runs every workload at {@code sizes} with {@code runs} rounds ({@code bigRuns} at sizes of
     * 10,000 rules and more) and writes the samples to {@code out}.
     */
    static void run(String launcher, int[] sizes, int runs, int bigRuns, Path out) throws IOException {
        List<Peer> peers = peers(launcher);
        if (peers.isEmpty()) {
            return;
        }
        Path work = Files.createTempDirectory("nftlink-bench-cli-");
        List<Sample> samples = new ArrayList<>();
        try {
            CliBenchmark b = new CliBenchmark(peers, work);
            for (int run = 0; run < runs; run++) {
                b.rounds(samples, "version", 0, run, List.of("--version"), null);
            }
            for (int rules : sizes) {
                Path file = work.resolve("rules-" + rules + ".nft");
                Files.writeString(file, RulesetGenerator.generate(rules));
                int n = rules >= 10_000 ? bigRuns : runs;
                try (BenchNamespace ns = BenchNamespace.create()) {
                    for (int run = 0; run < n; run++) {
                        b.rounds(samples, "file", rules, run, List.of("-f", file.toString()), ns);
                    }
                    // listed as the installed nft loaded it, which every peer can list
                    ns.nftScript(Files.readString(file));
                    for (int run = 0; run < n; run++) {
                        b.rounds(samples, "list", rules, run, List.of("list", "ruleset"), ns);
                    }
                }
                System.out.println("cli: " + rules + " rules done");
            }
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
        Files.createDirectories(out.getParent());
        Files.write(out, samples.stream().map(Sample::tsv).toList());
    }

    /** One round: every peer once, in turn. */
    private void rounds(List<Sample> samples, String workload, int rules, int run, List<String> args, BenchNamespace ns)
            throws IOException {
        for (Peer peer : peers) {
            samples.add(measure(peer, workload, rules, run, args, ns));
        }
    }

    private Sample measure(Peer peer, String workload, int rules, int run, List<String> args, BenchNamespace ns)
            throws IOException {
        Path times = work.resolve("time.txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M"));
        if (ns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", ns.name()));
        }
        cmd.add(peer.command());
        cmd.addAll(args);
        long start = System.nanoTime();
        BenchNamespace.Result r = BenchNamespace.run(cmd, null);
        double wall = (System.nanoTime() - start) / 1e9;
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + r.exitCode() + ": "
                    + r.stderr().strip());
        }
        List<String> lines = Files.readAllLines(times);
        String[] f = lines.getLast().strip().split(" ");
        // wall from this process's clock (GNU time's %e has 10 ms steps); CPU and RSS from time
        return new Sample(workload, rules, peer.name(), run, wall,
                Double.parseDouble(f[1]) + Double.parseDouble(f[2]), Long.parseLong(f[3]));
    }
}
