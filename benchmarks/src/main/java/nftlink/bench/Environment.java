package nftlink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the report says about the machine: CPU, memory, kernel, JDK, nft, load. */
record Environment(Instant time, String cpu, int cpus, String memory, String kernel, String jdk, String nft,
                   String loadAverage, String library) {

    static Environment capture() {
        return new Environment(Instant.now(), cpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(),
                read("/proc/sys/kernel/osrelease"), System.getProperty("java.vm.name") + " " + Runtime.version(),
                nftVersion(), readLoadAverage(),
                System.getProperty("nftlink.bench.library", "not recorded (run through benchmarks/run to record it)"));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readLoadAverage() {
        String[] f = read("/proc/loadavg").split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb / 1024 / 1024) + " GiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String nftVersion() {
        try {
            return BenchNamespace.run(List.of("nft", "--version"), null).stdout().strip();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
