package nftlink.nftables.parse;

import nftlink.nftables.mounts.Cgroup2Mounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * @param path the cgroup's path
     * @return the cgroup ID
     * @throws IllegalArgumentException when there is no such cgroup
     */
    long cgroupId(String path);

    /**
     * Stats the path under the cgroup-v2 mount found in {@code /proc/self/mountinfo}
     * ({@code /sys/fs/cgroup} on unified systems, {@code /sys/fs/cgroup/unified} on
     * hybrid ones, where {@code nft} itself fails; see {@link Cgroup2Mounts}). The mount
     * is looked up on each call.
     *
     * @return the resolver
     */
    static CgroupPathResolver mounted() {
        return path -> under(Cgroup2Mounts.find()).cgroupId(path);
    }

    /**
     * Stats the path under {@code root}.
     *
     * @param root the cgroup-v2 mount point
     * @return the resolver
     */
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

    /**
     * Refuses every path; for parsing where cgroups must not be looked up.
     *
     * @return the resolver
     */
    static CgroupPathResolver none() {
        return path -> {
            throw new IllegalArgumentException("cgroup paths are not resolved here (\"" + path + "\")");
        };
    }
}
