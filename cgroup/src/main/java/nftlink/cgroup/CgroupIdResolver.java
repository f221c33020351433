package nftlink.cgroup;

/**
 * Resolves a cgroup path, as written in {@code socket cgroupv2 level N "path"},
 * to its level and current ID: what a rule compiler needs to turn that match into
 * bytecode. {@link CgroupResolver} is the implementation over a mounted
 * hierarchy; tests and offline compilers may supply their own.
 */
@FunctionalInterface
public interface CgroupIdResolver {

    /**
     * The cgroup at {@code path} (relative to the hierarchy's root; leading
     * slashes ignored).
     *
     * @param path the cgroup's path
     * @return the cgroup
     * @throws NoSuchCgroupException       when no cgroup exists at {@code path}
     * @throws NotACgroupException         when {@code path} names something that is not a cgroup-v2 directory
     * @throws NoCgroupHierarchyException when there is no cgroup-v2 hierarchy
     * @throws IllegalArgumentException    when {@code path} is not a valid cgroup path
     */
    Cgroup resolve(String path);
}
