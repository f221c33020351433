package nftlink.cgroup;

import java.util.Objects;

/**
 * A systemd service manager: the system manager, or the user manager of one
 * user ({@code user@UID.service}).
 *
 * @param system whether it is the system manager
 * @param uid    the user it runs as (0 for the system manager)
 * @param root   the cgroup its units live below: the root for the system
 *               manager, {@code user.slice/user-UID.slice/user@UID.service} for a user manager
 */
public record UnitManager(boolean system, int uid, CgroupPath root) {

    /** Checks the components: a root, and a uid not negative. */
    public UnitManager {
        Objects.requireNonNull(root, "root");
        if (uid < 0) {
            throw new IllegalArgumentException("negative uid " + uid);
        }
    }

    /**
     * The system manager, its units below the hierarchy's root.
     *
     * @return the manager
     */
    public static UnitManager systemManager() {
        return new UnitManager(true, 0, CgroupPath.ROOT);
    }

    /**
     * The user manager of {@code uid} at its default place.
     *
     * @param uid the user's ID
     * @return the manager
     */
    public static UnitManager userManager(int uid) {
        return new UnitManager(false, uid, CgroupPath.of("user.slice/user-" + uid + ".slice/user@" + uid + ".service"));
    }

    @Override
    public String toString() {
        return system ? "system manager" : "user manager of uid " + uid;
    }
}
