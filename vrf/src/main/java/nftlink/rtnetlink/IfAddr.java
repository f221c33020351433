package nftlink.rtnetlink;

/** Constants of {@code <linux/if_addr.h>}: address attributes and flags, with the header's names. */
public final class IfAddr {
    private IfAddr() {
    }

    // enum IFA_*
    /** Unspecified (0). */
    public static final int IFA_UNSPEC = 0;
    /** The address; on point-to-point links the peer's address. */
    public static final int IFA_ADDRESS = 1;
    /** The local address (the same as IFA_ADDRESS except on point-to-point links). */
    public static final int IFA_LOCAL = 2;
    /** The address label, such as eth0:1 (string). */
    public static final int IFA_LABEL = 3;
    /** The broadcast address (IPv4). */
    public static final int IFA_BROADCAST = 4;
    /** An anycast address (IPv6). */
    public static final int IFA_ANYCAST = 5;
    /** Lifetimes and timestamps, struct ifa_cacheinfo. */
    public static final int IFA_CACHEINFO = 6;
    /** A multicast address (IPv6). */
    public static final int IFA_MULTICAST = 7;
    /** All IFA_F_* flags (u32; ifa_flags holds only the low 8). */
    public static final int IFA_FLAGS = 8;
    /** U32, priority/metric for prefix route. */
    public static final int IFA_RT_PRIORITY = 9;
    /** Namespace ID to act in, for dumps of another namespace (s32). */
    public static final int IFA_TARGET_NETNSID = 10;
    /** U8, address protocol. */
    public static final int IFA_PROTO = 11;

    // ifa_flags
    /** Secondary address: another address of the same subnet is primary. */
    public static final int IFA_F_SECONDARY = 0x01;
    /** Temporary IPv6 privacy address (the same bit as IFA_F_SECONDARY). */
    public static final int IFA_F_TEMPORARY = IFA_F_SECONDARY;
    /** No duplicate address detection. */
    public static final int IFA_F_NODAD = 0x02;
    /** Optimistic duplicate address detection. */
    public static final int IFA_F_OPTIMISTIC = 0x04;
    /** Duplicate address detection failed. */
    public static final int IFA_F_DADFAILED = 0x08;
    /** Mobile IPv6 home address. */
    public static final int IFA_F_HOMEADDRESS = 0x10;
    /** Preferred lifetime expired; not used for new connections. */
    public static final int IFA_F_DEPRECATED = 0x20;
    /** Duplicate address detection is still running. */
    public static final int IFA_F_TENTATIVE = 0x40;
    /** Configured address, without a lifetime. */
    public static final int IFA_F_PERMANENT = 0x80;
    /** Make temporary privacy addresses from this prefix. */
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    /** Do not add a prefix route for the address. */
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    /** Join the multicast group of the address automatically. */
    public static final int IFA_F_MCAUTOJOIN = 0x400;
    /** Stable privacy address (RFC 7217). */
    public static final int IFA_F_STABLE_PRIVACY = 0x800;
}
