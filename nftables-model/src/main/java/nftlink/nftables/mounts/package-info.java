/**
 * Mount tables: the one parser of {@code /proc/PID/mountinfo} in nftlink
 * ({@link nftlink.nftables.mounts.MountInfo}, one {@link nftlink.nftables.mounts.MountEntry} per
 * line, octal escapes decoded; {@link nftlink.nftables.mounts.MountInfoException} for a line that
 * is not in the kernel's format) and the choice of the cgroup-v2 hierarchy among the mounts
 * ({@link nftlink.nftables.mounts.Cgroup2Mounts}: unified, then hybrid, then any other mount of a
 * hierarchy's root).
 *
 * <p>Used by the rule compiler ({@code socket cgroupv2} paths to IDs and back) and by the cgroup
 * layer ({@code nftlink.cgroup.CgroupHierarchy}); exported to {@code nftlink.cgroup} only. All types
 * are immutable or stateless, and safe to use from any thread.
 */
package nftlink.nftables.mounts;
