/**
 * cgroup-v2 support: finding the hierarchy, path and ID resolution, watchers for
 * cgroups appearing and vanishing, and the policy reconciler that keeps
 * per-application nftables rules true.
 */
module nftlink.cgroup {
    requires transitive nftlink.nftables;

    exports nftlink.cgroup;
}
