/**
 * Example of the VRF layer: {@link nftlink.examples.vrf.CgroupVrfBinder} binds every cgroup that
 * matches a glob to a device (a VRF, or any interface) as soon as the cgroup appears, as
 * {@code ip vrf exec} does for one process, so that a systemd unit runs inside the VRF unchanged.
 * It listens to a {@code nftlink.cgroup.CgroupEventSource} and rescans on a resync.
 *
 * <p>The binder handles events on the event source's thread; {@code close} stops it from any thread.
 */
package nftlink.examples.vrf;
