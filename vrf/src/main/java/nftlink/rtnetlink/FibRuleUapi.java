package nftlink.rtnetlink;

/** Constants of {@code <linux/fib_rules.h>}: rule attributes, actions and flags, with the header's names. */
public final class FibRuleUapi {
    private FibRuleUapi() {
    }

    // fib_rule_hdr flags
    /** Rule flag: cannot be deleted. */
    public static final int FIB_RULE_PERMANENT = 0x1;
    /** Rule flag not: the selector is inverted. */
    public static final int FIB_RULE_INVERT = 0x2;
    /** Rule flag: the goto target does not exist. */
    public static final int FIB_RULE_UNRESOLVED = 0x4;
    /** Rule flag: the input interface is not present. */
    public static final int FIB_RULE_IIF_DETACHED = 0x8;
    /** Rule flag: the output interface is not present. */
    public static final int FIB_RULE_OIF_DETACHED = 0x10;

    // enum FRA_*
    /** Unspecified (0). */
    public static final int FRA_UNSPEC = 0;
    /** Destination address. */
    public static final int FRA_DST = 1;
    /** Source address. */
    public static final int FRA_SRC = 2;
    /** Interface name. */
    public static final int FRA_IIFNAME = 3;
    /** Target to jump to (FR_ACT_GOTO). */
    public static final int FRA_GOTO = 4;
    /** Reserved, unused. */
    public static final int FRA_UNUSED2 = 5;
    /** Priority/preference. */
    public static final int FRA_PRIORITY = 6;
    /** Reserved, unused. */
    public static final int FRA_UNUSED3 = 7;
    /** Reserved, unused. */
    public static final int FRA_UNUSED4 = 8;
    /** Reserved, unused. */
    public static final int FRA_UNUSED5 = 9;
    /** Mark. */
    public static final int FRA_FWMARK = 10;
    /** Flow/class id. */
    public static final int FRA_FLOW = 11;
    /** Tunnel ID to match (u64, network byte order). */
    public static final int FRA_TUN_ID = 12;
    /** Suppress the route result when its interface is in this group (u32). */
    public static final int FRA_SUPPRESS_IFGROUP = 13;
    /** Suppress the route result when its prefix length is this or shorter (u32). */
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    /** Extended table id. */
    public static final int FRA_TABLE = 15;
    /** Mask for netfilter mark. */
    public static final int FRA_FWMASK = 16;
    /** Output interface name to match (string). */
    public static final int FRA_OIFNAME = 17;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int FRA_PAD = 18;
    /** Iif or oif is l3mdev goto its table. */
    public static final int FRA_L3MDEV = 19;
    /** UID range. */
    public static final int FRA_UID_RANGE = 20;
    /** Originator of the rule. */
    public static final int FRA_PROTOCOL = 21;
    /** Ip proto. */
    public static final int FRA_IP_PROTO = 22;
    /** Sport. */
    public static final int FRA_SPORT_RANGE = 23;
    /** Dport. */
    public static final int FRA_DPORT_RANGE = 24;

    // enum FR_ACT_*
    /** Unspecified (0). */
    public static final int FR_ACT_UNSPEC = 0;
    /** Pass to fixed table. */
    public static final int FR_ACT_TO_TBL = 1;
    /** Jump to another rule. */
    public static final int FR_ACT_GOTO = 2;
    /** No operation. */
    public static final int FR_ACT_NOP = 3;
    /** Reserved, unused. */
    public static final int FR_ACT_RES3 = 4;
    /** Reserved, unused. */
    public static final int FR_ACT_RES4 = 5;
    /** Drop without notification. */
    public static final int FR_ACT_BLACKHOLE = 6;
    /** Drop with ENETUNREACH. */
    public static final int FR_ACT_UNREACHABLE = 7;
    /** Drop with EACCES. */
    public static final int FR_ACT_PROHIBIT = 8;
}
