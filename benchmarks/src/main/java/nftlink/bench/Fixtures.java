package nftlink.bench;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkError;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.ReplyHandler;
import nftlink.nfnetlink.BatchOperation;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Verdict;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFNL_MSG_BATCH_BEGIN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_MSG_BATCH_END;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;

/** The rule, tables and batches every benchmark shares. */
public final class Fixtures {
    private Fixtures() {
    }

    public static final String TABLE = "t";
    public static final String CHAIN = "c";

    /** {@code table inet t { chain c { } }}. */
    public static final String TABLE_SCRIPT = "table inet t {\n  chain c { }\n}\n";

    /** The rule in nft syntax. */
    public static final String RULE_TEXT = "tcp dport 22 accept";

    /** {@code add rule inet t c tcp dport 22 accept} as CLI arguments. */
    public static final List<String> ADD_RULE_ARGS = List.of("add", "rule", "inet", TABLE, CHAIN, "tcp", "dport", "22", "accept");

    /** {@code tcp dport 22 accept} at kernel level, exactly the bytecode nft generates. */
    public static Rule rule() {
        return Rule.of(Family.INET, TABLE, CHAIN, List.of(
                new Meta.Load(Meta.Key.L4PROTO, 1),
                new Cmp(Cmp.Op.EQ, 1, Bytes.u8(6)),
                new Payload.Load(Payload.Base.TRANSPORT, 2, 2, 1),
                new Cmp(Cmp.Op.EQ, 1, Bytes.u16Be(22)),
                Immediate.verdict(Verdict.ACCEPT)));
    }

    /** {@code n} add-rule operations of {@link #rule()}. */
    public static List<NftOperation> addRules(int n, boolean echo) {
        Rule r = rule();
        List<NftOperation> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ops.add(new NftOperation.AddRule(r, echo));
        }
        return ops;
    }

    /** An nft script adding {@code n} rules. */
    public static String addRulesScript(int n) {
        StringBuilder sb = new StringBuilder(n * 40);
        for (int i = 0; i < n; i++) {
            sb.append("add rule inet t c ").append(RULE_TEXT).append('\n');
        }
        return sb.toString();
    }

    /** Adds {@code m} rules to chain c with nftlink, in transactions of at most 10,000. */
    public static void fillChain(Nftables nft, int m) {
        int done = 0;
        while (done < m) {
            int k = Math.min(10_000, m - done);
            nft.transaction().addAll(addRules(k, false)).commit();
            done += k;
        }
    }

    /** Removes every rule of chain c. */
    public static void flushChain(Nftables nft) {
        nft.commit(new NftOperation.FlushChain(Family.INET, TABLE, CHAIN));
    }

    /**
     * The handle the next rule added to table t will get. Rules (and chains and
     * sets) take their handles from one per-table counter, so the next {@code n}
     * rules get the {@code n} consecutive handles from here: found by adding a
     * probe rule with an echo and deleting it again.
     */
    public static long nextHandle(Nftables nft) {
        CommitResult r = nft.commit(new NftOperation.AddRule(rule(), true));
        long probe = Rule.decode(r.echo(0).orElseThrow()).handle();
        nft.commit(new NftOperation.DeleteRule(Family.INET, TABLE, CHAIN, probe));
        return probe + 1;
    }

    /**
     * Deletes the rules with handles {@code first .. first + n - 1} from chain c.
     *
     * @return the handle after the last one deleted
     */
    public static long deleteRules(Nftables nft, long first, int n) {
        var tx = nft.transaction();
        for (int i = 0; i < n; i++) {
            tx.add(new NftOperation.DeleteRule(Family.INET, TABLE, CHAIN, first + i));
        }
        tx.commit();
        return first + n;
    }

    /**
     * The floor: a batch encoded once, with fixed sequence numbers, and copied into
     * native memory of its own, then only sent and acknowledged through nftlink's
     * socket (the transport's {@code send} and {@link NetlinkConnection#drain}). This is
     * what any netlink library must at least pay: one {@code sendto}, the kernel's
     * work, one {@code recvfrom}.
     */
    public static final class Floor {
        private static final int FIRST = 1;

        private final NetlinkConnection connection;
        private final MemorySegment batch;
        private final int bytes;
        private final int count;
        private final int endSequence;
        private final ReplyHandler handler;

        public Floor(NetlinkConnection connection, List<? extends BatchOperation> operations) {
            this.connection = connection;
            this.count = operations.size();
            this.endSequence = FIRST + count + 1;
            MessageWriter batch = new MessageWriter();
            int begin = Nfnetlink.beginMessage(batch, NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, FIRST, 0, NFNL_SUBSYS_NFTABLES);
            batch.endMessage(begin);
            for (int i = 0; i < count; i++) {
                BatchOperation op = operations.get(i);
                int m = Nfnetlink.beginMessage(batch, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, op.message()),
                        NLM_F_REQUEST | op.flags(), FIRST + 1 + i, op.family(), 0);
                op.writeAttributes(batch);
                batch.endMessage(m);
            }
            int end = Nfnetlink.beginMessage(batch, NFNL_MSG_BATCH_END, NLM_F_REQUEST | NLM_F_ACK, endSequence, 0,
                    NFNL_SUBSYS_NFTABLES);
            batch.endMessage(end);
            connection.transport().ensureSendCapacity(batch.position());
            this.bytes = batch.position();
            this.batch = batch.segment();
            this.handler = msg -> {
                if (msg.isError()) {
                    if (msg.errorCode() != 0) {
                        throw new NetlinkException("floor batch failed: " + NetlinkError.decode(msg));
                    }
                    return msg.sequence() == endSequence;
                }
                return false;
            };
        }

        /** Bytes in the batch. */
        public int bytes() {
            return bytes;
        }

        /** Sends the batch and waits for the kernel's acknowledgement of its end. */
        public void commit() {
            connection.transport().send(batch, bytes);
            if (!connection.drain(FIRST, count + 2, handler)) {
                throw new NetlinkException("floor batch of " + count + " operations was not acknowledged");
            }
        }
    }

    /** Closes the resources that were opened (non-null), in order; the first failure is rethrown after the rest. */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
