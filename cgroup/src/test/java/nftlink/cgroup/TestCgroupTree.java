package nftlink.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A test-owned subtree {@code nftlink-test-RANDOM} of the host's cgroup-v2
 * hierarchy: cgroups are made and removed with mkdir/rmdir inside it, and
 * {@link #close()} removes all of it, deepest first.
 */
final class TestCgroupTree implements AutoCloseable {

    private final CgroupHierarchy hierarchy;
    private final CgroupPath root;

    private TestCgroupTree(CgroupHierarchy hierarchy, CgroupPath root) {
        this.hierarchy = hierarchy;
        this.root = root;
    }

    static TestCgroupTree create() {
        CgroupHierarchy hierarchy = CgroupHierarchy.discover();
        CgroupPath root = CgroupPath.of("nftlink-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL));
        TestCgroupTree tree = new TestCgroupTree(hierarchy, root);
        tree.mkdir(CgroupPath.ROOT);
        return tree;
    }

    CgroupHierarchy hierarchy() {
        return hierarchy;
    }

    /** The subtree's root, relative to the hierarchy. */
    CgroupPath root() {
        return root;
    }

    /** {@code relative} inside the subtree, as a hierarchy path. */
    CgroupPath path(String relative) {
        return root.resolve(CgroupPath.of(relative));
    }

    Path directory(CgroupPath relative) {
        return hierarchy.directory(root.resolve(relative));
    }

    /** Creates the cgroup {@code relative} (its parent must exist); returns its hierarchy path. */
    CgroupPath mkdir(String relative) {
        return mkdir(CgroupPath.of(relative));
    }

    CgroupPath mkdir(CgroupPath relative) {
        try {
            Files.createDirectory(directory(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root.resolve(relative);
    }

    /** Removes the (empty) cgroup {@code relative}. */
    void rmdir(String relative) {
        try {
            Files.delete(directory(CgroupPath.of(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every cgroup below {@code relative} and {@code relative} itself, deepest first. */
    void rmdirTree(String relative) {
        removeTree(directory(CgroupPath.of(relative)));
    }

    private static void removeTree(Path top) {
        if (!Files.isDirectory(top)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(top)) {
            dirs = s.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        removeTree(hierarchy.directory(root));
    }
}
