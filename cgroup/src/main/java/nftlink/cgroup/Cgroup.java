package nftlink.cgroup;

import java.util.Objects;

/**
 * A cgroup as the kernel identifies it: its path in the hierarchy and its ID,
 * the inode number of its directory, which is what {@code socket cgroupv2}
 * compares and what {@code bpf_get_current_cgroup_id()} returns. A cgroup that is
 * removed and created again under the same path gets a new ID.
 *
 * @param path its path relative to the hierarchy's root
 * @param id   its cgroup ID
 */
public record Cgroup(CgroupPath path, long id) {

    /** Checks the component: {@code path} must not be null. */
    public Cgroup {
        Objects.requireNonNull(path, "path");
    }

    /**
     * Number of path components below the root.
     *
     * @return the level
     */
    public int level() {
        return path.level();
    }

    @Override
    public String toString() {
        return "cgroup \"" + path + "\" (id " + Long.toUnsignedString(id) + ")";
    }
}
