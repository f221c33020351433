package nftlink.testing;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkTransport;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A scripted kernel behind {@link NetlinkTransport}: records every datagram sent
 * and answers through a responder the test supplies, so connection logic can be
 * tested without a kernel (interrupted dumps, stray sequence numbers, malformed
 * replies). Replies are written with {@link NetlinkReplies}.
 */
public final class FakeKernel implements NetlinkTransport {

    private final List<byte[]> sent = new ArrayList<>();
    private final Deque<byte[]> queued = new ArrayDeque<>();
    private final BiConsumer<List<NetlinkMessage>, FakeKernel> responder;

    /** A fake kernel that calls {@code responder} with the messages of every datagram sent. */
    public FakeKernel(BiConsumer<List<NetlinkMessage>, FakeKernel> responder) {
        this.responder = responder;
    }

    /** Queues one reply datagram. */
    public void reply(byte[] datagram) {
        queued.add(datagram.clone());
    }

    /** Queues one reply datagram holding what {@code w} has written. */
    public void reply(MessageWriter w) {
        reply(w.toByteArray());
    }

    /** Every datagram sent so far. */
    public List<byte[]> sent() {
        return sent;
    }

    @Override
    public void send(MemorySegment buffer, long length) {
        byte[] datagram = buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        sent.add(datagram);
        responder.accept(NetlinkMessage.parseAll(MemorySegment.ofArray(datagram), datagram.length), this);
    }

    @Override
    public int receive(MemorySegment buffer) {
        int n = receiveNow(buffer);
        if (n < 0) {
            throw new AssertionError("the connection waited for a reply the fake kernel never sends");
        }
        return n;
    }

    @Override
    public int receiveNow(MemorySegment buffer) {
        byte[] next = queued.poll();
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

    /**
     * Writes an {@code NLMSG_ERROR} answering {@code request} with {@code errno} (0: an
     * ACK), with the extended acknowledgement's {@code text} and attribute
     * {@code offset} when given ({@code null}, -1: none); see {@link NetlinkReplies}.
     */
    public static void writeError(MessageWriter w, NetlinkMessage request, int errno, String text, int offset) {
        NetlinkReplies.error(w, request, errno, new NetlinkReplies.ExtendedAck(text, offset));
    }

    /** Queues one datagram written by {@code replies} (for example with {@link NetlinkReplies}). */
    public void reply(Consumer<MessageWriter> replies) {
        MessageWriter w = new MessageWriter();
        replies.accept(w);
        reply(w);
    }
}
