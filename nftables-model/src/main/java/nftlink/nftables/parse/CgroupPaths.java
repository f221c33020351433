package nftlink.nftables.parse;

import nftlink.nftables.mounts.Cgroup2Mounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * cgroup IDs back to their paths, as nft lists {@code socket cgroupv2 level 2 "system.slice/a.service"}:
 * the path, relative to the cgroup-v2 mount, of the directory whose inode number is the ID; {@code null}
 * (the ID is printed then) when no cgroup has it. The hierarchy is read once, on the first lookup.
 *
 * <p>nft 1.1.3 looks only under {@code /sys/fs/cgroup}; {@link #mounted()} looks where
 * {@code /proc/self/mountinfo} says cgroup2 is mounted, so that hybrid systems
 * ({@code /sys/fs/cgroup/unified}) list paths too.
 */
public final class CgroupPaths implements LongFunction<String> {

    private final RootFinder root;
    private Map<Long, String> byId;

    @FunctionalInterface
    private interface RootFinder {
        Path find();
    }

    private CgroupPaths(RootFinder root) {
        this.root = root;
    }

    /**
     * The cgroups of the cgroup-v2 mount this process sees.
     *
     * @return the paths
     */
    public static CgroupPaths mounted() {
        return new CgroupPaths(Cgroup2Mounts::find);
    }

    /**
     * The cgroups under {@code root}.
     *
     * @param root the cgroup-v2 mount point
     * @return the paths
     */
    public static CgroupPaths under(Path root) {
        return new CgroupPaths(() -> root);
    }

    @Override
    public synchronized String apply(long id) {
        if (byId == null) {
            byId = index();
        }
        return byId.get(id);
    }

    private Map<Long, String> index() {
        Map<Long, String> found = new HashMap<>();
        Path top;
        try {
            top = root.find();
        } catch (IllegalArgumentException e) {
            // no cgroup2 mount: every ID prints as a number
            return found;
        }
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (!dir.equals(top)) {
                        Object inode = Files.getAttribute(dir, "unix:ino");
                        found.putIfAbsent(((Number) inode).longValue(), top.relativize(dir).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // a cgroup removed while the tree is read
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            return found;
        }
        return found;
    }
}
