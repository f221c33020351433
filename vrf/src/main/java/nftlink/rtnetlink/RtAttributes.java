package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encoding and decoding helpers shared by the rtnetlink codecs. */
final class RtAttributes {
    private RtAttributes() {
    }

    /** An address attribute of {@code family}; rejects a wrong length. */
    static InetAddress address(Attribute a, IpFamily family, String what) {
        if (a.length() != family.addressLength()) {
            throw new NetlinkDecodeException(what + ": expected a " + family.addressLength() + "-byte address, got "
                    + a.length() + " bytes");
        }
        try {
            return InetAddress.getByAddress(a.bytes());
        } catch (UnknownHostException e) {
            throw new NetlinkDecodeException(what + ": " + e.getMessage());
        }
    }

    /** An all-zero address of {@code family}. */
    static InetAddress any(IpFamily family) {
        try {
            return InetAddress.getByAddress(new byte[family.addressLength()]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static void attrAddress(MessageWriter w, int type, InetAddress address) {
        w.attrBytes(type, address.getAddress());
    }

    /**
     * Writes a nested attribute without {@code NLA_F_NESTED}, as iproute2 does for
     * {@code IFLA_LINKINFO} and friends.
     *
     * @return the start offset for {@link #endPlainNest}
     */
    static int beginPlainNest(MessageWriter w, int type) {
        return w.beginNested(type, false);
    }

    /** Ends a nest begun with {@link #beginPlainNest}. */
    static void endPlainNest(MessageWriter w, int start) {
        w.endNested(start);
    }

    /** A string attribute without its NUL terminator (iproute2 writes {@code IFLA_INFO_KIND} so). */
    static void attrStringNoNul(MessageWriter w, int type, String value) {
        w.attrBytes(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string whose value may or may not be NUL-terminated. */
    static String lenientString(Attribute a) {
        byte[] b = a.bytes();
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    static void writeAll(MessageWriter w, List<RawAttribute> attributes) {
        for (RawAttribute a : attributes) {
            a.write(w);
        }
    }

    static void checkName(String what, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.getBytes(StandardCharsets.UTF_8).length > IfLink.IFNAME_MAX_LENGTH
                || name.chars().anyMatch(c -> c == '/' || c == ':' || c == 0 || c == ' ' || (c >= '\t' && c <= '\r'))) {
            throw new IllegalArgumentException("invalid " + what + " name: \"" + name + "\" (1 to "
                    + IfLink.IFNAME_MAX_LENGTH + " bytes, not . or .., no '/', ':', NUL or white space)");
        }
    }
}
