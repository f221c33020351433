package nftlink.netlink;

import nftlink.netlink.internal.LinuxCalls;
import nftlink.netlink.internal.OwnedDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

import static nftlink.netlink.internal.SocketConstants.*;

/**
 * A raw {@code AF_NETLINK} socket, bound to a kernel-assigned port, in the network
 * namespace it was opened in. It sends from and receives into caller-provided
 * native memory, so steady-state traffic allocates nothing.
 *
 * <p>Only datagrams from the kernel (port 0) are returned by {@link #receive};
 * anything else is dropped. Not thread-safe: use one socket per thread, or
 * synchronise externally.
 */
public final class NetlinkSocket implements NetlinkTransport {

    private static final System.Logger LOG = System.getLogger(NetlinkSocket.class.getName());

    private final NetlinkProtocol protocol;
    private final String namespace;
    private final OwnedDescriptor descriptor;
    private final MemorySegment callState;
    private final MemorySegment kernelAddress;
    private final MemorySegment sourceAddress;
    private final MemorySegment sourceAddressLength;
    private final MemorySegment intOption;
    private final MemorySegment pollFd;
    private final int fd;
    private final int portId;
    /** The buffer sizes as last read from the kernel, so capacity checks need no system call. */
    private int knownSendBuffer = -1;
    private int knownReceiveBuffer = -1;

    private NetlinkSocket(NetlinkProtocol protocol, int fd, String namespace) {
        this.protocol = protocol;
        this.descriptor = new OwnedDescriptor(fd, "netlink socket");
        this.fd = fd;
        this.namespace = namespace;
        Arena arena = descriptor.arena();
        this.callState = descriptor.callState();
        this.kernelAddress = arena.allocate(SOCKADDR_NL_SIZE, 4);
        this.sourceAddress = arena.allocate(SOCKADDR_NL_SIZE, 4);
        this.sourceAddressLength = arena.allocate(ValueLayout.JAVA_INT);
        this.intOption = arena.allocate(ValueLayout.JAVA_INT);
        this.pollFd = arena.allocate(LinuxCalls.POLLFD);
        kernelAddress.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
        try {
            this.portId = bindToKernelAssignedPort();
        } catch (RuntimeException e) {
            descriptor.close();
            throw e;
        }
    }

    /**
     * Opens a socket for {@code protocol} in the caller's network namespace.
     *
     * @param protocol the netlink protocol
     * @return the open socket; close it when done
     */
    public static NetlinkSocket open(NetlinkProtocol protocol) {
        return open(protocol, NetworkNamespace.current());
    }

