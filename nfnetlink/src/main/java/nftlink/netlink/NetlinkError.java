package nftlink.netlink;

import static nftlink.netlink.Netlink.NLMSGERR_ATTR_MISS_TYPE;
import static nftlink.netlink.Netlink.NLMSGERR_ATTR_MSG;
import static nftlink.netlink.Netlink.NLMSGERR_ATTR_OFFS;
import static nftlink.netlink.Netlink.NLMSG_DONE;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;
import static nftlink.netlink.Netlink.NLM_F_ACK_TLVS;
import static nftlink.netlink.Netlink.NLM_F_CAPPED;

/**
 * A decoded {@code NLMSG_ERROR} message: an acknowledgement ({@code errno == 0})
 * or an error, with the kernel's extended acknowledgement when it sent one; or
 * the status of the {@code NLMSG_DONE} that ends a dump ({@link #decodeDone}).
 *
 * @param errno           positive error number; 0 for an acknowledgement
 * @param requestType     {@code nlmsg_type} of the request it answers
 * @param requestFlags    {@code nlmsg_flags} of that request
 * @param requestSequence {@code nlmsg_seq} of that request
 * @param kernelMessage   {@code NLMSGERR_ATTR_MSG}, or {@code null}
 * @param attributeOffset {@code NLMSGERR_ATTR_OFFS}: offset of the offending attribute
 *                        from the start of the request's header, or -1
 * @param missingType     {@code NLMSGERR_ATTR_MISS_TYPE}: type of a missing attribute, or -1
 */
public record NetlinkError(int errno, int requestType, int requestFlags, int requestSequence,
                           String kernelMessage, int attributeOffset, int missingType) {

    /**
     * Decodes an {@code NLMSG_ERROR} message.
     *
     * @param message the message
     * @return the error
     * @throws NetlinkDecodeException when the message is not a well-formed error message
     */
    public static NetlinkError decode(NetlinkMessage message) {
        if (!message.isError()) {
            throw new NetlinkDecodeException("message type " + message.type() + " is not NLMSG_ERROR");
        }
        int code = message.errorCode();
        int requestLength = message.payloadU32(4);
        int requestType = message.payloadU16(8);
        int requestFlags = message.payloadU16(10);
        int requestSequence = message.payloadU32(12);
        int tlvStart = message.payloadLength();
        if ((message.flags() & NLM_F_ACK_TLVS) != 0) {
            tlvStart = 4 + NLMSG_HDRLEN;
            if ((message.flags() & NLM_F_CAPPED) == 0 && code != 0) {
                if (requestLength < NLMSG_HDRLEN) {
                    throw new NetlinkDecodeException("NLMSG_ERROR quotes a request of length " + requestLength);
                }
                tlvStart = 4 + Netlink.align(requestLength);
            }
        }
        return withAck(message, tlvStart, -code, requestType, requestFlags, requestSequence);
    }

    /**
     * Decodes the {@code NLMSG_DONE} that ends a dump: its status (0, or a negated errno
     * when the dump failed part way) and, with {@code NLM_F_ACK_TLVS}, the kernel's
     * extended-ACK text ({@code NLMSGERR_ATTR_MSG}) that follows the status. The
     * request fields are those of the dump request the message answers, as far as
     * the message says: its sequence number; type and flags 0.
     *
     * @param message an {@code NLMSG_DONE} message
     * @return the dump's status as an error, errno 0 when the dump succeeded
     * @throws NetlinkDecodeException when the message is not an {@code NLMSG_DONE}
     */
    public static NetlinkError decodeDone(NetlinkMessage message) {
        if (message.type() != NLMSG_DONE) {
            throw new NetlinkDecodeException("message type " + message.type() + " is not NLMSG_DONE");
        }
        if (message.payloadLength() < 4) {
            return new NetlinkError(0, 0, 0, message.sequence(), null, -1, -1);
        }
        int status = message.payloadU32(0);
        int tlvStart = (message.flags() & NLM_F_ACK_TLVS) != 0 ? 4 : message.payloadLength();
        return withAck(message, tlvStart, status < 0 ? -status : 0, 0, 0, message.sequence());
    }

    /** The error with the extended-ACK attributes found from {@code tlvStart} of the payload to its end. */
    private static NetlinkError withAck(NetlinkMessage message, int tlvStart, int errno, int requestType,
                                        int requestFlags, int requestSequence) {
        String text = null;
        int offset = -1;
        int missing = -1;
        if (tlvStart < message.payloadLength()) {
            for (Attribute a : Attributes.parse(message.segment(), message.payloadOffset() + tlvStart,
                    message.payloadLength() - tlvStart)) {
                switch (a.type()) {
                    case NLMSGERR_ATTR_MSG -> text = a.string();
                    case NLMSGERR_ATTR_OFFS -> offset = a.u32();
                    case NLMSGERR_ATTR_MISS_TYPE -> missing = a.u32();
                    default -> { }
                }
            }
        }
        return new NetlinkError(errno, requestType, requestFlags, requestSequence,
                text == null || text.isEmpty() ? null : text, offset, missing);
    }

    /**
     * Whether this is an acknowledgement rather than an error.
     *
     * @return whether the error code is 0
     */
    public boolean isAck() {
        return errno == 0;
    }
}
