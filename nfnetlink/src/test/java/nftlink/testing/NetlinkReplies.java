package nftlink.testing;

import nftlink.netlink.Errno;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;

import java.util.function.Consumer;

import static nftlink.netlink.Netlink.NLMSGERR_ATTR_MSG;
import static nftlink.netlink.Netlink.NLMSGERR_ATTR_OFFS;
import static nftlink.netlink.Netlink.NLMSG_DONE;
import static nftlink.netlink.Netlink.NLMSG_ERROR;
import static nftlink.netlink.Netlink.NLM_F_ACK_TLVS;
import static nftlink.netlink.Netlink.NLM_F_CAPPED;
import static nftlink.netlink.Netlink.NLM_F_DUMP_INTR;
import static nftlink.netlink.Netlink.NLM_F_MULTI;

/**
 * The kernel's side of a netlink exchange, written from the {@code Netlink}
 * constants into a {@link MessageWriter} (the level of mdlayher's {@code nltest}):
 * acknowledgements, errors with an errno and an extended acknowledgement,
 * multipart replies and their {@code NLMSG_DONE}. Each method appends one
 * message, so several make one datagram; {@link FakeKernel#reply(MessageWriter)}
 * queues it.
 *
 * <p>Error replies are capped ({@code NETLINK_CAP_ACK}), as the library asks for:
 * they carry the header of the request, not its payload.
 */
public final class NetlinkReplies {

    private NetlinkReplies() {
    }

    /**
     * An extended acknowledgement: the kernel's text and the offset of the attribute it
     * points at within the request, each optional.
     *
     * @param message {@code NLMSGERR_ATTR_MSG}, or {@code null}
     * @param offset  {@code NLMSGERR_ATTR_OFFS} (from the start of the request's header), or -1
     */
    public record ExtendedAck(String message, int offset) {
        /** No text and no attribute. */
        public static final ExtendedAck NONE = new ExtendedAck(null, -1);

        /** Only a text. */
        public static ExtendedAck text(String message) {
            return new ExtendedAck(message, -1);
        }

        /** Only an attribute offset. */
        public static ExtendedAck at(int offset) {
            return new ExtendedAck(null, offset);
        }

        boolean isEmpty() {
            return message == null && offset < 0;
        }
    }

    /** {@code NLMSG_ERROR} with error 0: the request succeeded. */
    public static MessageWriter ack(MessageWriter w, NetlinkMessage request) {
        return error(w, request, 0, ExtendedAck.NONE);
    }

    /** {@code NLMSG_ERROR} with {@code -errno}. */
    public static MessageWriter error(MessageWriter w, NetlinkMessage request, Errno errno) {
        return error(w, request, errno.number(), ExtendedAck.NONE);
    }

    /** {@code NLMSG_ERROR} with {@code -errno} and an extended acknowledgement. */
    public static MessageWriter error(MessageWriter w, NetlinkMessage request, Errno errno, ExtendedAck ack) {
        return error(w, request, errno.number(), ack);
    }

    /**
     * {@code NLMSG_ERROR} with {@code -errno} (0: an acknowledgement, which may
     * carry an extended acknowledgement too, as warnings do).
     */
    public static MessageWriter error(MessageWriter w, NetlinkMessage request, int errno, ExtendedAck ack) {
        int flags = NLM_F_CAPPED | (ack.isEmpty() ? 0 : NLM_F_ACK_TLVS);
        int m = w.beginMessage(NLMSG_ERROR, flags, request.sequence());
        w.putU32(-errno);
        // the request's header, as the kernel copies it (its length field still counts the payload)
        w.putU32(request.length()).putU16(request.type()).putU16(request.flags()).putU32(request.sequence())
                .putU32(request.portId());
        if (ack.message() != null) {
            w.attrString(NLMSGERR_ATTR_MSG, ack.message());
        }
        if (ack.offset() >= 0) {
            w.attrU32(NLMSGERR_ATTR_OFFS, ack.offset());
        }
        w.endMessage(m);
        return w;
    }

    /**
     * One part of a multipart reply ({@code NLM_F_MULTI}) to {@code request}:
     * {@code body} writes the family header and attributes.
     */
    public static MessageWriter part(MessageWriter w, NetlinkMessage request, int type, Consumer<MessageWriter> body) {
        return part(w, request.sequence(), type, 0, body);
    }

    /** A multipart message with extra flags (such as {@code NLM_F_DUMP_INTR}). */
    public static MessageWriter part(MessageWriter w, int sequence, int type, int flags, Consumer<MessageWriter> body) {
        int m = w.beginMessage(type, NLM_F_MULTI | flags, sequence);
        body.accept(w);
        w.endMessage(m);
        return w;
    }

    /** {@code NLMSG_DONE} ending a dump answering {@code request}. */
    public static MessageWriter done(MessageWriter w, NetlinkMessage request) {
        return done(w, request.sequence(), 0, 0);
    }

    /** {@code NLMSG_DONE} of an interrupted dump ({@code NLM_F_DUMP_INTR}). */
    public static MessageWriter doneInterrupted(MessageWriter w, NetlinkMessage request) {
        return done(w, request.sequence(), NLM_F_DUMP_INTR, 0);
    }

    /** {@code NLMSG_DONE} carrying {@code -errno}: the dump failed part way. */
    public static MessageWriter doneWithError(MessageWriter w, NetlinkMessage request, Errno errno) {
        return done(w, request.sequence(), 0, errno.number());
    }

    /**
     * {@code NLMSG_DONE} carrying {@code -errno} and the kernel's text after it
     * ({@code NLM_F_ACK_TLVS}), as {@code netlink_dump_done} writes when a dump
     * callback set an extended-ACK message.
     */
    public static MessageWriter doneWithError(MessageWriter w, NetlinkMessage request, Errno errno, String text) {
        int m = w.beginMessage(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, request.sequence());
        w.putU32(-errno.number());
        w.attrString(NLMSGERR_ATTR_MSG, text);
        w.endMessage(m);
        return w;
    }

    private static MessageWriter done(MessageWriter w, int sequence, int flags, int errno) {
        int m = w.beginMessage(NLMSG_DONE, NLM_F_MULTI | flags, sequence);
        w.putU32(-errno);
        w.endMessage(m);
        return w;
    }
}
