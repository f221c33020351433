package nftlink.rtnetlink;

import nftlink.netlink.MessageCursor;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetlinkSocket;
import nftlink.netlink.NetworkNamespace;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static nftlink.rtnetlink.RtnetlinkUapi.*;

/**
 * Watches links, addresses, routes and rules through rtnetlink multicast groups,
 * in list-then-subscribe order so no change is missed: it joins the groups
 * first, then dumps the current state ({@link RtListener#onSnapshot}), then hands
 * over the changes queued since joining ({@link RtListener#onEvent}). Changes
 * made between joining and dumping arrive twice (in the snapshot and as events);
 * applied in order they converge to the kernel's state.
 *
 * <p>When the kernel drops notifications because the socket's receive buffer
 * was full ({@code ENOBUFS}), the monitor discards what is still queued, dumps
 * again and delivers a fresh snapshot.
 *
 * <p>Drive it from one thread with {@link #poll}. Not thread-safe.
 */
public final class RtMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RtMonitor.class.getName());
    private static final int BUFFER_BYTES = 256 * 1024;

    private final NetworkNamespace namespace;
    private final Set<RtGroup> groups;
    private final RtListener listener;
    private final NetlinkSocket socket;
    /** The receive buffer's memory, freed by {@link #close()} rather than whenever the collector gets to it. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER_BYTES, 8);
    private final MessageCursor cursor = new MessageCursor();
    private int resyncs;

    private RtMonitor(NetworkNamespace namespace, Set<RtGroup> groups, RtListener listener, NetlinkSocket socket) {
        this.namespace = namespace;
        this.groups = groups;
        this.listener = listener;
        this.socket = socket;
    }

    /**
     * Subscribes to {@code groups} inside {@code namespace}, then delivers the
     * first snapshot to {@code listener} before returning.
     *
     * @param namespace the network namespace
     * @param groups the multicast groups to join
     * @param listener what snapshots and events go to
     * @return the monitor; close it when done
     */
    public static RtMonitor open(NetworkNamespace namespace, Set<RtGroup> groups, RtListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no groups to subscribe to");
        }
        NetlinkSocket socket = NetlinkSocket.open(NetlinkProtocol.ROUTE, namespace);
        RtMonitor monitor = new RtMonitor(namespace, EnumSet.copyOf(groups), listener, socket);
        try {
            for (RtGroup group : groups) {
                socket.joinGroup(group.number());
            }
            monitor.deliverSnapshot();
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        return monitor;
    }

    /**
     * Every group: links, and addresses, routes and rules of both families.
     *
     * @param namespace the network namespace
     * @param listener what snapshots and events go to
     * @return the monitor; close it when done
     */
    public static RtMonitor open(NetworkNamespace namespace, RtListener listener) {
        return open(namespace, EnumSet.allOf(RtGroup.class), listener);
    }

    /**
     * The monitor's socket (to set its receive buffer size, or to poll it with others).
     *
     * @return the socket
     */
    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * How many times the monitor resynchronised after lost notifications.
     *
     * @return the number of resyncs
     */
    public int resyncs() {
        return resyncs;
    }

    /**
     * Waits for notifications, for as long as it takes, and delivers all that are queued.
     *
     * @return the number of events delivered (a resync counts as none)
     */
    public int poll() {
        return poll(-1);
    }

    /**
     * Waits up to {@code timeout} for notifications and delivers all that are queued.
     *
     * @param timeout how long to wait, rounded down to milliseconds; zero delivers what is queued
     *                without waiting; more than {@code Integer.MAX_VALUE} ms waits without a limit
     * @return the number of events delivered (a resync counts as none)
     * @throws IllegalArgumentException for a negative timeout
     */
    public int poll(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        return poll(timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0 ? -1 : (int) timeout.toMillis());
    }

    private int poll(int timeoutMillis) {
        if (!socket.awaitReadable(timeoutMillis)) {
            return 0;
        }
        int delivered = 0;
        while (true) {
            int n = socket.receiveNotificationsNow(buffer, this::resync);
            if (n < 0) {
                return delivered;
            }
            cursor.reset(buffer, n);
            while (cursor.next()) {
                RtEvent event = toEvent(cursor.message());
                if (event != null) {
                    listener.onEvent(event);
                    delivered++;
                }
            }
        }
    }

    /** Discards queued notifications, dumps again and delivers the snapshot. */
    public void resync() {
        resyncs++;
        LOG.log(System.Logger.Level.INFO, "rtnetlink notifications were lost; resynchronising from a dump");
        while (socket.receiveNotificationsNow(buffer, () -> { }) >= 0) {
            // what is still queued predates the snapshot
        }
        deliverSnapshot();
    }

    private void deliverSnapshot() {
        List<Link> links = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<FibRule> rules = new ArrayList<>();
        try (RtNetlink rt = RtNetlink.open(namespace)) {
            for (RtGroup group : groups) {
                switch (group) {
                    case LINK -> links.addAll(rt.links());
                    case IPV4_ADDRESS, IPV6_ADDRESS -> addresses.addAll(rt.addresses(group.family(), 0));
                    case IPV4_ROUTE, IPV6_ROUTE -> routes.addAll(rt.routes(group.family(), 0));
                    case IPV4_RULE, IPV6_RULE -> rules.addAll(rt.rules(group.family()));
                }
            }
        }
        listener.onSnapshot(new RtSnapshot(links, addresses, routes, rules));
    }

    /** The event a notification describes, or {@code null} for one the monitor does not model. */
    static RtEvent toEvent(NetlinkMessage m) {
        int type = m.type();
        switch (type) {
            case RTM_NEWLINK, RTM_DELLINK -> {
                if (m.payloadU8(0) != AF_UNSPEC) {
                    // AF_BRIDGE port notifications describe bridge ports, not the link itself
                    return null;
                }
                return new RtEvent(type == RTM_NEWLINK ? RtEvent.Change.NEW : RtEvent.Change.DELETED, Link.decode(m));
            }
            case RTM_NEWADDR, RTM_DELADDR -> {
                return ipFamily(m) ? new RtEvent(type == RTM_NEWADDR ? RtEvent.Change.NEW : RtEvent.Change.DELETED,
                        Address.decode(m)) : null;
            }
            case RTM_NEWROUTE, RTM_DELROUTE -> {
                if (!ipFamily(m)) {
                    return null;
                }
                Route route = Route.decode(m);
                if ((route.flags() & RTM_F_CLONED) != 0) {
                    return null;
                }
                return new RtEvent(type == RTM_NEWROUTE ? RtEvent.Change.NEW : RtEvent.Change.DELETED, route);
            }
            case RTM_NEWRULE, RTM_DELRULE -> {
                return ipFamily(m) ? new RtEvent(type == RTM_NEWRULE ? RtEvent.Change.NEW : RtEvent.Change.DELETED,
                        FibRule.decode(m)) : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean ipFamily(NetlinkMessage m) {
        int family = m.payloadU8(0);
        return family == AF_INET || family == AF_INET6;
    }

    @Override
    public void close() {
        socket.close();
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
