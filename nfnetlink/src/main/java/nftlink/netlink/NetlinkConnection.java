package nftlink.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static nftlink.netlink.Netlink.NLMSG_DONE;
import static nftlink.netlink.Netlink.NLMSG_NOOP;
import static nftlink.netlink.Netlink.NLMSG_OVERRUN;
import static nftlink.netlink.Netlink.NLM_F_DUMP_INTR;

/**
 * A request/response conversation with the kernel over one {@link NetlinkSocket}:
 * sequence numbers, a reusable request buffer, and a receive loop that accepts
 * only the replies it expects (kernel port, sequence numbers in the request's
 * window), turns error replies into {@link NetlinkKernelException}s with the
 * extended acknowledgement mapped back to the attribute written, and restarts
 * interrupted dumps.
 *
 * <p>Three shapes of exchange: {@link #execute} (one request, replies until the
 * acknowledgement), {@link #dump} (a multipart dump until {@code NLMSG_DONE}),
 * and {@link #send} plus {@link #receive}/{@link #drain} for protocols such as
 * nfnetlink batches that manage their own sequence windows.
 *
 * <h2>Threads</h2>
 * A connection may be shared by any number of threads. Its exchanges are
 * serialized: {@link #execute} and {@link #dump} each hold the connection's lock
 * from the request to the last reply, so replies never interleave; a
 * multi-step exchange ({@link #writer}, {@link #send}, then {@link #receive} or
 * {@link #drain}) runs inside {@link #exclusive}, which holds the same lock
 * (the shared request buffer refuses use outside it). One
 * socket is used rather than one per thread: netlink delivers every reply of a
 * socket to one receive queue, nf_tables applies commits one at a time under
 * its own mutex anyway, and a socket per thread would cost each thread a file
 * descriptor and a megabyte of buffers. Threads that need dumps in parallel can
 * open a connection each.
 *
 * <p>Callbacks (reply handlers, dump collectors) run while the lock is held and
 * must not start another exchange on the same connection.
 *
 * <h2>Resources</h2>
 * The connection owns its native memory (the receive buffer and, once a
 * parallel dump ran, the dump chunks) and frees it, with the socket, on
 * {@link #close()}; {@code close} waits for an exchange under way in another
 * thread to finish.
 */
