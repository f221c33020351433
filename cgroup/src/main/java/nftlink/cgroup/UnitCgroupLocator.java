package nftlink.cgroup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the cgroup of a systemd unit: a slice {@code a-b.slice} lives at
 * {@code a.slice/a-b.slice} below its manager's root; any other unit lives
 * directly in some slice, so the slices below the manager's root are searched,
 * breadth first, for a directory with the unit's name.
 */
public final class UnitCgroupLocator {

    private static final int MAX_SLICES_SEARCHED = 10_000;

    private final CgroupResolver resolver;

    /**
     * A locator in {@code resolver}'s hierarchy.
     *
     * @param resolver the resolver
     */
    public UnitCgroupLocator(CgroupResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * The unit's cgroup now, or empty when it has none (not running, or no processes ever).
     *
     * @param manager the unit's manager
     * @param unit the unit's name
     * @return the cgroup, or empty
     */
    public Optional<Cgroup> locate(UnitManager manager, String unit) {
        if (!UnitEvents.isUnitName(unit)) {
            throw new IllegalArgumentException("not a unit name: \"" + unit + "\"");
        }
        if (unit.endsWith(".slice")) {
            return existing(manager.root().resolve(slicePath(unit)));
        }
        Deque<CgroupPath> slices = new ArrayDeque<>();
        slices.add(manager.root());
        int searched = 0;
        while (!slices.isEmpty() && searched++ < MAX_SLICES_SEARCHED) {
            CgroupPath slice = slices.removeFirst();
            for (String child : resolver.childDirectories(slice)) {
                if (child.equals(unit)) {
                    Optional<Cgroup> found = existing(slice.child(child));
                    if (found.isPresent()) {
                        return found;
                    }
                } else if (child.endsWith(".slice")) {
                    slices.add(slice.child(child));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code a-b-c.slice} -> {@code a.slice/a-b.slice/a-b-c.slice}; {@code -.slice} -> the root. */
    static CgroupPath slicePath(String slice) {
        if (slice.equals("-.slice")) {
            return CgroupPath.ROOT;
        }
        String stem = slice.substring(0, slice.length() - ".slice".length());
        CgroupPath path = CgroupPath.ROOT;
        int dash = -1;
        while ((dash = stem.indexOf('-', dash + 1)) >= 0) {
            if (dash > 0) {
                path = path.child(stem.substring(0, dash) + ".slice");
            }
        }
        return path.child(slice);
    }

    private Optional<Cgroup> existing(CgroupPath path) {
        try {
            return Optional.of(resolver.resolve(path));
        } catch (NoSuchCgroupException | NotACgroupException e) {
            return Optional.empty();
        }
    }
}
