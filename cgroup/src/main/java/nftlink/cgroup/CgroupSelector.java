package nftlink.cgroup;

import java.util.Objects;

/** Which cgroups a policy entry applies to. */
public sealed interface CgroupSelector {

    /**
     * Whether the cgroup at {@code path} is selected.
     *
     * @param path the cgroup's path
     * @return whether it is selected
     */
    boolean matches(CgroupPath path);

    /**
     * Exactly one path, e.g. {@code system.slice/postfix.service}.
     *
     * @param path the path
     */
    record Exact(CgroupPath path) implements CgroupSelector {
        /** Checks the component: {@code path} must not be null. */
        public Exact {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean matches(CgroupPath candidate) {
            return path.equals(candidate);
        }
    }

    /**
     * Every path a glob matches, e.g. {@code user.slice/user-*.slice/user@*.service/app.slice/app-
     * mail*.scope}.
     *
     * @param glob the pattern
     */
    record Glob(CgroupGlob glob) implements CgroupSelector {
        /** Checks the component: {@code glob} must not be null. */
        public Glob {
            Objects.requireNonNull(glob, "glob");
        }

        /**
         * Parses the glob; see {@link CgroupGlob#parse}.
         *
         * @param pattern the pattern
         * @return the selector
         */
        public static Glob of(String pattern) {
            return new Glob(CgroupGlob.parse(pattern));
        }

        @Override
        public boolean matches(CgroupPath candidate) {
            return glob.matches(candidate);
        }
    }

    /**
     * A systemd unit by name, wherever its slice puts it below a manager's root:
     * the cgroup named {@code unit} whose parent is that root or a slice below it.
     *
     * @param unit  the unit's name, e.g. {@code postfix.service}
     * @param under the manager's root ({@link UnitManager#root()})
     */
    record Unit(String unit, CgroupPath under) implements CgroupSelector {
        /** Checks the components: {@code unit} must be the name of a unit with a cgroup. */
        public Unit {
            if (!UnitEvents.isUnitName(unit)) {
                throw new IllegalArgumentException("not the name of a unit with a cgroup: \"" + unit + "\"");
            }
            Objects.requireNonNull(under, "under");
        }

        /**
         * A unit of {@code manager}.
         *
         * @param manager the unit manager ({@code systemd} system or user instance)
         * @param unit the unit's name
         * @return the selector
         */
        public static Unit of(UnitManager manager, String unit) {
            return new Unit(unit, manager.root());
        }

        @Override
        public boolean matches(CgroupPath candidate) {
            if (candidate.level() <= under.level() || !candidate.name().equals(unit) || !under.contains(candidate)) {
                return false;
            }
            CgroupPath parent = candidate.parent();
            if (parent.equals(under)) {
                return true;
            }
            for (int level = under.level() + 1; level <= parent.level(); level++) {
                if (!parent.ancestor(level).name().endsWith(".slice")) {
                    return false;
                }
            }
            return true;
        }
    }
}
