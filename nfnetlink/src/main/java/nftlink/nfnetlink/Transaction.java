package nftlink.nfnetlink;

import nftlink.netlink.Errno;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkError;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.ReplyHandler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_ECHO;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_BATCH_GENID;
import static nftlink.nfnetlink.Nfnetlink.NFNL_MSG_BATCH_BEGIN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_MSG_BATCH_END;

/**
 * A list of operations committed as one nfnetlink batch in one {@code sendmsg}:
 * the kernel applies all of them or none.
 *
 * <p>On failure {@link #commit} throws a {@link TransactionException} naming the
 * first failing operation; with {@link #expectGeneration} it throws a
 * {@link GenerationConflictException} when the rule set changed since that
 * generation was read. Operations that ask for an echo get the kernel's copy of
 * the object they created in the {@link CommitResult}.
 *
 * <p>The kernel processes a batch synchronously inside {@code sendmsg}; every
 * reply is queued on the socket when the call returns, so the outcome is known
 * without a timeout. The begin and end messages ask for acknowledgements: Linux
 * 6.10 and later acknowledge the begin message at once and the end message only
 * when the commit succeeded, so a batch the kernel discarded is told apart from a
 * committed one. Earlier kernels acknowledge neither: there, as for nft, a batch
 * with no error among its replies was committed.
 *
 * <p>A transaction can be cleared and reused; committing the same prepared
 * operations again allocates no buffers.
 *
 * <p>A transaction belongs to one thread at a time (it is a list being built),
 * but any number of transactions on one {@link NetlinkConnection} may be
 * committed from different threads at once: each commit holds the connection
 * for its exchange ({@link NetlinkConnection#exclusive}).
 *
 * <p>Subsystems extend it with operations of their own vocabulary (nftables'
 * {@code NftTransaction} adds typed rules); they override the chaining methods to
 * return their own type.
 */
public class Transaction {

    private final NetlinkConnection connection;
    private final int subsystem;
    private final List<BatchOperation> operations = new ArrayList<>();
    private final BatchReplies replies = new BatchReplies();
    private int[] offsets = new int[16];
    /** The operations as committed, kept while they do not change so a repeated commit copies nothing. */
    private List<BatchOperation> snapshot;
    private boolean guarded;
    private int expectedGeneration;
    private Predicate<? super BatchOperation> alsoEcho;

