package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.Errno;
import nftlink.netlink.MessageCursor;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetlinkSocket;
import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.SystemCallException;
import nftlink.nfnetlink.Nfnetlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTables.*;

/**
 * Follows the kernel's nftables notifications ({@code NFNLGRP_NFTABLES}), the way
 * {@code nft monitor} does, and hands them out grouped per committed transaction
 * with its generation and the committing process. When the kernel had to drop
 * notifications (the socket's receive buffer overran), {@link #next} says
 * {@link ResyncNeeded} instead: the caller must re-read the rule set.
 *
 * <p>One thread at a time may call {@link #next}; {@link #close()} may be called
 * from any thread to stop it.
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
        public Committed {
            events = List.copyOf(events);
        }
    }

    /** Notifications were lost; everything known about the rule set must be read again. */
    public record ResyncNeeded(String reason) implements Update {
    }

    private final NetlinkSocket socket;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(1 << 20, 8);
    private final MessageCursor cursor = new MessageCursor();
    private final List<NftEvent> pending = new ArrayList<>();
    private final java.util.ArrayDeque<Update> ready = new java.util.ArrayDeque<>();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private NftMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes in {@code namespace}. */
    public static NftMonitor open(NetworkNamespace namespace) {
        NetlinkSocket socket = NetlinkSocket.open(NetlinkProtocol.NETFILTER, Objects.requireNonNull(namespace, "namespace"));
        try {
            socket.setReceiveBufferSize(4 << 20, true);
            socket.joinGroup(Nfnetlink.NFNLGRP_NFTABLES);
            return new NftMonitor(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The underlying socket (to shrink its buffer in tests, or poll its descriptor). */
    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for the next committed
     * transaction or resync notice.
     *
     * @return the update, or {@code null} on timeout or when closed
     */
    public Update next(int timeoutMillis) {
        if (!waiting.compareAndSet(false, true)) {
            throw new IllegalStateException("next() is already waiting in another thread");
        }
        try {
            return await(timeoutMillis);
        } finally {
            waiting.set(false);
            if (closed) {
                release();
            }
        }
    }

    private Update await(int timeoutMillis) {
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        while (ready.isEmpty() && !closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (timeoutMillis >= 0 && left <= 0) {
                return null;
            }
            int wait = timeoutMillis < 0 ? 200 : (int) Math.min(left, 200);
            if (!socket.awaitReadable(wait)) {
                continue;
            }
            int n;
            try {
                n = socket.receiveNow(buffer);
            } catch (SystemCallException e) {
                if (e.errno() == Errno.ENOBUFS) {
                    pending.clear();
                    ready.add(new ResyncNeeded("the kernel dropped notifications: receive buffer overrun (ENOBUFS)"));
                    continue;
                }
                throw e;
            }
            if (n > 0) {
                dispatch(n);
            }
        }
        return ready.poll();
    }

    private void dispatch(int length) {
        cursor.reset(buffer, length);
        while (cursor.next()) {
            NetlinkMessage m = cursor.message();
            if (Nfnetlink.subsystemOf(m.type()) != Nfnetlink.NFNL_SUBSYS_NFTABLES) {
                continue;
            }
            int message = Nfnetlink.messageOf(m.type());
            switch (message) {
                case NFT_MSG_NEWGEN -> {
                    int generation = 0;
                    int pid = 0;
                    String process = "";
                    for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
                        switch (a.type()) {
                            case NFTA_GEN_ID -> generation = a.u32Be();
                            case NFTA_GEN_PROC_PID -> pid = a.u32Be();
                            case NFTA_GEN_PROC_NAME -> process = a.string();
                            default -> { }
                        }
                    }
                    ready.add(new Committed(generation, pid, process, pending));
                    pending.clear();
                }
                case NFT_MSG_NEWTABLE, NFT_MSG_DELTABLE -> pending.add(new NftEvent.TableEvent(message == NFT_MSG_NEWTABLE, Table.decode(m)));
                case NFT_MSG_NEWCHAIN, NFT_MSG_DELCHAIN -> pending.add(new NftEvent.ChainEvent(message == NFT_MSG_NEWCHAIN, Chain.decode(m)));
                case NFT_MSG_NEWRULE, NFT_MSG_DELRULE -> pending.add(new NftEvent.RuleEvent(message == NFT_MSG_NEWRULE, Rule.decode(m)));
                case NFT_MSG_NEWSET -> pending.add(new NftEvent.SetEvent(true, NftSet.decode(m)));
                case NFT_MSG_DELSET -> pending.add(new NftEvent.SetEvent(false, NftSet.decodeReference(m)));
                case NFT_MSG_NEWSETELEM, NFT_MSG_DELSETELEM -> pending.add(elements(m, message == NFT_MSG_NEWSETELEM));
                default -> pending.add(new NftEvent.Other(isNew(message), message, m.copy()));
            }
        }
    }

    private static boolean isNew(int message) {
        return message == NFT_MSG_NEWOBJ || message == NFT_MSG_NEWFLOWTABLE;
    }

    private static NftEvent elements(NetlinkMessage m, boolean added) {
        String table = null;
        String set = null;
        List<SetElement> elements = new ArrayList<>();
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_SET_ELEM_LIST_TABLE -> table = a.string();
                case NFTA_SET_ELEM_LIST_SET -> set = a.string();
                case NFTA_SET_ELEM_LIST_ELEMENTS -> a.nested().forEach(e -> elements.add(SetElement.decode(e)));
                default -> { }
            }
        }
        if (table == null || set == null) {
            throw new nftlink.netlink.NetlinkDecodeException("element notification without table or set");
        }
        return new NftEvent.ElementsEvent(added, Codec.family(m), table, set, elements);
    }

    /** Stops the monitor; a {@link #next} waiting in another thread returns {@code null} within 200 ms. */
    @Override
    public void close() {
        closed = true;
        if (!waiting.get()) {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            socket.close();
            arena.close();
        }
    }
}
