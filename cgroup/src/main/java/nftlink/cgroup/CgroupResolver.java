package nftlink.cgroup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Path to ID and back in one cgroup-v2 hierarchy.
 *
 * <p>Path to ID is a {@code stat} of the cgroup's directory: its inode number is
 * the cgroup ID. ID to path uses a {@link CgroupIndex} (kept current by a watcher
 * that feeds it events) and falls back to scanning the whole hierarchy when the
 * index does not know the ID or is out of date. Thread-safe.
 */
public final class CgroupResolver implements CgroupIdResolver {

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    private final CgroupHierarchy hierarchy;
    private final CgroupIndex index;
    private final long device;

    /**
     * A resolver with an index of its own, filled by lookups and scans.
     *
     * @param hierarchy the cgroup v2 hierarchy
     */
    public CgroupResolver(CgroupHierarchy hierarchy) {
        this(hierarchy, new CgroupIndex());
    }

    /**
     * A resolver that consults (and refreshes) {@code index}.
     *
     * @param hierarchy the cgroup v2 hierarchy
     * @param index the path-to-ID index to use
     */
    public CgroupResolver(CgroupHierarchy hierarchy, CgroupIndex index) {
        this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
        this.index = Objects.requireNonNull(index, "index");
        this.device = hierarchy.device();
    }

    /**
     * A resolver for the hierarchy found in {@code /proc/self/mountinfo}.
     *
     * @return the resolver
     * @throws NoCgroupHierarchyException when none is mounted
     */
    public static CgroupResolver discover() {
        return new CgroupResolver(CgroupHierarchy.discover());
    }

    /**
     * The hierarchy this resolver works in.
     *
     * @return the hierarchy
     */
    public CgroupHierarchy hierarchy() {
        return hierarchy;
    }

    /**
     * The index it consults.
     *
     * @return the index
     */
    public CgroupIndex index() {
        return index;
    }

    @Override
    public Cgroup resolve(String path) {
        return resolve(CgroupPath.of(path));
    }

    /**
     * The cgroup at {@code path}, with its current ID.
     *
     * @param path the cgroup's path below the root
     * @return the cgroup
     * @throws NoSuchCgroupException when there is no such cgroup
     * @throws NotACgroupException   when the path names something that is not a cgroup-v2 directory
     */
    public Cgroup resolve(CgroupPath path) {
        Path dir = hierarchy.directory(path);
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(dir, "unix:ino,dev,mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new NoSuchCgroupException("no cgroup \"" + path + "\" in the cgroup-v2 hierarchy at "
                    + hierarchy.mountPoint() + " (" + dir + " does not exist)");
        } catch (IOException e) {
            throw new CgroupException("cannot stat " + dir + ": " + e.getMessage(), e);
        }
        int mode = ((Number) attributes.get("mode")).intValue();
        if ((mode & S_IFMT) != S_IFDIR) {
            throw new NotACgroupException(dir + " is not a directory, so \"" + path + "\" is not a cgroup");
        }
        if (((Number) attributes.get("dev")).longValue() != device) {
            throw new NotACgroupException(dir + " is on another file system than the cgroup-v2 hierarchy at "
                    + hierarchy.mountPoint() + ", so \"" + path + "\" is not a cgroup");
        }
        if (!Files.isRegularFile(dir.resolve("cgroup.controllers"), LinkOption.NOFOLLOW_LINKS)) {
            throw new NotACgroupException(dir + " has no cgroup.controllers, so \"" + path + "\" is not a cgroup-v2 cgroup");
        }
        Cgroup cgroup = new Cgroup(path, ((Number) attributes.get("ino")).longValue());
        index.put(cgroup);
        return cgroup;
    }

    /**
     * The current ID of the cgroup at {@code path}; see {@link #resolve(CgroupPath)}.
     *
     * @param path the cgroup's path below the root
     * @return the cgroup ID (its inode number)
     */
    public long id(CgroupPath path) {
        return resolve(path).id();
    }

    /**
     * The ancestor of {@code path} at {@code level}: the cgroup whose ID
     * {@code socket cgroupv2 level N} compares for a socket created in {@code path}.
     *
     * @param path the cgroup's path below the root
     * @param level the ancestor's level, from 0 for the root
     * @return the ancestor
     * @throws IllegalArgumentException when {@code level} is deeper than {@code path}
     * @throws NoSuchCgroupException    when the ancestor does not exist
     */
    public Cgroup ancestor(CgroupPath path, int level) {
        return resolve(path.ancestor(level));
    }

    /**
     * The path of the cgroup with {@code id}: from the index when it is still
     * right, otherwise by scanning the whole hierarchy (which refreshes the index).
     *
     * @param id the cgroup ID
     * @return the path, or empty when no live cgroup has that ID
     */
    public Optional<CgroupPath> path(long id) {
        Optional<Cgroup> known = index.byId(id);
        if (known.isPresent() && stillThere(known.get())) {
            return Optional.of(known.get().path());
        }
        List<Cgroup> all = scan();
        index.replaceAll(all);
        return index.byId(id).map(Cgroup::path);
    }

    private boolean stillThere(Cgroup cgroup) {
        try {
            return resolve(cgroup.path()).id() == cgroup.id();
        } catch (NoSuchCgroupException | NotACgroupException e) {
            return false;
        }
    }

    /**
     * Every cgroup of the hierarchy, parents before children.
     *
     * @return the cgroups
     */
    public List<Cgroup> scan() {
        return scan(CgroupPath.ROOT);
    }

    /**
     * The cgroup at {@code root} and every one below it, parents before children.
     * Cgroups that vanish during the scan are left out.
     *
     * @param root the path of the subtree's root
     * @return the cgroups
     * @throws NoSuchCgroupException when {@code root} itself does not exist
     */
    public List<Cgroup> scan(CgroupPath root) {
        List<Cgroup> result = new ArrayList<>();
        Deque<Cgroup> pending = new ArrayDeque<>();
        pending.add(resolve(root));
        while (!pending.isEmpty()) {
            Cgroup cgroup = pending.removeFirst();
            result.add(cgroup);
            for (String child : childDirectories(cgroup.path())) {
                try {
                    pending.add(resolve(cgroup.path().child(child)));
                } catch (NoSuchCgroupException | NotACgroupException e) {
                    // vanished since listed, or a directory that is not a cgroup
                }
            }
        }
        return result;
    }

    /** Names of the subdirectories of {@code path}'s directory; empty when it is gone. */
    List<String> childDirectories(CgroupPath path) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(hierarchy.directory(path),
                p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return List.of();
            }
            throw new CgroupException("cannot list " + hierarchy.directory(path) + ": " + e.getCause().getMessage(), e);
        } catch (AccessDeniedException e) {
            throw new CgroupException("cannot list " + e.getFile() + ": permission denied", e);
        } catch (IOException e) {
            throw new CgroupException("cannot list " + hierarchy.directory(path) + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }
}
