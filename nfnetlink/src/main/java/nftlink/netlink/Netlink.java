package nftlink.netlink;

/**
 * Constants of the netlink wire format, named as in {@code <linux/netlink.h>}.
 */
public final class Netlink {
    private Netlink() {
    }

    /** Length of {@code struct nlmsghdr}. */
    public static final int NLMSG_HDRLEN = 16;
    /** Length of {@code struct nlattr}. */
    public static final int NLA_HDRLEN = 4;
    /** Largest value an attribute's 16-bit length field can hold. */
    public static final int NLA_MAX_LENGTH = 0xffff;

    // nlmsg_type values below NLMSG_MIN_TYPE
    public static final int NLMSG_NOOP = 0x1;
    public static final int NLMSG_ERROR = 0x2;
    public static final int NLMSG_DONE = 0x3;
    public static final int NLMSG_OVERRUN = 0x4;
    public static final int NLMSG_MIN_TYPE = 0x10;

    // nlmsg_flags
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // modifiers to GET requests
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_ATOMIC = 0x400;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // modifiers to NEW requests
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    // modifiers to DELETE requests
    public static final int NLM_F_NONREC = 0x100;
    public static final int NLM_F_BULK = 0x200;
    // flags for ACK messages
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    // enum nlmsgerr_attrs
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    public static final int NLMSGERR_ATTR_POLICY = 4;
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    // struct nlattr nla_type bits
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** Rounds up to the 4-byte netlink alignment ({@code NLMSG_ALIGN}, {@code NLA_ALIGN}). */
    public static int align(int length) {
        return (length + 3) & ~3;
    }

    /** Rounds up to the 4-byte netlink alignment. */
    public static long align(long length) {
        return (length + 3) & ~3L;
    }
}
