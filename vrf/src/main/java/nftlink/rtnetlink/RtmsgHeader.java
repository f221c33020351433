package nftlink.rtnetlink;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;

import java.net.InetAddress;

/**
 * The fixed header of a route message ({@code struct rtmsg}) and of a rule message
 * ({@code struct fib_rule_hdr}, which keeps rtmsg's layout: its two reserved bytes and its action
 * stand where rtmsg has the protocol, the scope and the type).
 *
 * @param family   the address family
 * @param dstLen   the destination prefix length
 * @param srcLen   the source prefix length
 * @param tos      the TOS selector
 * @param table    the routing table; one of 256 or more is written as {@code RT_TABLE_UNSPEC} (and
 *                 carried by an attribute)
 * @param protocol rtmsg's protocol, fib_rule_hdr's first reserved byte
 * @param scope    rtmsg's scope, fib_rule_hdr's second reserved byte
 * @param type     rtmsg's route type, fib_rule_hdr's action
 * @param flags    the flags
 */
record RtmsgHeader(IpFamily family, int dstLen, int srcLen, int tos, int table, int protocol, int scope, int type,
                   int flags) {

    /** Reads the header of a route or rule message. */
    static RtmsgHeader decode(NetlinkMessage m) {
        return new RtmsgHeader(IpFamily.ofNumber(m.payloadU8(0)), m.payloadU8(1), m.payloadU8(2), m.payloadU8(3),
                m.payloadU8(4), m.payloadU8(5), m.payloadU8(6), m.payloadU8(7), m.payloadU32(8));
    }

    /** Whether {@code table} fits the header's byte; a larger one needs the table attribute. */
    static boolean fitsHeader(int table) {
        return Integer.compareUnsigned(table, 256) < 0;
    }

    /** The length of {@code prefix}, 0 when there is none. */
    static int length(Prefix prefix) {
        return prefix == null ? 0 : prefix.length();
    }

    void write(MessageWriter w) {
        w.putU8(family.number()).putU8(dstLen).putU8(srcLen).putU8(tos)
                .putU8(fitsHeader(table) ? table : RtnetlinkUapi.RT_TABLE_UNSPEC).putU8(protocol).putU8(scope)
                .putU8(type).putU32(flags);
    }

    /** The destination prefix of {@code address} (the family's any address when absent), or null when both are absent. */
    Prefix destination(InetAddress address) {
        return prefix(address, dstLen);
    }

    /** The source prefix of {@code address}, as {@link #destination} does. */
    Prefix source(InetAddress address) {
        return prefix(address, srcLen);
    }

    private Prefix prefix(InetAddress address, int length) {
        return address == null && length == 0 ? null : new Prefix(address == null ? RtAttributes.any(family) : address, length);
    }
}
