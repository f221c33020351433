package nftlink.cgroup;

import nftlink.nftables.mounts.Cgroup2Mounts;
import nftlink.nftables.mounts.MountEntry;
import nftlink.nftables.mounts.MountInfo;
import nftlink.nftables.mounts.MountInfoException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mounted cgroup-v2 hierarchy: where it is, and how it was found.
 *
 * <p>{@link #discover()} reads {@code /proc/self/mountinfo} and prefers the
 * unified layout ({@code /sys/fs/cgroup}), then the hybrid one
 * ({@code /sys/fs/cgroup/unified}, where v1 controllers are mounted beside it),
 * then any other {@code cgroup2} mount. {@link #at(Path)} takes an explicit
 * mount point instead.
 *
 * @param mountPoint the directory the hierarchy is mounted on; cgroup paths are relative to it
 * @param layout     how the hierarchy is mounted
 */
public record CgroupHierarchy(Path mountPoint, Layout layout) {

    /** The unified layout's mount point. */
    public static final Path UNIFIED_MOUNT_POINT = Path.of(Cgroup2Mounts.UNIFIED_MOUNT_POINT);
    /** The hybrid layout's mount point. */
    public static final Path HYBRID_MOUNT_POINT = Path.of(Cgroup2Mounts.HYBRID_MOUNT_POINT);

    /** How a hierarchy is mounted. */
    public enum Layout {
        /** cgroup v2 only, at {@code /sys/fs/cgroup}. */
        UNIFIED,
        /** v1 controllers at {@code /sys/fs/cgroup/*}, v2 at {@code /sys/fs/cgroup/unified}. */
        HYBRID,
        /** A {@code cgroup2} mount somewhere else, or one given explicitly. */
        OTHER
    }

    /** Checks the components: neither may be null. */
    public CgroupHierarchy {
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(layout, "layout");
    }

    /**
     * Finds the hierarchy in the calling process's mount table.
     *
     * @return the hierarchy
     * @throws NoCgroupHierarchyException when no {@code cgroup2} file system is mounted
     * @throws CgroupDecodeException      when the mount table does not parse
     * @throws CgroupException            when the mount table cannot be read
     */
    public static CgroupHierarchy discover() {
        List<MountEntry> mounts;
        try {
            mounts = MountInfo.read(MountInfo.SELF);
        } catch (MountInfoException e) {
            throw new CgroupDecodeException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CgroupException(e.getMessage(), e);
        }
        return fromMounts(mounts);
    }

    /**
     * Chooses the hierarchy among parsed mount entries, as {@link Cgroup2Mounts} does.
     *
     * @throws NoCgroupHierarchyException when none of them is a {@code cgroup2} mount
     */
    static CgroupHierarchy fromMounts(List<MountEntry> mounts) {
        Optional<MountEntry> root = Cgroup2Mounts.hierarchyRoot(mounts);
        if (root.isPresent()) {
            Path point = Path.of(root.get().mountPoint());
            return new CgroupHierarchy(point, layout(point));
        }
        for (MountEntry m : mounts) {
            if (m.isCgroup2()) {
                throw new NoCgroupHierarchyException("the only cgroup2 mount, at " + m.mountPoint()
                        + ", shows a subtree (" + m.root() + "), not the hierarchy's root; mount cgroup2 or name it explicitly");
            }
        }
        throw new NoCgroupHierarchyException("no cgroup2 file system is mounted (looked in the mount table for "
                + UNIFIED_MOUNT_POINT + ", " + HYBRID_MOUNT_POINT + " and any other cgroup2 mount)");
    }

    private static Layout layout(Path mountPoint) {
        return mountPoint.equals(UNIFIED_MOUNT_POINT) ? Layout.UNIFIED
                : mountPoint.equals(HYBRID_MOUNT_POINT) ? Layout.HYBRID : Layout.OTHER;
    }

    /**
     * A hierarchy mounted at {@code mountPoint}, checked to be a cgroup-v2 root
     * (a directory with {@code cgroup.controllers}).
     *
     * @param mountPoint the mount point
     * @return the hierarchy
     * @throws NoCgroupHierarchyException when it is not
     */
    public static CgroupHierarchy at(Path mountPoint) {
        if (!Files.isDirectory(mountPoint, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoCgroupHierarchyException(mountPoint + " is not a directory, so no cgroup-v2 hierarchy is mounted there");
        }
        if (!Files.isRegularFile(mountPoint.resolve("cgroup.controllers"), LinkOption.NOFOLLOW_LINKS)) {
            throw new NoCgroupHierarchyException(mountPoint + " has no cgroup.controllers, so it is not a cgroup-v2 hierarchy");
        }
        return new CgroupHierarchy(mountPoint, layout(mountPoint));
    }

    /**
     * The directory of {@code path} in this hierarchy.
     *
     * @param path the cgroup's path
     * @return the directory
     */
    public Path directory(CgroupPath path) {
        return path.in(mountPoint);
    }

    /** The device number of the hierarchy's file system, to tell its directories from others. */
    long device() {
        try {
            return ((Number) Files.getAttribute(mountPoint, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (NoSuchFileException e) {
            throw new NoCgroupHierarchyException("the cgroup-v2 hierarchy at " + mountPoint + " is gone");
        } catch (IOException e) {
            throw new CgroupException("cannot stat " + mountPoint + ": " + e.getMessage(), e);
        }
    }
}
