package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;

/** Decoding helpers shared by the object codecs. */
final class Codec {
    private Codec() {
    }

    /** The family of an nftables message, from its {@code nfgenmsg}. */
    static Family family(NetlinkMessage message) {
        int protocol = message.payloadU8(0);
        try {
            return Family.ofProtocol(protocol);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("unknown nftables family " + protocol + " in message type " + message.type());
        }
    }

    /** The comment of a userdata attribute when it holds only a comment, else {@code null}. */
    static String commentOrNull(Attribute userdata) {
        byte[] bytes = userdata.bytes();
        try {
            String c = Userdata.findComment(bytes);
            return c != null && java.util.Arrays.equals(bytes, Userdata.comment(c)) ? c : null;
        } catch (IllegalArgumentException | NetlinkDecodeException e) {
            return null;
        }
    }
}