    /**
     * Opens a socket for {@code protocol} inside {@code namespace}. The namespace
     * instance may be closed afterwards; the socket stays in that namespace.
     *
     * @param protocol the netlink protocol
     * @param namespace the network namespace
     * @return the open socket; close it when done
     */
    public static NetlinkSocket open(NetlinkProtocol protocol, NetworkNamespace namespace) {
        Objects.requireNonNull(protocol, "protocol");
        int fd = namespace.call(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment state = LinuxCalls.allocateCallState(a);
                int s = LinuxCalls.socket(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol.number());
                if (s < 0) {
                    throw new SystemCallException("socket(AF_NETLINK, " + protocol.kernelName() + ")", LinuxCalls.errno(state));
                }
                return s;
            }
        });
        return new NetlinkSocket(protocol, fd, namespace.toString());
    }

    private int bindToKernelAssignedPort() {
        if (LinuxCalls.bind(callState, fd, kernelAddress, SOCKADDR_NL_SIZE) < 0) {
            throw new SystemCallException("bind(" + protocol.kernelName() + ")", LinuxCalls.errno(callState));
        }
        sourceAddressLength.set(ValueLayout.JAVA_INT, 0, SOCKADDR_NL_SIZE);
        if (LinuxCalls.getsockname(callState, fd, sourceAddress, sourceAddressLength) < 0) {
            throw new SystemCallException("getsockname(" + protocol.kernelName() + ")", LinuxCalls.errno(callState));
        }
        return sourceAddress.get(ValueLayout.JAVA_INT, 4);
    }

    /**
     * The port ID the kernel assigned to this socket.
     *
     * @return the port ID
     */
    public int portId() {
        return portId;
    }

    /**
     * The netlink protocol of this socket.
     *
     * @return the protocol
     */
    public NetlinkProtocol protocol() {
        return protocol;
    }

    /**
     * The file descriptor, for use with {@code poll} and the like.
     *
     * @return the file descriptor
     */
    public int fileDescriptor() {
        return fd;
    }

    /**
     * Sends {@code length} bytes from the start of {@code buffer} to the kernel as one
     * datagram (so an nfnetlink batch is one {@code sendmsg}, all or nothing).
     */
    @Override
    public void send(MemorySegment buffer, long length) {
        ensureOpen();
        if (length > buffer.byteSize()) {
            throw new IllegalArgumentException("length " + length + " exceeds buffer size " + buffer.byteSize());
        }
        while (true) {
            long sent = LinuxCalls.sendto(callState, fd, buffer, length, 0, kernelAddress, SOCKADDR_NL_SIZE);
            if (sent >= 0) {
                if (sent != length) {
                    throw new NetlinkException("sendto(" + protocol.kernelName() + ") sent " + sent + " of " + length + " bytes");
                }
                return;
            }
            int errno = LinuxCalls.errno(callState);
            if (errno == Errno.EINTR.number()) {
                continue;
            }
            if (errno == Errno.EMSGSIZE.number()) {
                throw new SystemCallException("sendto(" + protocol.kernelName() + ", " + length
                        + " bytes; larger than the socket's send buffer of " + sendBufferSize() + " bytes)", errno);
            }
            throw new SystemCallException("sendto(" + protocol.kernelName() + ")", errno);
        }
    }

    /**
     * Receives one datagram from the kernel into {@code buffer}, blocking until one
     * arrives.
     *
     * @return the number of bytes received
     * @throws NetlinkException when the datagram did not fit into {@code buffer}, or
     *         {@code recvfrom} failed (ENOBUFS: the kernel dropped messages for this
     *         socket because its receive buffer was full)
     */
    @Override
    public int receive(MemorySegment buffer) {
        return receive(buffer, 0);
    }

    /**
     * Receives one datagram without blocking.
     *
     * @return the number of bytes received, or -1 when nothing is queued
     */
    @Override
    public int receiveNow(MemorySegment buffer) {
        return receive(buffer, MSG_DONTWAIT);
    }

    /**
     * Receives one datagram of notifications without blocking; when the kernel reports that it dropped
     * notifications for this socket ({@code ENOBUFS}), runs {@code onOverrun} and receives again.
     *
     * @param buffer    where the datagram goes
     * @param onOverrun what the subscriber does about the lost notifications (report them, dump again)
     * @return the number of bytes received, or -1 when nothing is queued
     * @throws SystemCallException when {@code recvfrom} fails otherwise
     */
    public int receiveNotificationsNow(MemorySegment buffer, Runnable onOverrun) {
        while (true) {
            try {
                return receiveNow(buffer);
            } catch (SystemCallException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                onOverrun.run();
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for a datagram to be
     * queued.
     *
     * @param timeoutMillis the longest wait in milliseconds; negative waits for ever
     * @return whether a datagram is ready
     */
    public boolean awaitReadable(int timeoutMillis) {
        ensureOpen();
        pollFd.set(ValueLayout.JAVA_INT, 0, fd);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        while (true) {
            int n = LinuxCalls.poll(callState, pollFd, 1, timeoutMillis);
            if (n >= 0) {
                return n > 0;
            }
            int errno = LinuxCalls.errno(callState);
            if (errno != Errno.EINTR.number()) {
                throw new SystemCallException("poll(" + protocol.kernelName() + ")", errno);
            }
        }
    }

    /**
     * Waits with no timeout until a datagram is queued (or the socket has an error,
     * such as ENOBUFS, that the next receive reports) or {@code signal} is signalled.
     *
     * @param signal the eventfd another thread signals to end the wait
     * @return whether the socket is ready; {@code false} when only {@code signal} ended the wait
     */
    public boolean awaitReadable(EventFd signal) {
        ensureOpen();
        try {
            return signal.awaitReadable(fd);
        } catch (SystemCallException e) {
            throw new SystemCallException("poll(" + protocol.kernelName() + ")", e.errnoNumber());
        }
    }

    private int receive(MemorySegment buffer, int flags) {
        ensureOpen();
        while (true) {
            sourceAddressLength.set(ValueLayout.JAVA_INT, 0, SOCKADDR_NL_SIZE);
            long n = LinuxCalls.recvfrom(callState, fd, buffer, buffer.byteSize(), flags | MSG_TRUNC,
                    sourceAddress, sourceAddressLength);
            if (n < 0) {
                int errno = LinuxCalls.errno(callState);
                if (errno == Errno.EINTR.number()) {
                    continue;
                }
                if (errno == Errno.EAGAIN.number() && (flags & MSG_DONTWAIT) != 0) {
                    return -1;
                }
                throw new SystemCallException("recvfrom(" + protocol.kernelName() + ")", errno);
            }
            int senderPort = sourceAddress.get(ValueLayout.JAVA_INT, 4);
            if (senderPort != 0) {
                LOG.log(System.Logger.Level.DEBUG, "dropped a datagram from netlink port {0}, not the kernel", senderPort);
                continue;
            }
            if (n > buffer.byteSize()) {
                throw new NetlinkException("a " + n + "-byte datagram from the kernel did not fit the "
                        + buffer.byteSize() + "-byte receive buffer; its tail was lost");
            }
            return (int) n;
        }
    }

    /**
     * Sets the kernel receive buffer size. With {@code force}, tries
     * {@code SO_RCVBUFFORCE} first (needs CAP_NET_ADMIN) and falls back to
     * {@code SO_RCVBUF}, which the kernel caps at {@code net.core.rmem_max}.
     *
     * @param bytes the requested size in bytes
     * @param force whether to try {@code SO_RCVBUFFORCE} first
     * @return the size the kernel reports afterwards
     */
    public int setReceiveBufferSize(int bytes, boolean force) {
        setBufferSize(SO_RCVBUF, SO_RCVBUFFORCE, bytes, force);
        knownReceiveBuffer = receiveBufferSize();
        return knownReceiveBuffer;
    }

    /**
     * As {@link #setReceiveBufferSize} for the send buffer, which bounds one datagram's size.
     *
     * @param bytes the requested size in bytes
     * @param force whether to try {@code SO_SNDBUFFORCE} first
     * @return the size the kernel reports afterwards
     */
    public int setSendBufferSize(int bytes, boolean force) {
        setBufferSize(SO_SNDBUF, SO_SNDBUFFORCE, bytes, force);
        knownSendBuffer = sendBufferSize();
        return knownSendBuffer;
    }

    private void setBufferSize(int option, int forceOption, int bytes, boolean force) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + bytes);
        }
        if (force && trySetInt(SOL_SOCKET, forceOption, bytes)) {
            return;
        }
        setInt(SOL_SOCKET, option, bytes, option == SO_RCVBUF ? "SO_RCVBUF" : "SO_SNDBUF");
    }

    /**
     * The receive buffer size as the kernel reports it (twice the requested value).
     *
     * @return the size in bytes
     */
    public int receiveBufferSize() {
        return getInt(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
    }

    /**
     * The send buffer size as the kernel reports it (twice the requested value).
     *
     * @return the size in bytes
     */
    public int sendBufferSize() {
        return getInt(SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
    }

    @Override
    public void ensureSendCapacity(int bytes) {
        // the kernel refuses a datagram larger than the send buffer minus 32 bytes
        if (knownSendBuffer < 0) {
            knownSendBuffer = sendBufferSize();
        }
        if (bytes + 64 > knownSendBuffer) {
            knownSendBuffer = setSendBufferSize(bytes + 64, true);
        }
    }

    @Override
    public void ensureReceiveCapacity(int bytes) {
        if (knownReceiveBuffer < 0) {
            knownReceiveBuffer = receiveBufferSize();
        }
        if (bytes > knownReceiveBuffer) {
            knownReceiveBuffer = setReceiveBufferSize(bytes, true);
        }
    }

    @Override
    public void enableExtendedAcks() {
        try {
            setExtendedAck(true);
            setCapAck(true);
        } catch (SystemCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "extended/capped acks unavailable: {0}", e.getMessage());
        }
    }

    /**
     * {@code NETLINK_EXT_ACK}: ask for extended acknowledgements (error text, offending attribute).
     *
     * @param on whether to turn it on
     */
    public void setExtendedAck(boolean on) {
        setInt(SOL_NETLINK, NETLINK_EXT_ACK, on ? 1 : 0, "NETLINK_EXT_ACK");
    }

    /**
     * Whether {@code NETLINK_EXT_ACK} is on, as the kernel reports it: error replies then carry
     * the kernel's text and the offending attribute. {@link NetlinkConnection} turns it on.
     *
     * @return whether extended acknowledgements are on
     */
    public boolean extendedAcks() {
        return getInt(SOL_NETLINK, NETLINK_EXT_ACK, "NETLINK_EXT_ACK") != 0;
    }

    /**
     * {@code NETLINK_CAP_ACK}: error replies carry only the header of the failed request.
     *
     * @param on whether to turn it on
     */
    public void setCapAck(boolean on) {
        setInt(SOL_NETLINK, NETLINK_CAP_ACK, on ? 1 : 0, "NETLINK_CAP_ACK");
    }

    /**
     * {@code NETLINK_GET_STRICT_CHK}: strict checking of dump requests (rtnetlink filtering).
     *
     * @param on whether to turn it on
     */
    public void setStrictCheck(boolean on) {
        setInt(SOL_NETLINK, NETLINK_GET_STRICT_CHK, on ? 1 : 0, "NETLINK_GET_STRICT_CHK");
    }

    /**
     * {@code NETLINK_NO_ENOBUFS}: do not report receive-buffer overruns (not recommended).
     *
     * @param on whether to turn it on
     */
    public void setNoEnobufs(boolean on) {
        setInt(SOL_NETLINK, NETLINK_NO_ENOBUFS, on ? 1 : 0, "NETLINK_NO_ENOBUFS");
    }

    /**
     * Joins multicast group {@code group} (a group number, not a bit mask).
     *
     * @param group the group number
     */
    public void joinGroup(int group) {
        setInt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP");
    }

    /**
     * Leaves multicast group {@code group}.
     *
     * @param group the group number
     */
    public void leaveGroup(int group) {
        setInt(SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP");
    }

    private boolean trySetInt(int level, int name, int value) {
        ensureOpen();
        intOption.set(ValueLayout.JAVA_INT, 0, value);
        return LinuxCalls.setsockopt(callState, fd, level, name, intOption, 4) == 0;
    }

    private void setInt(int level, int name, int value, String optionName) {
        if (!trySetInt(level, name, value)) {
            throw new SystemCallException("setsockopt(" + optionName + ", " + value + ")", LinuxCalls.errno(callState));
        }
    }

    private int getInt(int level, int name, String optionName) {
        ensureOpen();
        sourceAddressLength.set(ValueLayout.JAVA_INT, 0, 4);
        if (LinuxCalls.getsockopt(callState, fd, level, name, intOption, sourceAddressLength) < 0) {
            throw new SystemCallException("getsockopt(" + optionName + ")", LinuxCalls.errno(callState));
        }
        return intOption.get(ValueLayout.JAVA_INT, 0);
    }

    private void ensureOpen() {
        descriptor.ensureOpen();
    }

    @Override
    public void close() {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "NetlinkSocket[" + protocol.kernelName() + ", port " + Integer.toUnsignedString(portId) + ", " + namespace + "]";
    }
}
