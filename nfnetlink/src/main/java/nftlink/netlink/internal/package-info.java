/**
 * The native calls behind {@link nftlink.netlink}: the only place in nftlink that holds method
 * handles into the C library. {@link nftlink.netlink.internal.LinuxCalls} wraps the system calls
 * (socket, bind, sendmsg, recvmsg, setns, bpf, ...), capturing {@code errno} into a per-call state
 * segment; {@link nftlink.netlink.internal.SocketConstants} has the socket-level constants of
 * x86_64/aarch64 Linux; {@link nftlink.netlink.internal.UnixDatagrams} sends one {@code AF_UNIX}
 * datagram ({@code sd_notify(3)}).
 *
 * <p>Exported only to nftlink's own modules (see {@code module-info.java}), so that native access
 * stays in {@code nftlink.nfnetlink}. The method handles are immutable and the calls are
 * thread-safe; each caller passes its own call-state segment.
 */
package nftlink.netlink.internal;
