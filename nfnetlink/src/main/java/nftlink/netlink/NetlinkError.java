package nftlink.netlink;

import static nftlink.netlink.Netlink.NLMSGERR_ATTR_MISS_TYPE;
import static nftlink.netlink.Netlink.NLMSGERR_ATTR_MSG;
import static nftlink.netlink.Netlink.NLMSGERR_ATTR_OFFS;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;
import static nftlink.netlink.Netlink.NLM_F_ACK_TLVS;
import static nftlink.netlink.Netlink.NLM_F_CAPPED;

/**
 * A decoded {@code NLMSG_ERROR} message: an acknowledgement ({@code errno == 0})
 * or an error, with the kernel's extended acknowledgement when it sent one.
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
        String text = null;
        int offset = -1;
        int missing = -1;
        if ((message.flags() & NLM_F_ACK_TLVS) != 0) {
            int tlvStart = 4 + NLMSG_HDRLEN;
            if ((message.flags() & NLM_F_CAPPED) == 0 && code != 0) {
                if (requestLength < NLMSG_HDRLEN) {
                    throw new NetlinkDecodeException("NLMSG_ERROR quotes a request of length " + requestLength);
                }
                tlvStart = 4 + Netlink.align(requestLength);
            }
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
        }
        return new NetlinkError(-code, requestType, requestFlags, requestSequence,
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
