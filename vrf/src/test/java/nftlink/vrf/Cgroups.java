package nftlink.vrf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Test helper: finds the cgroup-v2 mount and makes throwaway cgroups under it. */
final class Cgroups {
    private Cgroups() {
    }

    /** The cgroup2 mount point, from {@code /proc/self/mountinfo}, or {@code null}. */
    static Path cgroup2Mount() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] after = line.substring(dash + 3).split(" ");
                if (after[0].equals("cgroup2")) {
                    return Path.of(line.split(" ")[4]);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a fresh cgroup under the cgroup2 mount. */
    static Path create(Path mount) {
        Path dir = mount.resolve("nftlink-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Removes a cgroup whose processes have all exited. */
    static void remove(Path cgroup) {
        try {
            Files.deleteIfExists(cgroup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shell command line that moves itself into {@code cgroup}, then runs {@code command}. */
    static List<String> inCgroup(Path cgroup, String command) {
        return List.of("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec " + command);
    }
}
