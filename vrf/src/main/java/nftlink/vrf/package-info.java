/**
 * Service isolation with VRFs: {@link nftlink.vrf.VrfIsolation} sets up a VRF,
 * its members, routes and the policy-rule layout in one idempotent, reversible
 * call, and {@link nftlink.vrf.CgroupVrfBinding} puts the processes of a cgroup
 * into a VRF the way {@code ip vrf exec} does, with a BPF program attached
 * through the {@code bpf} system call.
 */
package nftlink.vrf;
