package nftlink.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory tree that looks like a cgroup-v2 hierarchy to the resolver (each
 * directory has a {@code cgroup.controllers} file), for logic that needs no real
 * cgroups. IDs are the directories' real inode numbers.
 */
final class FakeHierarchy {

    private final Path root;

    FakeHierarchy(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        touch(root);
    }

    CgroupHierarchy hierarchy() {
        return CgroupHierarchy.at(root);
    }

    /** Creates {@code path} and its missing parents, each looking like a cgroup. */
    CgroupPath mkdirs(String path) {
        CgroupPath p = CgroupPath.of(path);
        Path dir = root;
        for (String c : p.components()) {
            dir = dir.resolve(c);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            touch(dir);
        }
        return p;
    }

    void rmdir(String path) {
        Path dir = CgroupPath.of(path).in(root);
        try {
            Files.deleteIfExists(dir.resolve("cgroup.controllers"));
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path dir) {
        try {
            Path f = dir.resolve("cgroup.controllers");
            if (!Files.exists(f)) {
                Files.writeString(f, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
