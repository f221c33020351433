package nftlink.nftables.mounts;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the cgroup-v2 hierarchy among the mounts of a mount table: the unified layout's
 * {@value #UNIFIED_MOUNT_POINT} first, then the hybrid layout's {@value #HYBRID_MOUNT_POINT}
 * (where v1 controllers are mounted beside it), then the first other {@code cgroup2} mount. Only
 * mounts of the hierarchy's root count; a mount of a subtree (a container's view) does not.
 */
public final class Cgroup2Mounts {

    /** The unified layout's mount point. */
    public static final String UNIFIED_MOUNT_POINT = "/sys/fs/cgroup";
    /** The hybrid layout's mount point. */
    public static final String HYBRID_MOUNT_POINT = "/sys/fs/cgroup/unified";

    private Cgroup2Mounts() {
    }

    /** The mount of the cgroup-v2 hierarchy's root among {@code mounts}, by the order above. */
    public static Optional<MountEntry> hierarchyRoot(List<MountEntry> mounts) {
        MountEntry hybrid = null;
        MountEntry other = null;
        for (MountEntry m : mounts) {
            if (!m.isCgroup2() || !m.root().equals("/")) {
                continue;
            }
            if (m.mountPoint().equals(UNIFIED_MOUNT_POINT)) {
                return Optional.of(m);
            }
            if (m.mountPoint().equals(HYBRID_MOUNT_POINT)) {
                hybrid = m;
            } else if (other == null) {
                other = m;
            }
        }
        return Optional.ofNullable(hybrid != null ? hybrid : other);
    }

    /**
     * Where the cgroup-v2 hierarchy is mounted for the calling process ({@link MountInfo#SELF}).
     *
     * @throws IllegalArgumentException when no cgroup2 hierarchy is mounted, or the mount table cannot be read
     */
    public static Path find() {
        List<MountEntry> mounts;
        try {
            mounts = MountInfo.read(MountInfo.SELF);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return hierarchyRoot(mounts).map(m -> Path.of(m.mountPoint())).orElseThrow(() ->
                new IllegalArgumentException("no cgroup2 file system is mounted (see " + MountInfo.SELF + ")"));
    }
}
