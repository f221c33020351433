package nftlink.nftables.testing;

import nftlink.netlink.Attribute;
import nftlink.netlink.Errno;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkTransport;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.Family;
import nftlink.testing.NetlinkReplies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static nftlink.netlink.Netlink.NLA_HDRLEN;
import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_ECHO;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_BATCH_GENID;
import static nftlink.nfnetlink.Nfnetlink.NFNL_MSG_BATCH_BEGIN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_MSG_BATCH_END;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;
import static nftlink.nftables.NfTablesUapi.*;

/**
 * nf_tables as far as transactions go, behind {@link NetlinkTransport}: it records
 * every batch it is sent, answers like the kernel (echoes carrying new handles,
 * an acknowledgement of the batch end when the commit succeeds, errors with
 * extended acknowledgements for operations a test makes fail, the generation
 * guard, {@code NFT_MSG_GETGEN}) and keeps nothing else. So transaction, echo,
 * handle and parser-to-bytes tests run without root:
 *
 * <pre>{@code
 * RecordingNftKernel kernel = new RecordingNftKernel();
 * Nftables nft = Nftables.wrap(new NetlinkConnection(kernel));
 * nft.commit(...);
 * kernel.committed()  // what was sent, operation by operation
 * }</pre>
 *
 * <p>Handles are given as the kernel gives them: tables from one counter, and
 * chains, rules, sets, objects and flowtables from a counter per table.
 */
public final class RecordingNftKernel implements NetlinkTransport {

    /**
     * One operation of a batch as it was sent.
     *
     * @param index   its place in the batch, from 0
     * @param message the {@code NFT_MSG_*} type
     * @param flags   the netlink flags
     * @param family  the table family
     * @param request the message (a copy)
     * @param handle  the handle given to what it created, or 0
     */
    public record Operation(int index, int message, int flags, Family family, NetlinkMessage request, long handle) {
        /** The {@code NFTA_*_TABLE} (or {@code NFTA_TABLE_NAME}) string attribute: the table it is about. */
        public String table() {
            int type = message == NFT_MSG_NEWTABLE || message == NFT_MSG_DELTABLE ? NFTA_TABLE_NAME : 1;
            for (Attribute a : request.attributes(NFGENMSG_LEN)) {
                if (a.type() == type) {
                    return a.string();
                }
            }
            return "";
        }
    }

    /**
     * One batch.
     *
     * @param operations its operations, in order
     * @param committed  whether it was applied (a check or a failure is not)
     */
    public record Batch(List<Operation> operations, boolean committed) {
    }

    /** A failure a test asks for: operations matching {@code when} fail with {@code errno}. */
    private record Failure(Predicate<Operation> when, Errno errno, Function<Operation, NetlinkReplies.ExtendedAck> ack) {
    }

    private final List<Batch> batches = new ArrayList<>();
    private final Deque<byte[]> replies = new ArrayDeque<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Long> nextHandle = new HashMap<>();
    private long nextTableHandle = 1;
    private int generation = 1;

    /** Operations matching {@code when} fail with {@code errno}, and their batch with them. */
    private boolean acksBatches = true;

    public RecordingNftKernel failWhen(Predicate<Operation> when, Errno errno) {
        return failWhen(when, errno, NetlinkReplies.ExtendedAck.NONE);
    }

    /** As {@link #failWhen(Predicate, Errno)}, with an extended acknowledgement. */
    public RecordingNftKernel failWhen(Predicate<Operation> when, Errno errno, NetlinkReplies.ExtendedAck ack) {
        failures.add(new Failure(when, errno, op -> ack));
        return this;
    }

    /**
     * As {@link #failWhen(Predicate, Errno)}, pointing the extended acknowledgement at
     * the operation's top-level attribute of type {@code attribute}, as nf_tables does.
     */
    public RecordingNftKernel failWhen(Predicate<Operation> when, Errno errno, int attribute) {
        failures.add(new Failure(when, errno, op -> NetlinkReplies.ExtendedAck.at(offsetOf(op.request(), attribute))));
        return this;
    }

    /** Offset of the first top-level attribute of {@code type} from the start of {@code m}'s header, or -1. */
    private static int offsetOf(NetlinkMessage m, int type) {
        for (Attribute a : m.attributes(NFGENMSG_LEN)) {
            if (a.type() == type) {
                return (int) (a.valueOffset() - NLA_HDRLEN - m.offset());
            }
        }
        return -1;
    }

    /** Every batch sent, in order. */
    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** The operations of every committed batch, in order. */
    public List<Operation> committed() {
        return batches.stream().filter(Batch::committed).flatMap(b -> b.operations().stream()).toList();
    }

    /** The rule set's generation: 1 at first, one more per committed batch. */
    public int generation() {
        return generation;
    }

