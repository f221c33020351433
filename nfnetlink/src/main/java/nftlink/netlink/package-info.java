/**
 * Netlink itself, independent of any subsystem: the {@code AF_NETLINK} socket over the Foreign
 * Function &amp; Memory API, the message and attribute format of {@code <linux/netlink.h>}, and
 * network namespaces to open sockets in.
 *
 * <p>Main types: {@link nftlink.netlink.NetlinkSocket} (one raw socket, sending from and receiving
 * into native memory), {@link nftlink.netlink.NetlinkConnection} (a request/response conversation on
 * one socket: sequence numbers, acknowledgements, errors with the kernel's extended ACK, dumps that
 * restart after {@code NLM_F_DUMP_INTR}), {@link nftlink.netlink.MessageWriter} and
 * {@link nftlink.netlink.NetlinkMessage}/{@link nftlink.netlink.Attributes}/{@link nftlink.netlink.Attribute}
 * (writing and bounds-checked reading of messages and attributes; {@link nftlink.netlink.AttributeTable}
 * indexes a nest by type for a decoder, as the kernel's {@code nla_parse()}), {@link nftlink.netlink.Netlink}
 * (the constants), {@link nftlink.netlink.NetworkNamespace}, and the exception family under
 * {@link nftlink.netlink.NetlinkException} (a failed system call, a kernel error with its errno
 * ({@link nftlink.netlink.Errno}), or bytes that do not decode).
 *
 * <p>Errors: {@link nftlink.netlink.NftlinkException} is the root of every exception any nftlink
 * module throws on bad input or a refusal by the system or the kernel; its Javadoc lists the
 * hierarchy.
 *
 * <p>Threads: a {@link nftlink.netlink.NetlinkConnection} may be shared; it serializes its exchanges
 * under one lock and owns (and frees on {@code close}) its native memory. Sockets, message writers
 * and the message and attribute views are not thread-safe: a received
 * {@link nftlink.netlink.NetlinkMessage} is a view valid only during the callback it is handed to.
 * Decoded records and exceptions are immutable.
 */
package nftlink.netlink;
