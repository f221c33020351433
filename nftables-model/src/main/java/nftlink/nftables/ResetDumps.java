package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;
import static nftlink.nftables.NfTablesUapi.NFPROTO_UNSPEC;

/**
 * The kernel's reading requests that zero what they read ({@code NFT_MSG_GETOBJ_RESET},
 * {@code NFT_MSG_GETRULE_RESET}, {@code NFT_MSG_GETSETELEM_RESET}) and the element lookup
 * ({@code NFT_MSG_GETSETELEM} with elements): each sent once and never repeated, since a second
 * pass would read the zeroed values.
 *
 * @param connection the client's connection
 */
record ResetDumps(NetlinkConnection connection) {

    /**
     * One request of {@code message} with {@code NLM_F_DUMP}: the items of its replies, each once by
     * {@code key} (a dump a concurrent change interrupts may repeat some).
     */
    <T> List<T> dump(int message, Family family, String operation, AttributeNamer namer, Consumer<MessageWriter> attributes,
                     Function<NetlinkMessage, List<T>> decoder, Function<T, Object> key) {
        return connection.exclusive(() -> dumpLocked(message, family, operation, namer, attributes, decoder, key));
    }

    private <T> List<T> dumpLocked(int message, Family family, String operation, AttributeNamer namer,
                                   Consumer<MessageWriter> attributes, Function<NetlinkMessage, List<T>> decoder,
                                   Function<T, Object> key) {
        List<T> items = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        int seq = connection.nextSequence();
        MessageWriter w = connection.writer();
        w.reset();
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, message),
                NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, seq, family == null ? NFPROTO_UNSPEC : family.protocol(), 0);
        if (attributes != null) {
            attributes.accept(w);
        }
        w.endMessage(m);
        connection.send(w);
        connection.receive(seq, 1, reply -> {
            if (reply.type() == Netlink.NLMSG_DONE) {
                if (reply.payloadLength() >= 4 && reply.payloadU32(0) < 0) {
                    throw new NetlinkKernelException(operation, -reply.payloadU32(0), null, -1, null);
                }
                return true;
            }
            if (reply.isError()) {
                if (reply.errorCode() != 0) {
                    throw connection.kernelError(reply, operation, 0, NFGENMSG_LEN, namer);
                }
                return false;
            }
            for (T item : decoder.apply(reply)) {
                if (seen.add(key.apply(item))) {
                    items.add(item);
                }
            }
            return false;
        });
        return items;
    }

    /** One request of {@code message} without {@code NLM_F_DUMP}: the items of the replies before the acknowledgement. */
    <T> List<T> get(int message, Family family, String operation, AttributeNamer namer, Consumer<MessageWriter> attributes,
                    Function<NetlinkMessage, List<T>> decoder) {
        List<T> items = new ArrayList<>();
        connection.execute((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, message),
                    NLM_F_REQUEST | NLM_F_ACK, seq, family.protocol(), 0);
            attributes.accept(w);
            w.endMessage(m);
        }, operation, NFGENMSG_LEN, namer, reply -> items.addAll(decoder.apply(reply)));
        return items;
    }
}
