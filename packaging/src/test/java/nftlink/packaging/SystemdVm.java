package nftlink.packaging;

import nftlink.testing.TestNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One boot of the .deb under a real systemd: {@code vm-run} (../shared/tools)
 * starts Debian 12's kernel under QEMU over this machine's root file system, where
 * {@code systemd-vm/boot} installs the package with no JDK usable, enables its units
 * and boots systemd as PID 1 of a PID namespace; {@code systemd-vm/check}, a unit
 * of that boot, drives the units and writes what it sees to
 * {@code target/systemd-vm/results}, which the VM shares with this machine.
 */
final class SystemdVm {

    /** Wall-clock limit of the whole session; the checker's own waits end well before. */
    private static final int LIMIT_SECONDS = 1800;

    private final Path results;

    private SystemdVm(Path results) {
        this.results = results;
    }

    /**
     * Runs the session and returns its records.
     *
     * @throws AssertionError when the VM cannot start or the checker did not finish,
     *                        with vm-run's output and the guest's logs
     */
    static SystemdVm boot() throws IOException, InterruptedException {
        Path vmRun = vmRun();
        Path dir = Packages.target().resolve("systemd-vm");
        Files.createDirectories(dir);
        Files.copy(Packages.deb(), dir.resolve("nftlink.deb"), StandardCopyOption.REPLACE_EXISTING);
        for (String file : List.of("boot", "check", "nftables.conf")) {
            Files.copy(Packages.module().resolve("systemd-vm").resolve(file), dir.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        long started = System.nanoTime();
        TestNamespace.Result r = Packages.run(dir, Map.of(), LIMIT_SECONDS / 60 + 5,
                vmRun.toString(), "-t", Integer.toString(LIMIT_SECONDS), "--",
                dir.resolve("boot").toString(), dir.toString(), Packages.referenceNft());
        Path results = dir.resolve("results");
        Files.writeString(dir.resolve("vm-run.log"), "exit " + r.exitCode() + " after " + (System.nanoTime() - started) / 1_000_000_000L
                + " s\n--- stdout\n" + r.stdout() + "--- stderr\n" + r.stderr());
        switch (r.exitCode()) {
            case 0 -> { }
            case 125 -> throw new AssertionError("the VM did not start (vm-run exit 125; CI must run it):\n" + tail(r.stderr()));
            case 124 -> throw new AssertionError("the VM ran out of its " + LIMIT_SECONDS + " s:\n" + logs(results));
            default -> throw new AssertionError("the guest's boot script failed (exit " + r.exitCode() + "):\n"
                    + tail(r.stderr()) + logs(results));
        }
        if (!Files.exists(results.resolve("done"))) {
            throw new AssertionError("the checker unit did not finish:\n" + logs(results));
        }
        return new SystemdVm(results);
    }

    /** vm-run from ../shared/tools beside the repository, else /work/shared/tools. */
    private static Path vmRun() {
        for (Path p : List.of(Packages.module().resolve("../../shared/tools/vm-run").normalize(), Path.of("/work/shared/tools/vm-run"))) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("vm-run is missing (looked in ../shared/tools and /work/shared/tools): the test boots systemd in its VM");
    }

    /** The text of a record file, "" when the checker did not write it. */
    String text(String file) throws IOException {
        Path p = results.resolve(file);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    /** A record of {@code systemctl show}: property to value. */
    Map<String, String> show(String file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : text(file).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                properties.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (properties.isEmpty()) {
            throw new AssertionError(file + " is empty or missing");
        }
        return properties;
    }

    /** The journal entries of nftlinkd.service and nftlink-load.service, PID 1's among them. */
    List<JournalExport.Entry> journal() throws IOException {
        return JournalExport.read(results.resolve("journal.export"));
    }

    private static String logs(Path results) {
        StringBuilder b = new StringBuilder();
        for (String file : List.of("boot.log", "steps.txt", "check.log")) {
            try {
                Path p = results.resolve(file);
                if (Files.exists(p)) {
                    b.append("--- ").append(file).append('\n').append(tail(Files.readString(p)));
                }
            } catch (IOException e) {
                b.append("--- ").append(file).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return b.toString();
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length)) + "\n";
    }
}
