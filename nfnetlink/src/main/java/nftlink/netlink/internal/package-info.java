/**
 * The native calls behind {@link nftlink.netlink}: the only place in nftlink that holds method
 * handles into the C library. {@link nftlink.netlink.internal.LinuxCalls} wraps the system calls
 * (socket, bind, sendmsg, recvmsg, setns, bpf, ...), capturing {@code errno} into a per-call state
 * segment; {@link nftlink.netlink.internal.SocketConstants} has the socket-level constants of
 * x86_64/aarch64 Linux; {@link nftlink.netlink.internal.UnixDatagrams} sends one {@code AF_UNIX}
 * datagram ({@code sd_notify(3)}). Two helpers the other modules share live here too:
 * {@link nftlink.netlink.internal.AttributeTree} names a message's attributes as the kernel headers
 * do, and {@link nftlink.netlink.internal.RecordCopy} copies a record with some components changed
 * (what withers need).
 *
 * <p>Exported only to nftlink's own modules (see {@code module-info.java}), so that native access
 * stays in {@code nftlink.nfnetlink}. The method handles are immutable and the calls are
 * thread-safe; each caller passes its own call-state segment.
 */
package nftlink.netlink.internal;
