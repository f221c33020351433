package nftlink.cgroup;

import nftlink.netlink.Attribute;
import nftlink.netlink.Errno;
import nftlink.netlink.MessageCursor;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetlinkSocket;
import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.SystemCallException;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Table;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * Listens to nf_tables' multicast group and reports when another process removes
 * something from the watched tables: deletes a table or chain, deletes or flushes
 * rules, deletes a set or its elements; optionally also what it adds (tables,
 * chains, sets, rules). A reconciler that owns those tables reacts by putting back
 * what it wants there, and by removing what it does not.
 *
 * <p>The kernel sends one notification per removed object and then an
 * {@code NFT_MSG_NEWGEN} naming the committing process; the removals of one
 * transaction are reported together as one {@link CgroupEvent.RulesetChanged}.
 * Transactions committed by a thread of this process are not reported (the
 * reconciler's own changes); a thread that ended before its notification was read
 * may be mistaken for another process, which costs one needless check.
 *
 * <p>When the kernel drops notifications because the receive buffer is full
 * ({@code ENOBUFS}), the monitor reports {@link CgroupEvent.ResyncNeeded}; when
 * the socket fails otherwise, it opens a new one (pausing between attempts) and
 * reports {@code ResyncNeeded} once it listens again.
 *
 * <p>Its thread sleeps in {@code poll(2)} until a notification arrives, a resync
 * is requested or the monitor is closed: an idle monitor never wakes up.
 */
public final class NftablesMonitor extends EventSourceThread {

    private static final System.Logger LOG = System.getLogger(NftablesMonitor.class.getName());
    private static final int NFTA_SET_TABLE = 1;
    private static final int NFTA_SET_NAME = 2;
    private static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    private static final int NFTA_SET_ELEM_LIST_SET = 2;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /**
     * A table to watch.
     *
     * @param family its family
     * @param name   its name
     */
    public record TableName(Family family, String name) {
        /** Checks the components: neither may be null. */
        public TableName {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(name, "name");
        }
    }

    private final NetworkNamespace namespace;
    private final Set<TableName> tables;
    private final int receiveBufferBytes;
    private final boolean additions;
    private final List<RulesetChange> pending = new ArrayList<>();
    private NetlinkSocket socket;
    private volatile String resyncReason;

    /**
     * Watches {@code tables} (all tables when empty) in {@code namespace}, which
     * must stay open while the monitor runs (it is needed to reconnect).
     *
     * @param receiveBufferBytes the socket's receive buffer to request, or 0 for the system default
     * @param namespace the network namespace
     * @param tables the tables to watch; empty for all
     */
    public NftablesMonitor(NetworkNamespace namespace, Set<TableName> tables, int receiveBufferBytes) {
        this(namespace, tables, receiveBufferBytes, false);
    }

    /**
     * Like {@link #NftablesMonitor(NetworkNamespace, Set, int)}; with {@code additions}
     * it also reports tables, chains, sets and rules that other processes add to the
     * watched tables (a table that comes back, a rule someone slipped in).
     *
     * @param namespace the network namespace
     * @param tables the tables to watch; empty for all
     * @param receiveBufferBytes the socket's receive buffer size in bytes
     * @param additions whether to report additions by other processes too
     */
    public NftablesMonitor(NetworkNamespace namespace, Set<TableName> tables, int receiveBufferBytes, boolean additions) {
        super("nftables");
        this.additions = additions;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.tables = Set.copyOf(tables);
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("negative receive buffer size");
        }
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /**
     * Watches {@code tables} in the caller's network namespace.
     *
     * @param tables the tables to watch; empty for all
     */
    public NftablesMonitor(Set<TableName> tables) {
        this(NetworkNamespace.current(), tables, 0);
    }

    /** Opens the socket and joins the group; idempotent, so events are queued from here on. */
    @Override
    synchronized void open() {
        if (socket != null) {
            return;
        }
        NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.NETFILTER, namespace);
        try {
            if (receiveBufferBytes > 0) {
                s.setReceiveBufferSize(receiveBufferBytes, true);
            }
            s.joinGroup(Nfnetlink.NFNLGRP_NFTABLES);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        socket = s;
    }

    @Override
    void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256 * 1024, 8);
            MessageCursor cursor = new MessageCursor();
            long backoff = 0;
            while (running()) {
                try {
                    String requested = resyncReason;
                    if (requested != null) {
                        resyncReason = null;
                        release();
                    } else if (socket == null) {
                        pause(backoff);
                        if (!running()) {
                            break;
                        }
                    }
                    if (socket == null) {
                        open();
                        pending.clear();
                        backoff = 0;
                        emit(new CgroupEvent.ResyncNeeded(name(), requested != null ? requested
                                : "reconnected to nf_tables; notifications in between were not seen"));
                    }
                    if (!socket.awaitReadable(eventFd())) {
                        continue;
                    }
                    int n = socket.receiveNow(buffer);
                    if (n > 0) {
                        cursor.reset(buffer, n);
                        while (cursor.next()) {
                            handle(cursor.message());
                        }
                    }
                } catch (SystemCallException e) {
                    if (e.errnoNumber() == Errno.ENOBUFS.number()) {
                        pending.clear();
                        LOG.log(System.Logger.Level.WARNING, "nf_tables notifications were dropped (ENOBUFS); resynchronising");
                        emit(new CgroupEvent.ResyncNeeded(name(), "the socket's receive buffer overflowed (ENOBUFS); notifications were lost"));
                    } else {
                        backoff = reconnectLater(e, backoff);
                    }
                } catch (RuntimeException e) {
                    backoff = reconnectLater(e, backoff);
                }
            }
        }
    }

    /**
     * Reconnects at once (a new socket, notifications in flight are lost) and
     * reports {@link CgroupEvent.ResyncNeeded} with {@code reason}.
     */
    @Override
    public void requestResync(String reason) {
        resyncReason = Objects.requireNonNull(reason, "reason");
        wake();
    }

    private long reconnectLater(RuntimeException e, long backoff) {
        long next = backoff == 0 ? 500 : Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        if (backoff == 0 || next < MAX_BACKOFF_MILLIS) {
            LOG.log(System.Logger.Level.WARNING, "nf_tables monitor failed (" + e.getMessage() + "); reconnecting in " + next + " ms");
        }
        LOG.log(System.Logger.Level.DEBUG, "nf_tables monitor failed", e);
        release();
        return next;
    }

    /** Handles one notification. */
    void handle(NetlinkMessage m) {
        if (Nfnetlink.subsystemOf(m.type()) != Nfnetlink.NFNL_SUBSYS_NFTABLES) {
            return;
        }
        int message = Nfnetlink.messageOf(m.type());
        try {
            RulesetChange change = switch (message) {
                case NFT_MSG_DELTABLE, NFT_MSG_DESTROYTABLE -> new RulesetChange.TableDeleted(Table.decode(m));
                case NFT_MSG_DELCHAIN, NFT_MSG_DESTROYCHAIN -> new RulesetChange.ChainDeleted(Chain.decode(m));
                case NFT_MSG_DELRULE, NFT_MSG_DESTROYRULE -> ruleDeleted(m);
                case NFT_MSG_DELSET, NFT_MSG_DESTROYSET -> new RulesetChange.SetDeleted(family(m),
                        string(m, NFTA_SET_TABLE, "NFTA_SET_TABLE"), string(m, NFTA_SET_NAME, "NFTA_SET_NAME"));
                case NFT_MSG_DELSETELEM, NFT_MSG_DESTROYSETELEM -> new RulesetChange.SetElementsDeleted(family(m),
                        string(m, NFTA_SET_ELEM_LIST_TABLE, "NFTA_SET_ELEM_LIST_TABLE"),
                        string(m, NFTA_SET_ELEM_LIST_SET, "NFTA_SET_ELEM_LIST_SET"));
                case NFT_MSG_NEWTABLE -> additions ? new RulesetChange.TableAdded(Table.decode(m)) : null;
                case NFT_MSG_NEWCHAIN -> additions ? new RulesetChange.ChainAdded(Chain.decode(m)) : null;
                case NFT_MSG_NEWSET -> additions ? new RulesetChange.SetAdded(family(m),
                        string(m, NFTA_SET_TABLE, "NFTA_SET_TABLE"), string(m, NFTA_SET_NAME, "NFTA_SET_NAME")) : null;
                case NFT_MSG_NEWRULE -> additions ? ruleAdded(m) : null;
                case NFT_MSG_NEWGEN -> {
                    endOfTransaction(m);
                    yield null;
                }
                default -> null;
            };
            if (change != null && watched(change)) {
                pending.add(change);
            }
        } catch (NetlinkDecodeException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "undecodable nf_tables notification (" + m + "): " + e.getMessage());
            pending.clear();
            emit(new CgroupEvent.ResyncNeeded(name(), "an nf_tables notification did not decode: " + e.getMessage()));
        }
    }

    private boolean watched(RulesetChange change) {
        return tables.isEmpty() || tables.contains(new TableName(change.family(), change.table()));
    }

    private void endOfTransaction(NetlinkMessage m) {
        int generation = 0;
        long pid = 0;
        String processName = "";
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_GEN_ID -> generation = a.u32Be();
                case NFTA_GEN_PROC_PID -> pid = Integer.toUnsignedLong(a.u32Be());
                case NFTA_GEN_PROC_NAME -> processName = a.string();
                default -> { }
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        List<RulesetChange> changes = List.copyOf(pending);
        pending.clear();
        if (pid != 0 && isThreadOfThisProcess(pid)) {
            return;
        }
        emit(new CgroupEvent.RulesetChanged(generation, pid, processName, changes));
    }

    /** The kernel reports the committing thread's ID; it is ours when listed under /proc/self/task. */
    private static boolean isThreadOfThisProcess(long tid) {
        return tid == ProcessHandle.current().pid() || Files.isDirectory(Path.of("/proc/self/task", Long.toString(tid)));
    }

    private static RulesetChange ruleAdded(NetlinkMessage m) {
        RulesetChange.RuleDeleted r = (RulesetChange.RuleDeleted) ruleDeleted(m);
        return new RulesetChange.RuleAdded(r.family(), r.table(), r.chain(), r.handle());
    }

    private static RulesetChange ruleDeleted(NetlinkMessage m) {
        String table = null;
        String chain = null;
        long handle = 0;
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_RULE_TABLE -> table = a.string();
                case NFTA_RULE_CHAIN -> chain = a.string();
                case NFTA_RULE_HANDLE -> handle = a.u64Be();
                default -> { }
            }
        }
        if (table == null || chain == null) {
            throw new NetlinkDecodeException("rule notification without NFTA_RULE_TABLE or NFTA_RULE_CHAIN");
        }
        return new RulesetChange.RuleDeleted(family(m), table, chain, handle);
    }

    private static Family family(NetlinkMessage m) {
        return Family.ofProtocol(m.payloadU8(0));
    }

    private static String string(NetlinkMessage m, int type, String name) {
        return m.attributes(Nfnetlink.NFGENMSG_LEN).require(type, name).string();
    }

    @Override
    synchronized void release() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