    /**
     * A transaction for {@code subsystem} (e.g. {@link Nfnetlink#NFNL_SUBSYS_NFTABLES}) on {@code connection}.
     *
     * @param connection a {@code NETLINK_NETFILTER} connection
     * @param subsystem the nfnetlink subsystem
     */
    public Transaction(NetlinkConnection connection, int subsystem) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.subsystem = subsystem;
    }

    /**
     * Appends an operation.
     *
     * @param operation an operation added to the transaction (the same instance)
     * @return this transaction
     */
    public Transaction add(BatchOperation operation) {
        operations.add(Objects.requireNonNull(operation, "operation"));
        snapshot = null;
        return this;
    }

    /**
     * Appends operations in order.
     *
     * @param more the operations, in order
     * @return this transaction
     */
    public Transaction addAll(Collection<? extends BatchOperation> more) {
        more.forEach(this::add);
        return this;
    }

    /**
     * The operations, in order.
     *
     * @return the operations, in order
     */
    public List<BatchOperation> operations() {
        return List.copyOf(operations);
    }

    /**
     * Number of operations.
     *
     * @return number of operations
     */
    public int size() {
        return operations.size();
    }

    /**
     * Removes all operations and the generation guard.
     *
     * @return this transaction
     */
    public Transaction clear() {
        operations.clear();
        snapshot = null;
        guarded = false;
        alsoEcho = null;
        return this;
    }

    /**
     * Commits only if the rule set is still at {@code generation} (as read with
     * {@code NFT_MSG_GETGEN}); otherwise the commit fails with a
     * {@link GenerationConflictException} and nothing changes.
     *
     * @param generation the generation ID read before
     * @return this transaction
     */
    public Transaction expectGeneration(int generation) {
        this.guarded = true;
        this.expectedGeneration = generation;
        return this;
    }

    /**
     * Asks the kernel to echo the operations {@code which} selects, besides those that ask for it
     * themselves ({@code nft --echo} echoes every addition): the result's
     * {@link CommitResult#notifications()} then holds every message the kernel sent back, in order
     * (what each echoed operation made or removed, a message per set element, and the new generation
     * when the first operation is echoed).
     *
     * @param which the operations to echo
     * @return this transaction
     */
    public Transaction echo(Predicate<? super BatchOperation> which) {
        this.alsoEcho = Objects.requireNonNull(which, "which");
        return this;
    }

    /**
     * Sends the batch and waits for its outcome. An empty transaction does nothing.
     *
     * @return what the kernel echoed
     * @throws TransactionException        when the kernel rejected any operation
     * @throws GenerationConflictException when the generation guard failed
     */
    public CommitResult commit() {
        return run(true);
    }

    /**
     * Sends the batch without its end message, so the kernel validates every
     * operation and then discards the batch (what {@code nft --check} does).
     *
     * @throws TransactionException when the kernel rejected any operation
     */
    public void check() {
        run(false);
    }

    private CommitResult run(boolean commit) {
        int count = operations.size();
        if (count == 0) {
            return new CommitResult(List.of(), null, null);
        }
        return connection.exclusive(() -> exchange(count, commit));
    }

    private CommitResult exchange(int count, boolean commit) {
        MessageWriter w = connection.writer().reset();
        int first = connection.reserveSequences(count + 2);
        int expectedEchoes = encode(w, first, commit);

        ensureBufferSizes(w.position(), expectedEchoes);
        connection.send(w);

        replies.reset(first, count, expectedEchoes > 0 ? new NetlinkMessage[count] : null, alsoEcho != null ? new ArrayList<>() : null);
        connection.drain(first, count + 2, replies);

        if (replies.errors != null) {
            throw failure(first, count, replies.errors);
        }
        if (commit && replies.beginAcknowledged && !replies.endAcknowledged) {
            // a kernel that acknowledges batches (6.10+) took the batch in but did not commit it
            throw new NetlinkException("the kernel acknowledged the start of the batch of " + count
                    + " operations but not its end: the batch was discarded");
        }
        if (snapshot == null) {
            snapshot = List.copyOf(operations);
        }
        return new CommitResult(snapshot, replies.echoes, replies.notifications);
    }

    /** Collects a batch's replies; reused across commits so checking them allocates nothing. */
    private final class BatchReplies implements ReplyHandler {
        private int first;
        private int count;
        private NetlinkMessage[] echoes;
        private List<NetlinkMessage> notifications;
        private List<NetlinkError> errors;
        private boolean endAcknowledged;
        private boolean beginAcknowledged;

        void reset(int first, int count, NetlinkMessage[] echoes, List<NetlinkMessage> notifications) {
            this.first = first;
            this.count = count;
            this.echoes = echoes;
            this.notifications = notifications;
            this.errors = null;
            this.endAcknowledged = false;
            this.beginAcknowledged = false;
        }

        @Override
        public boolean onMessage(NetlinkMessage m) {
            int seq = m.sequence();
            if (m.isError()) {
                if (m.errorCode() != 0) {
                    if (errors == null) {
                        errors = new ArrayList<>();
                    }
                    errors.add(NetlinkError.decode(m));
                } else if (seq == first + count + 1) {
                    endAcknowledged = true;
                    return true;
                } else if (seq == first) {
                    beginAcknowledged = true;
                }
                return false;
            }
            if (notifications != null) {
                notifications.add(m.copy());
            }
            int index = seq - first - 1;
            // the new generation comes with the first operation's sequence number: an operation's echo has its type
            if (echoes != null && index >= 0 && index < count && echoes[index] == null && echoes(operations.get(index))
                    && Nfnetlink.messageOf(m.type()) == operations.get(index).message()) {
                echoes[index] = m.copy();
            }
            return false;
        }

        @Override
        public boolean onNotification(NetlinkMessage m) {
            if (notifications == null) {
                return false;
            }
            notifications.add(m.copy());
            return true;
        }
    }

    private int encode(MessageWriter w, int first, boolean commit) {
        int begin = Nfnetlink.beginMessage(w, NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST | NLM_F_ACK, first, 0, subsystem);
        if (guarded) {
            w.attrU32Be(NFNL_BATCH_GENID, expectedGeneration);
        }
        w.endMessage(begin);
        int count = operations.size();
        if (offsets.length < count) {
            offsets = Arrays.copyOf(offsets, Math.max(count, offsets.length * 2));
        }
        int expectedEchoes = 0;
        for (int i = 0; i < count; i++) {
            BatchOperation op = operations.get(i);
            int flags = NLM_F_REQUEST | op.flags();
            if (echoes(op)) {
                flags |= NLM_F_ECHO;
                expectedEchoes++;
            }
            int start = Nfnetlink.beginMessage(w, Nfnetlink.messageType(subsystem, op.message()), flags,
                    first + 1 + i, op.family(), 0);
            offsets[i] = start;
            op.writeAttributes(w);
            w.endMessage(start);
        }
        if (commit) {
            int end = Nfnetlink.beginMessage(w, NFNL_MSG_BATCH_END, NLM_F_REQUEST | NLM_F_ACK,
                    first + count + 1, 0, subsystem);
            w.endMessage(end);
        }
        return expectedEchoes;
    }

    private boolean echoes(BatchOperation op) {
        return op.echo() || alsoEcho != null && alsoEcho.test(op);
    }

    private void ensureBufferSizes(int batchBytes, int expectedEchoes) {
        connection.transport().ensureSendCapacity(batchBytes);
        if (expectedEchoes > 0) {
            // echoes are about as large as the requests; errors are small with NETLINK_CAP_ACK
            connection.transport().ensureReceiveCapacity(batchBytes * 2 + (1 << 16));
        }
    }

    private TransactionException failure(int first, int count, List<NetlinkError> errors) {
        List<OperationError> described = new ArrayList<>(errors.size());
        boolean generationConflict = false;
        for (NetlinkError e : errors) {
            int index = e.requestSequence() - first - 1;
            if (index >= 0 && index < count) {
                BatchOperation op = operations.get(index);
                String attribute = NetlinkConnection.attributeName(e, connection.writer().segment(), offsets[index],
                        NFGENMSG_LEN, op.attributeNamer());
                described.add(new OperationError(index, op.kind(), op.object(), e.errno(), e.kernelMessage(), attribute));
            } else {
                if (index == -1 && guarded && e.errno() == Errno.ERESTART.number()) {
                    generationConflict = true;
                }
                described.add(new OperationError(-1, index == -1 ? "batch begin" : "batch end", "",
                        e.errno(), e.kernelMessage(), null));
            }
        }
        described.sort(Comparator.comparingInt(OperationError::index));
        if (generationConflict) {
            return new GenerationConflictException(expectedGeneration, count, described);
        }
        return new TransactionException(count, described);
    }
}
