package nftlink.nftables.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the path in {@code socket cgroupv2 level N "PATH"} to a cgroup ID when
 * a rule is compiled. The cgroup module supplies a resolver backed by its own
 * hierarchy index; {@link #mounted()} is the minimal stand-alone one.
 */
@FunctionalInterface
public interface CgroupPathResolver {

    /**
     * The ID (inode number) of the cgroup at {@code path}, relative to the
     * cgroup-v2 root (a leading {@code /} is allowed).
     *
     * @throws IllegalArgumentException when there is no such cgroup
     */
    long cgroupId(String path);

    /**
     * Stats the path under the cgroup-v2 mount found in {@code /proc/self/mountinfo}
     * ({@code /sys/fs/cgroup} on unified systems, {@code /sys/fs/cgroup/unified} on
     * hybrid ones, where {@code nft} itself fails). The mount is looked up on each call.
     */
    static CgroupPathResolver mounted() {
        return path -> under(CgroupMount.find()).cgroupId(path);
    }

    /** Stats the path under {@code root}. */
    static CgroupPathResolver under(Path root) {
        return path -> {
            String relative = path.startsWith("/") ? path.substring(1) : path;
            Path p = root.resolve(relative).normalize();
            if (!p.startsWith(root) || relative.isEmpty() && !path.equals("/")) {
                throw new IllegalArgumentException("cgroup path \"" + path + "\" is outside the cgroup hierarchy");
            }
            try {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("cgroup \"" + path + "\" does not exist (no directory " + p + ")");
                }
                return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
            } catch (IOException | UnsupportedOperationException e) {
                throw new IllegalArgumentException("cannot stat cgroup \"" + path + "\": " + e.getMessage());
            }
        };
    }

    /** Refuses every path; for parsing where cgroups must not be looked up. */
    static CgroupPathResolver none() {
        return path -> {
            throw new IllegalArgumentException("cgroup paths are not resolved here (\"" + path + "\")");
        };
    }

    /** Finds the cgroup-v2 mount point. */
    final class CgroupMount {
        private CgroupMount() {
        }

        static Path find() {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read /proc/self/mountinfo: " + e.getMessage());
            }
            return find(lines);
        }

        /** The cgroup2 mount among mountinfo {@code lines}, preferring {@code /sys/fs/cgroup}. */
        public static Path find(List<String> lines) {
            Path found = null;
            for (String line : lines) {
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] before = line.substring(0, dash).split(" ");
                String[] after = line.substring(dash + 3).split(" ");
                if (before.length < 5 || after.length < 1 || !after[0].equals("cgroup2")) {
                    continue;
                }
                Path mount = Path.of(unescape(before[4]));
                if (mount.equals(Path.of("/sys/fs/cgroup"))) {
                    return mount;
                }
                if (found == null || mount.equals(Path.of("/sys/fs/cgroup/unified"))) {
                    found = mount;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no cgroup2 file system is mounted (see /proc/self/mountinfo)");
            }
            return found;
        }

        private static String unescape(String s) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\\' && i + 3 < s.length()) {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    sb.append(s.charAt(i));
                }
            }
            return sb.toString();
        }
    }
}
