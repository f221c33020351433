package nftlink.nftables;

import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetlinkSocket;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.Nfnetlink;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the kernel's nftables notifications ({@code NFNLGRP_NFTABLES}), the way
 * {@code nft monitor} does, and hands them out grouped per committed transaction
 * with its generation and the committing process. When the kernel had to drop
 * notifications (the socket's receive buffer overran), {@link #next} says
 * {@link ResyncNeeded} instead, in order: the caller must re-read the rule set.
 * Losses are never silent.
 *
 * <p>To keep up with bursts, the socket asks for a large receive buffer
 * ({@value #DEFAULT_RECEIVE_BUFFER_BYTES} bytes by default: {@code SO_RCVBUFFORCE}
 * where the process may, else {@code SO_RCVBUF}, which the kernel caps at
 * {@code net.core.rmem_max}), and from the first {@link #next} on a reader thread
 * does nothing but copy datagrams off the socket into a queue; {@link #next}
 * decodes them in the calling thread.
 *
 * <p>A monitor has one consumer: {@link #next} refuses to run in two threads at
 * once ({@link IllegalStateException}); open a monitor per consumer.
 * {@link #close()} may be called from any thread.
 */
public final class NftMonitor implements AutoCloseable {

    /** What {@link #next} returns. */
    public sealed interface Update {
    }

    /**
     * A committed transaction.
     *
     * @param generation the rule set's generation after it
     * @param pid        the committing process
     * @param process    its name
     * @param events     the changes, in the order the kernel announced them
     */
    public record Committed(int generation, int pid, String process, List<NftEvent> events) implements Update {
        /** Copies {@code events}. */
        public Committed {
            events = List.copyOf(events);
        }
    }

    /**
     * Notifications were lost; everything known about the rule set must be read again.
     *
     * @param reason what the kernel reported
     */
    public record ResyncNeeded(String reason) implements Update {
    }

    /** The receive buffer {@link #open(NetworkNamespace)} asks for: 64 MiB, four times what {@code nft monitor} asks. */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 64 << 20;

    private static final String OVERRUN = "the kernel dropped notifications: receive buffer overrun (ENOBUFS)";
    /** Waits this long or longer are waits without a limit (and cannot overflow a deadline in nanoseconds). */
    private static final Duration FOREVER = Duration.ofDays(365L * 100);

    private final NetlinkSocket socket;
    private final NotificationReader reader;
    private final NotificationDecoder decoder = new NotificationDecoder();
    private final AtomicBoolean consuming = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    private NftMonitor(NetlinkSocket socket) {
        this.socket = socket;
        this.reader = new NotificationReader(socket);
    }

    /**
     * Subscribes in {@code namespace} with a {@value #DEFAULT_RECEIVE_BUFFER_BYTES}-byte receive buffer.
     *
     * @param namespace the network namespace to follow
     * @return the monitor; {@link #next} starts reading
     */
    public static NftMonitor open(NetworkNamespace namespace) {
        return open(namespace, DEFAULT_RECEIVE_BUFFER_BYTES);
    }

    /**
     * Subscribes in {@code namespace}, asking for a receive buffer of
     * {@code receiveBufferBytes} ({@code SO_RCVBUFFORCE}, else {@code SO_RCVBUF} up
     * to {@code net.core.rmem_max}).
     *
     * @param namespace          the network namespace to follow
     * @param receiveBufferBytes the receive buffer size to ask for
     * @return the monitor; {@link #next} starts reading
     */
    public static NftMonitor open(NetworkNamespace namespace, int receiveBufferBytes) {
        NetlinkSocket socket = NetlinkSocket.open(NetlinkProtocol.NETFILTER, Objects.requireNonNull(namespace, "namespace"));
        try {
            socket.setReceiveBufferSize(receiveBufferBytes, true);
            socket.joinGroup(Nfnetlink.NFNLGRP_NFTABLES);
            return new NftMonitor(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The underlying socket, to change its options (such as a smaller buffer in a
     * test) before the first {@link #next}; from then on the reader thread uses it.
     *
     * @return the socket
     */
    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * Waits for the next committed transaction or resync notice, for as long as it takes.
     *
     * @return the update, or empty when the monitor was closed (or the waiting thread interrupted)
     * @throws IllegalStateException             when {@code next} is already running in another thread
     * @throws NetlinkException when reading the socket failed or a notification is malformed
     */
    public Optional<Update> next() {
        return Optional.ofNullable(consume(-1));
    }

    /**
     * Waits up to {@code timeout} for the next committed transaction or resync notice.
     *
     * @param timeout how long to wait; zero returns at once with what is already there
     * @return the update, or empty on timeout, when the monitor was closed or the waiting thread interrupted
     * @throws IllegalArgumentException for a negative timeout
     * @throws IllegalStateException    when {@code next} is already running in another thread
     * @throws NetlinkException         when reading the socket failed or a notification is malformed
     */
    public Optional<Update> next(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        return Optional.ofNullable(consume(timeout.compareTo(FOREVER) >= 0 ? -1 : timeout.toNanos()));
    }

    /** The update, or {@code null}; {@code timeoutNanos} negative waits for ever. */
    private Update consume(long timeoutNanos) {
        if (!consuming.compareAndSet(false, true)) {
            throw new IllegalStateException("NftMonitor.next() is already running in another thread: "
                    + "a monitor has one consumer; open one monitor per consumer");
        }
        try {
            if (closed) {
                return null;
            }
            if (started.compareAndSet(false, true)) {
                Thread.ofPlatform().daemon().name("nftlink monitor reader").start(reader);
            }
            return await(timeoutNanos);
        } finally {
            consuming.set(false);
        }
    }

    private Update await(long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (true) {
            Update u = decoder.poll();
            if (u != null || closed) {
                return u;
            }
            long left = deadline - System.nanoTime();
            if (timeoutNanos >= 0 && left <= 0) {
                return null;
            }
            NotificationReader.Item item;
            try {
                item = timeoutNanos < 0 ? reader.queue().take() : reader.queue().poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            switch (item) {
                case null -> { }
                case NotificationReader.Datagram d -> {
                    reader.taken(d);
                    decoder.datagram(d.bytes());
                }
                case NotificationReader.Lost l -> decoder.lost(OVERRUN);
                case NotificationReader.Stopped s -> {
                    return decoder.poll();
                }
                case NotificationReader.Failed f -> {
                    closed = true;
                    throw f.exception();
                }
            }
        }
    }

    /**
     * Stops the monitor: a {@link #next} waiting in another thread returns
     * at once (empty), and the socket is closed.
     */
    @Override
    public void close() {
        closed = true;
        if (started.compareAndSet(false, true)) {
            socket.close();
            reader.discard();
        } else {
            reader.stop();
        }
    }
}
