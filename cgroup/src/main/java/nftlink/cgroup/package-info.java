/**
 * cgroup-v2 for nftables policies: find the hierarchy, resolve paths and IDs,
 * watch cgroups come and go, and keep the bookkeeping a reconciler needs.
 *
 * <h2>Finding cgroups</h2>
 * {@link nftlink.cgroup.CgroupHierarchy#discover()} reads the mount table (unified
 * or hybrid layout); {@link nftlink.cgroup.CgroupResolver} turns a
 * {@link nftlink.cgroup.CgroupPath} into a {@link nftlink.cgroup.Cgroup} (its ID
 * is the directory's inode number, what {@code socket cgroupv2 level N "path"}
 * compares) and back. {@link nftlink.cgroup.CgroupIdResolver} is the narrow
 * interface a rule compiler needs.
 *
 * <h2>Event sources</h2>
 * Three {@link nftlink.cgroup.CgroupEventSource}s report
 * {@link nftlink.cgroup.CgroupEvent}s: {@link nftlink.cgroup.CgroupTreeWatcher}
 * (inotify on the cgroup file system; the authority on what exists),
 * {@link nftlink.cgroup.JournalUnitSource} (systemd units started and stopped,
 * system and user managers) and {@link nftlink.cgroup.NftablesMonitor} (someone
 * else removed what lives in the watched tables). Each one recovers from its
 * input going away and reports {@link nftlink.cgroup.CgroupEvent.ResyncNeeded}
 * whenever events may have been lost.
 *
 * <h2>Desired state</h2>
 * A {@link nftlink.cgroup.Policy} selects cgroups by exact path, glob
 * ({@link nftlink.cgroup.CgroupGlob}) or systemd unit name;
 * {@link nftlink.cgroup.DesiredState} keeps policy × live cgroups against what the
 * kernel has and yields the {@link nftlink.cgroup.BindingDiff} one transaction
 * must apply. The rule for a cgroup can only be loaded once the cgroup exists,
 * so a policy should be written fail-closed: the chain that the per-cgroup
 * rules (or the set of cgroup IDs) feed ends in {@code reject}, and a process in
 * a cgroup whose rule is not loaded yet is briefly refused, never allowed more.
 */
package nftlink.cgroup;