    @Override
    public void send(MemorySegment buffer, long length) {
        byte[] datagram = buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        List<NetlinkMessage> messages = NetlinkMessage.parseAll(MemorySegment.ofArray(datagram), datagram.length);
        NetlinkMessage first = messages.getFirst();
        MessageWriter w = new MessageWriter();
        if (first.type() == NFNL_MSG_BATCH_BEGIN) {
            batch(messages, w);
        } else if (Nfnetlink.messageOf(first.type()) == NFT_MSG_GETGEN) {
            NetlinkReplies.part(w, first.sequence(), Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, NFT_MSG_NEWGEN), 0,
                    b -> {
                        b.putU8(NFPROTO_UNSPEC).putU8(0).putU16Be(generation & 0xffff);
                        b.attrU32Be(NFTA_GEN_ID, generation);
                    });
            NetlinkReplies.ack(w, first);
        } else {
            NetlinkReplies.error(w, first, Errno.EOPNOTSUPP,
                    NetlinkReplies.ExtendedAck.text("the recording kernel answers transactions and GETGEN only"));
        }
        // one datagram per reply, as the kernel's unicast replies never exceed a socket buffer
        byte[] written = w.toByteArray();
        for (NetlinkMessage reply : NetlinkMessage.parseAll(MemorySegment.ofArray(written), written.length)) {
            replies.add(reply.toByteArray());
        }
    }

    private void batch(List<NetlinkMessage> messages, MessageWriter w) {
        NetlinkMessage begin = messages.getFirst();
        NetlinkMessage last = messages.getLast();
        boolean commit = last.type() == NFNL_MSG_BATCH_END;
        List<NetlinkMessage> requests = messages.subList(1, commit ? messages.size() - 1 : messages.size());
        if ((begin.flags() & NLM_F_ACK) != 0 && acksBatches) {
            NetlinkReplies.ack(w, begin);
        }
        Integer expected = expectedGeneration(begin);
        if (expected != null && expected != generation) {
            NetlinkReplies.error(w, begin, Errno.ERESTART);
            batches.add(new Batch(List.of(), false));
            return;
        }
        Map<String, Long> handles = new HashMap<>(nextHandle);
        long tableHandle = nextTableHandle;
        List<Operation> operations = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < requests.size(); i++) {
            NetlinkMessage m = requests.get(i);
            int message = Nfnetlink.messageOf(m.type());
            Family family = Family.ofProtocol(m.payloadU8(0));
            Operation op = new Operation(i, message, m.flags(), family, m.copy(), 0);
            long handle = switch (message) {
                case NFT_MSG_NEWTABLE -> tableHandle++;
                case NFT_MSG_NEWCHAIN, NFT_MSG_NEWRULE, NFT_MSG_NEWSET, NFT_MSG_NEWOBJ, NFT_MSG_NEWFLOWTABLE ->
                        handles.merge(family + " " + op.table(), 1L, Long::sum);
                default -> 0;
            };
            op = new Operation(i, message, m.flags(), family, op.request(), handle);
            operations.add(op);
            Failure f = failureFor(op);
            if (f != null) {
                NetlinkReplies.error(w, m, f.errno(), f.ack().apply(op));
                failed = true;
            }
        }
        boolean applied = commit && !failed;
        batches.add(new Batch(List.copyOf(operations), applied));
        if (!applied) {
            return;
        }
        for (Operation op : operations) {
            if ((op.flags() & NLM_F_ECHO) != 0) {
                echo(w, op);
            }
        }
        nextHandle.clear();
        nextHandle.putAll(handles);
        nextTableHandle = tableHandle;
        generation++;
        if ((last.flags() & NLM_F_ACK) != 0 && acksBatches) {
            NetlinkReplies.ack(w, last);
        }
    }

    /**
     * Answers as kernels before Linux 6.10 do: no acknowledgement of the batch's begin and end
     * messages, only errors and echoes.
     */
    public RecordingNftKernel beforeLinux610() {
        acksBatches = false;
        return this;
    }

    private Failure failureFor(Operation op) {
        for (Failure f : failures) {
            if (f.when().test(op)) {
                return f;
            }
        }
        return null;
    }

    private static Integer expectedGeneration(NetlinkMessage begin) {
        for (Attribute a : begin.attributes(NFGENMSG_LEN)) {
            if (a.type() == NFNL_BATCH_GENID) {
                return a.u32Be();
            }
        }
        return null;
    }

    /** The kernel's copy of what {@code op} created: its attributes and the new handle. */
    private static void echo(MessageWriter w, Operation op) {
        NetlinkMessage request = op.request();
        int handleAttribute = switch (op.message()) {
            case NFT_MSG_NEWTABLE -> NFTA_TABLE_HANDLE;
            case NFT_MSG_NEWCHAIN -> NFTA_CHAIN_HANDLE;
            case NFT_MSG_NEWRULE -> NFTA_RULE_HANDLE;
            case NFT_MSG_NEWSET -> NFTA_SET_HANDLE;
            case NFT_MSG_NEWOBJ -> NFTA_OBJ_HANDLE;
            case NFT_MSG_NEWFLOWTABLE -> NFTA_FLOWTABLE_HANDLE;
            default -> -1;
        };
        int m = w.beginMessage(request.type(), 0, request.sequence());
        w.putU8(op.family().protocol()).putU8(0).putU16Be(0);
        for (Attribute a : request.attributes(NFGENMSG_LEN)) {
            if (a.type() != handleAttribute) {
                w.attrBytes(a.rawType(), a.bytes());
            }
        }
        if (handleAttribute > 0) {
            w.attrU64Be(handleAttribute, op.handle());
        }
        w.endMessage(m);
    }

    @Override
    public int receive(MemorySegment buffer) {
        int n = receiveNow(buffer);
        if (n < 0) {
            throw new AssertionError("the connection waited for a reply the recording kernel never sends");
        }
        return n;
    }

    @Override
    public int receiveNow(MemorySegment buffer) {
        byte[] next = replies.poll();
        if (next == null) {
            return -1;
        }
        MemorySegment.copy(next, 0, buffer, ValueLayout.JAVA_BYTE, 0, next.length);
        return next.length;
    }

    @Override
    public void ensureSendCapacity(int bytes) {
    }

    @Override
    public void ensureReceiveCapacity(int bytes) {
    }

    @Override
    public void close() {
    }
}
