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
    /** Nothing. */
    public static final int NLMSG_NOOP = 0x1;
    /** Error or acknowledgement: struct nlmsgerr. */
    public static final int NLMSG_ERROR = 0x2;
    /** End of a dump. */
    public static final int NLMSG_DONE = 0x3;
    /** Data lost. */
    public static final int NLMSG_OVERRUN = 0x4;
    /** First type that is not a netlink control message; types below it are reserved. */
    public static final int NLMSG_MIN_TYPE = 0x10;

    // nlmsg_flags
    /** Request message: set on every message user space sends. */
    public static final int NLM_F_REQUEST = 0x01;
    /** Multipart message, terminated by NLMSG_DONE. */
    public static final int NLM_F_MULTI = 0x02;
    /** Reply with ack, with zero or error code. */
    public static final int NLM_F_ACK = 0x04;
    /** Receive resulting notifications. */
    public static final int NLM_F_ECHO = 0x08;
    /** Dump was inconsistent due to sequence change. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    /** Dump was filtered as requested. */
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // modifiers to GET requests
    /** Specify tree root. */
    public static final int NLM_F_ROOT = 0x100;
    /** Return all matching. */
    public static final int NLM_F_MATCH = 0x200;
    /** Atomic GET. */
    public static final int NLM_F_ATOMIC = 0x400;
    /** Dump request: NLM_F_ROOT and NLM_F_MATCH, every object. */
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // modifiers to NEW requests
    /** Override existing. */
    public static final int NLM_F_REPLACE = 0x100;
    /** Do not touch, if it exists. */
    public static final int NLM_F_EXCL = 0x200;
    /** Create, if it does not exist. */
    public static final int NLM_F_CREATE = 0x400;
    /** Add to end of list. */
    public static final int NLM_F_APPEND = 0x800;
    // modifiers to DELETE requests
    /** Do not delete recursively. */
    public static final int NLM_F_NONREC = 0x100;
    /** Delete multiple objects. */
    public static final int NLM_F_BULK = 0x200;
    // flags for ACK messages
    /** Request was capped. */
    public static final int NLM_F_CAPPED = 0x100;
    /** Extended ACK TVLs were included. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    // enum nlmsgerr_attrs
    /** Error message string (string). */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** Offset of the invalid attribute in the original message, counting from the beginning of the header (u32). */
    public static final int NLMSGERR_ATTR_OFFS = 2;
    /** Arbitrary subsystem specific cookie to be used - in the success case - to identify a created object or operation or similar (binary). */
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    /** Policy for a rejected attribute. */
    public static final int NLMSGERR_ATTR_POLICY = 4;
    /** Type of a missing required attribute, {@code NLMSGERR_ATTR_MISS_NEST} will not be present if the attribute was missing at the message level. */
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    /** Offset of the nest where attribute was missing. */
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    // struct nlattr nla_type bits
    /** Attribute type flag: the payload is nested attributes. */
    public static final int NLA_F_NESTED = 1 << 15;
    /** Attribute type flag: the payload is in network byte order. */
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    /** Mask of an attribute's type without the flag bits. */
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /**
     * Rounds up to the 4-byte netlink alignment ({@code NLMSG_ALIGN}, {@code NLA_ALIGN}).
     *
     * @param length a length in bytes
     * @return the aligned length
     */
    public static int align(int length) {
        return (length + 3) & ~3;
    }

    /**
     * Rounds up to the 4-byte netlink alignment.
     *
     * @param length a length in bytes
     * @return the aligned length
     */
    public static long align(long length) {
        return (length + 3) & ~3L;
    }
}