public final class NetlinkConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetlinkConnection.class.getName());

    /** Receive buffer size: comfortably above the kernel's largest dump datagram (32 KiB). */
    public static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    private final NetlinkTransport socket;
    private final ReentrantLock lock = new ReentrantLock();
    private final Arena arena = Arena.ofShared();
    /** The request buffer, whose native copies the connection's arena holds and frees on {@link #close()}. */
    private final MessageWriter writer = new MessageWriter(arena);
    private final MemorySegment receiveBuffer = arena.allocate(RECEIVE_BUFFER_BYTES, 8);
    private final MessageCursor cursor = new MessageCursor();
    private int sequence = ThreadLocalRandom.current().nextInt(1, 1 << 30);
    private volatile int maxDumpAttempts = 10;
    private volatile Consumer<NetlinkMessage> unsolicited;
    private volatile Executor dumpExecutor;
    private DumpPipeline.Chunks dumpChunks;
    private boolean closed;

    /**
     * Datagrams of a dump whose messages the calling thread hands to the collector
     * itself; from then on a helper thread does (see {@link #setParallelDumps}).
     * Small dumps never start the helper.
     */
    static final int PARALLEL_DUMP_AFTER_DATAGRAMS = 4;

    /**
     * Wraps an open socket (or another transport, such as a test's fake kernel);
     * enables extended and capped acknowledgements where the kernel has them.
     *
     * @param transport the socket or transport; the connection owns it and closes it
     */
    public NetlinkConnection(NetlinkTransport transport) {
        this.socket = Objects.requireNonNull(transport, "transport");
        try {
            transport.enableExtendedAcks();
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Opens a connection for {@code protocol} in the caller's network namespace.
     *
     * @param protocol the netlink protocol, such as {@code NETLINK_NETFILTER}
     * @return an open connection; close it when done
     */
    public static NetlinkConnection open(NetlinkProtocol protocol) {
        return new NetlinkConnection(NetlinkSocket.open(protocol));
    }

    /**
     * Opens a connection for {@code protocol} inside {@code namespace}.
     *
     * @param protocol the netlink protocol, such as {@code NETLINK_NETFILTER}
     * @param namespace the network namespace to open the socket in
     * @return an open connection; close it when done
     */
    public static NetlinkConnection open(NetlinkProtocol protocol, NetworkNamespace namespace) {
        return new NetlinkConnection(NetlinkSocket.open(protocol, namespace));
    }

    /**
     * The underlying socket, for options such as groups.
     *
     * @throws IllegalStateException when the connection runs over another transport
     * @return the socket
     */
    public NetlinkSocket socket() {
        if (socket instanceof NetlinkSocket s) {
            return s;
        }
        throw new IllegalStateException("this connection does not run over a NetlinkSocket");
    }

    /**
     * The transport this connection sends and receives through.
     *
     * @return the transport
     */
    public NetlinkTransport transport() {
        return socket;
    }

    /**
     * Runs a multi-step exchange ({@link #writer}, {@link #send}, {@link #receive}
     * or {@link #drain}) while holding the connection's lock, so that no other
     * thread's request or replies come in between. Re-entrant: {@link #execute}
     * and {@link #dump} may be called inside.
     *
     * @throws IllegalStateException when the connection is closed
     * @param <T> what the exchange returns
     * @param exchange the exchange to run
     * @return what {@code exchange} returned
     */
    public <T> T exclusive(Supplier<T> exchange) {
        lock.lock();
        try {
            ensureOpen();
            return exchange.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The reusable request buffer; only for the thread inside {@link #exclusive}
     * (another thread's request would overwrite it).
     *
     * @throws IllegalStateException when called outside {@link #exclusive}
     * @return the request buffer, emptied
     */
    public MessageWriter writer() {
        requireLock("writer()");
        return writer;
    }

    private void requireLock(String what) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(what + " is only for use inside NetlinkConnection.exclusive(...)");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink connection is closed");
        }
    }

    /**
     * The next sequence number (never 0, which notifications use).
     *
     * @return a sequence number, unique on this connection until it wraps
     */
    public int nextSequence() {
        return reserveSequences(1);
    }

    /**
     * Reserves {@code count} consecutive sequence numbers.
     *
     * @return the first of them
     * @param count how many numbers to reserve
     */
    public int reserveSequences(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        lock.lock();
        try {
            int first = sequence + 1;
            if (first == 0 || Integer.compareUnsigned(first, first + count - 1) > 0 || first + count - 1 == 0) {
                first = 1;
            }
            sequence = first + count - 1;
            return first;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many times a dump is attempted when it keeps being interrupted (default 10).
     *
     * @param attempts the number of attempts, at least 1
     */
    public void setMaxDumpAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.maxDumpAttempts = attempts;
    }

    /**
     * Whether a large {@link #dump} hands its messages to the collector on
     * another thread, so that decoding them overlaps with the kernel building the
     * next datagrams (the kernel fills each dump datagram inside the receiving
     * thread's {@code recvmsg}, at most about 32 KiB at a time). Off by default.
     * {@code true} runs each parallel dump's decoding on a new virtual thread;
     * {@link #setDumpExecutor} chooses the executor instead.
     *
     * @param on whether to decode large dumps on another thread
     */
    public void setParallelDumps(boolean on) {
        this.dumpExecutor = on ? DumpPipeline.VIRTUAL_THREAD_PER_DUMP : null;
    }

    /**
     * Turns parallel dumps on with {@code executor} running their decoding, or off
     * with {@code null}.
     *
     * <p>With it on, a dump that goes beyond {@value #PARALLEL_DUMP_AFTER_DATAGRAMS}
     * datagrams copies the rest of its messages into chunks of the connection
     * (four of 128 KiB, made on the first such dump and kept until {@link #close})
     * and one task on {@code executor} calls {@link DumpCollector#accept} with them,
     * in order; the dump waits for the task before it returns, and an exception from
     * the collector is rethrown by {@code dump}. Collectors must therefore not
     * depend on the calling thread (the calls never overlap, and all happen before
     * {@link DumpCollector#result}). An executor that runs the task on the calling
     * thread, or refuses it, leaves that dump serial.
     *
     * @param executor the executor that decodes, or {@code null} to turn parallel dumps off
     */
    public void setDumpExecutor(Executor executor) {
        this.dumpExecutor = executor;
    }

    /**
     * Whether large dumps decode on another thread; see {@link #setDumpExecutor}.
     *
     * @return whether parallel dumps are on
     */
    public boolean parallelDumps() {
        return dumpExecutor != null;
    }

    /**
     * Where messages with sequence number 0 (multicast notifications) go when they
     * arrive during an exchange; by default they are dropped.
     *
     * @param handler the handler for notifications, or {@code null} to drop them
     */
    public void setUnsolicitedHandler(Consumer<NetlinkMessage> handler) {
        this.unsolicited = handler;
    }

    /**
     * Sends everything written into {@code w} as one datagram. Holds the lock for
     * the call only: a request and the receiving of its replies belong inside
     * {@link #exclusive}.
     *
     * @param w the writer holding one or more complete messages
     */
    public void send(MessageWriter w) {
        exclusive(() -> {
            socket.send(w.segment(), w.position());
            return null;
        });
    }

    /**
     * Receives replies whose sequence numbers lie in {@code [first, first + count)}
     * and hands them to {@code handler} until it reports completion. Blocks. Holds
     * the lock for the call (see {@link #send}).
     *
     * @param first the first sequence number expected
     * @param count how many sequence numbers, from {@code first}, belong to the request
     * @param handler what each reply goes to; it says when the exchange is complete
     */
    public void receive(int first, int count, ReplyHandler handler) {
        exclusive(() -> {
            while (!dispatch(socket.receive(receiveBuffer), first, count, handler)) {
                // until the handler reports completion
            }
            return null;
        });
    }

    /**
     * Like {@link #receive}, but returns as soon as the socket has nothing queued.
     * Useful where the kernel answers synchronously within {@code sendmsg}, as it
     * does for nfnetlink batches.
     *
     * @param first the first sequence number expected
     * @param count how many sequence numbers, from {@code first}, belong to the request
     * @param handler what each reply goes to; it says when the exchange is complete
     * @return whether the handler reported completion
     */
    public boolean drain(int first, int count, ReplyHandler handler) {
        return exclusive(() -> {
            while (true) {
                int n = socket.receiveNow(receiveBuffer);
                if (n < 0) {
                    return false;
                }
                if (dispatch(n, first, count, handler)) {
                    return true;
                }
            }
        });
    }

    private boolean dispatch(int length, int first, int count, ReplyHandler handler) {
        cursor.reset(receiveBuffer, length);
        boolean done = false;
        while (cursor.next()) {
            NetlinkMessage m = cursor.message();
            int type = m.type();
            if (type == NLMSG_OVERRUN) {
                throw new NetlinkException("kernel reported NLMSG_OVERRUN: messages were lost");
            }
            if (type == NLMSG_NOOP) {
                continue;
            }
            int seq = m.sequence();
            if (Integer.compareUnsigned(seq - first, count) >= 0) {
                Consumer<NetlinkMessage> notifications = unsolicited;
                if (seq == 0 && !done && handler.onNotification(m)) {
                    continue;
                }
                if (seq == 0 && notifications != null) {
                    notifications.accept(m);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "dropped unexpected reply {0}", m);
                }
                continue;
            }
            if (done) {
                LOG.log(System.Logger.Level.DEBUG, "dropped reply after completion {0}", m);
                continue;
            }
            done = handler.onMessage(m);
        }
        return done;
    }

    /**
     * Sends one request (which should carry {@code NLM_F_ACK}) and waits for its
     * acknowledgement, handing every other reply to {@code replies}.
     *
     * @param request            writes the request with the sequence number it is given
     * @param operation          how to name the request in an exception
     * @param familyHeaderLength length of the protocol's family header, to locate
     *                           the attribute an extended ACK points at
     * @param namer              names that attribute
     * @param replies            receives replies other than the ACK (views), or {@code null}
     * @throws NetlinkKernelException when the kernel answers with an error
     * @throws NetlinkDecodeException  when a reply does not decode; its message starts with {@code operation}
     * @throws SystemCallException      when sending or receiving fails; its message starts with {@code operation}
     */
    public void execute(RequestWriter request, String operation, int familyHeaderLength,
                        AttributeNamer namer, Consumer<NetlinkMessage> replies) {
        exclusive(() -> {
            try {
                executeLocked(request, operation, familyHeaderLength, namer, replies);
            } catch (NetlinkDecodeException | SystemCallException e) {
                throw during(e, operation);
            }
            return null;
        });
    }

    private void executeLocked(RequestWriter request, String operation, int familyHeaderLength,
                               AttributeNamer namer, Consumer<NetlinkMessage> replies) {
        int seq = nextSequence();
        writer.reset();
        request.write(writer, seq);
        send(writer);
        receive(seq, 1, m -> {
            if (m.isError()) {
                if (m.errorCode() != 0) {
                    throw kernelError(m, operation, 0, familyHeaderLength, namer);
                }
                return true;
            }
            if (replies != null) {
                replies.accept(m);
            }
            return false;
        });
    }

    /**
     * Runs a dump: sends the request, collects every message until
     * {@code NLMSG_DONE}, and starts over with a fresh collector when the kernel
     * flags the dump as interrupted ({@code NLM_F_DUMP_INTR}), up to the configured
     * number of attempts.
     *
     * @throws DumpInterruptedException when every attempt was interrupted
     * @throws NetlinkKernelException   when the kernel answers with an error
     * @throws NetlinkDecodeException   when a reply does not decode (in the receive loop or in a
     *                                  collector); its message starts with {@code operation}
     * @throws SystemCallException      when sending or receiving fails; its message starts with {@code operation}
     * @param <T> what the collector builds
     * @param request writes the dump request
     * @param collectors makes a fresh collector for each attempt
     * @param operation what the dump lists, for error messages
     * @param familyHeaderLength the length of the header after {@code struct nlmsghdr} (4 for
     *     nfgenmsg), to find attributes in error replies
     * @param namer names attribute types in error messages
     * @return what the last attempt's collector built
     */
    public <T> T dump(RequestWriter request, Supplier<? extends DumpCollector<T>> collectors, String operation,
                      int familyHeaderLength, AttributeNamer namer) {
        return exclusive(() -> {
            try {
                return dumpLocked(request, collectors, operation, familyHeaderLength, namer);
            } catch (NetlinkDecodeException | SystemCallException e) {
                throw during(e, operation);
            }
        });
    }

    private <T> T dumpLocked(RequestWriter request, Supplier<? extends DumpCollector<T>> collectors, String operation,
                             int familyHeaderLength, AttributeNamer namer) {
        int maxAttempts = maxDumpAttempts;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            DumpCollector<T> collector = collectors.get();
            boolean[] interrupted = {false};
            DumpPipeline[] pipeline = {null};
            int seq = nextSequence();
            writer.reset();
            request.write(writer, seq);
            send(writer);
            ReplyHandler handler = m -> {
                if ((m.flags() & NLM_F_DUMP_INTR) != 0) {
                    interrupted[0] = true;
                }
                if (m.type() == NLMSG_DONE) {
                    if (m.payloadLength() >= 4 && m.payloadU32(0) < 0) {
                        throw kernelError(m, operation, 0, familyHeaderLength, namer);
                    }
                    return true;
                }
                if (m.isError()) {
                    if (m.errorCode() != 0) {
                        throw kernelError(m, operation, 0, familyHeaderLength, namer);
                    }
                    return false;
                }
                if (!interrupted[0]) {
                    if (pipeline[0] != null) {
                        pipeline[0].add(m);
                    } else {
                        collector.accept(m);
                    }
                }
                return false;
            };
            try {
                int datagrams = 0;
                Executor executor = dumpExecutor;
                while (!dispatch(socket.receive(receiveBuffer), seq, 1, handler)) {
                    if (pipeline[0] == null && executor != null && ++datagrams >= PARALLEL_DUMP_AFTER_DATAGRAMS) {
                        if (dumpChunks == null) {
                            dumpChunks = new DumpPipeline.Chunks(arena);
                        }
                        pipeline[0] = new DumpPipeline(dumpChunks, collector::accept, executor);
                    }
                }
                if (pipeline[0] != null && !interrupted[0]) {
                    pipeline[0].finish();
                }
            } finally {
                if (pipeline[0] != null) {
                    pipeline[0].close();
                }
            }
            if (!interrupted[0]) {
                return collector.result();
            }
            LOG.log(System.Logger.Level.DEBUG, "{0}: dump interrupted by a concurrent change, attempt {1}", operation, attempt);
        }
        throw new DumpInterruptedException(operation + ": dump interrupted by concurrent changes " + maxAttempts
                + " times in a row");
    }

    /** {@code e} with the request's name in front of its message. */
    private static NetlinkException during(NetlinkException e, String operation) {
        return switch (e) {
            case NetlinkDecodeException d -> d.during(operation);
            case SystemCallException s -> s.during(operation);
            default -> e;
        };
    }

    /**
     * Builds the exception for an error reply to a request written at
     * {@code requestOffset} of the request buffer: an {@code NLMSG_ERROR}, or the
     * {@code NLMSG_DONE} of a dump that failed part way (whose extended ACK carries
     * the kernel's text only). The message reads {@code operation: ERRNO (text):
     * kernel says "..." at ATTRIBUTE}, the attribute named by {@code namer}
     * ({@link AttributeNamer#NUMERIC} when {@code null}).
     *
     * @param errorMessage the {@code NLMSG_ERROR} reply, or the failed dump's {@code NLMSG_DONE}
     * @param operation what the request did, for the message
     * @param requestOffset the request's offset in the request buffer
     * @param familyHeaderLength the length of the header after {@code struct nlmsghdr} in the request
     * @param namer names attribute types in the message
     * @return the exception, not thrown
     */
    public NetlinkKernelException kernelError(NetlinkMessage errorMessage, String operation, int requestOffset,
                                              int familyHeaderLength, AttributeNamer namer) {
        NetlinkError error = errorMessage.type() == NLMSG_DONE
                ? NetlinkError.decodeDone(errorMessage) : NetlinkError.decode(errorMessage);
        return new NetlinkKernelException(operation, error,
                attributeName(error, writer.segment(), requestOffset, familyHeaderLength, namer));
    }

    /**
     * The name of the attribute an error points at, or {@code null} when it points at none.
     *
     * @param error the decoded error reply
     * @param requestBuffer the request buffer the failing request is in
     * @param requestOffset the request's offset in {@code requestBuffer}
     * @param familyHeaderLength the length of the header after {@code struct nlmsghdr} in the request
     * @param namer names attribute types
     * @return the attribute's name, or {@code null}
     */
    public static String attributeName(NetlinkError error, MemorySegment requestBuffer, long requestOffset,
                                       int familyHeaderLength, AttributeNamer namer) {
        if (error.attributeOffset() < 0) {
            return null;
        }
        AttributePath path = AttributePath.locate(requestBuffer, requestOffset, familyHeaderLength, error.attributeOffset());
        if (path.isEmpty()) {
            return null;
        }
        return (namer == null ? AttributeNamer.NUMERIC : namer).name(path);
    }

    /**
     * Closes the socket and frees the connection's native memory, after an
     * exchange under way in another thread has finished. Closing twice does nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    socket.close();
                } finally {
                    arena.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NetlinkConnection[" + socket + "]";
    }
}
