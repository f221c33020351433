package nftlink.rtnetlink;

/**
 * Constants of {@code <linux/rtnetlink.h>} (message types, {@code struct rtmsg}
 * values, route attributes, multicast groups) with the header's names, plus the
 * address families of {@code <linux/socket.h>} that rtnetlink messages carry.
 */
public final class RtnetlinkUapi {
    private RtnetlinkUapi() {
    }

    // <linux/socket.h>
    /** Unspecified (0). */
    public static final int AF_UNSPEC = 0;
    /** Address family IPv4. */
    public static final int AF_INET = 2;
    /** Address family IPv6. */
    public static final int AF_INET6 = 10;

    // rtnetlink message types
    /** Create a link, or a link notification. */
    public static final int RTM_NEWLINK = 16;
    /** Delete a link, or a link removal notification. */
    public static final int RTM_DELLINK = 17;
    /** Get or dump links. */
    public static final int RTM_GETLINK = 18;
    /** Change a link's settings. */
    public static final int RTM_SETLINK = 19;
    /** Add an address, or an address notification. */
    public static final int RTM_NEWADDR = 20;
    /** Delete an address, or an address removal notification. */
    public static final int RTM_DELADDR = 21;
    /** Get or dump addresses. */
    public static final int RTM_GETADDR = 22;
    /** Add a route, or a route notification. */
    public static final int RTM_NEWROUTE = 24;
    /** Delete a route, or a route removal notification. */
    public static final int RTM_DELROUTE = 25;
    /** Get or dump routes. */
    public static final int RTM_GETROUTE = 26;
    /** Add a policy routing rule, or a rule notification. */
    public static final int RTM_NEWRULE = 32;
    /** Delete a policy routing rule, or a rule removal notification. */
    public static final int RTM_DELRULE = 33;
    /** Get or dump policy routing rules. */
    public static final int RTM_GETRULE = 34;

    /** {@code sizeof(struct ifinfomsg)}. */
    public static final int IFINFOMSG_LEN = 16;
    /** {@code sizeof(struct ifaddrmsg)}. */
    public static final int IFADDRMSG_LEN = 8;
    /** {@code sizeof(struct rtmsg)}. */
    public static final int RTMSG_LEN = 12;
    /** {@code sizeof(struct fib_rule_hdr)} from {@code <linux/fib_rules.h>}. */
    public static final int FIB_RULE_HDR_LEN = 12;

    // rtm_type
    /** Unspecified (0). */
    public static final int RTN_UNSPEC = 0;
    /** Gateway or direct route. */
    public static final int RTN_UNICAST = 1;
    /** Accept locally. */
    public static final int RTN_LOCAL = 2;
    /** Route type broadcast: accepted locally as broadcast, sent as broadcast. */
    public static final int RTN_BROADCAST = 3;
    /** Route type anycast: accepted locally as broadcast, sent as unicast. */
    public static final int RTN_ANYCAST = 4;
    /** Multicast route. */
    public static final int RTN_MULTICAST = 5;
    /** Drop. */
    public static final int RTN_BLACKHOLE = 6;
    /** Destination is unreachable. */
    public static final int RTN_UNREACHABLE = 7;
    /** Administratively prohibited. */
    public static final int RTN_PROHIBIT = 8;
    /** Not in this table. */
    public static final int RTN_THROW = 9;
    /** Translate this address. */
    public static final int RTN_NAT = 10;
    /** Use external resolver. */
    public static final int RTN_XRESOLVE = 11;

    // rtm_protocol
    /** Unspecified (0). */
    public static final int RTPROT_UNSPEC = 0;
    /** Route installed by an ICMP redirect (currently unused). */
    public static final int RTPROT_REDIRECT = 1;
    /** Route installed by kernel. */
    public static final int RTPROT_KERNEL = 2;
    /** Route installed during boot. */
    public static final int RTPROT_BOOT = 3;
    /** Route installed by administrator. */
    public static final int RTPROT_STATIC = 4;

    // enum rt_scope_t
    /** Scope global: destinations beyond this host's links. */
    public static final int RT_SCOPE_UNIVERSE = 0;
    /** Scope site (IPv6 site-local). */
    public static final int RT_SCOPE_SITE = 200;
    /** Scope link: destinations on a directly attached link. */
    public static final int RT_SCOPE_LINK = 253;
    /** Scope host: destinations on this host. */
    public static final int RT_SCOPE_HOST = 254;
    /** Scope nowhere: the destination does not exist. */
    public static final int RT_SCOPE_NOWHERE = 255;

    // rtm_flags
    /** Notify user of route change. */
    public static final int RTM_F_NOTIFY = 0x100;
    /** This route is cloned. */
    public static final int RTM_F_CLONED = 0x200;

    // enum rt_class_t
    /** Unspecified (0). */
    public static final int RT_TABLE_UNSPEC = 0;
    /** Table number 252, used when a table ID does not fit the 8-bit rtm_table field. */
    public static final int RT_TABLE_COMPAT = 252;
    /** Table default (253). */
    public static final int RT_TABLE_DEFAULT = 253;
    /** Table main (254). */
    public static final int RT_TABLE_MAIN = 254;
    /** Table local (255): local and broadcast addresses. */
    public static final int RT_TABLE_LOCAL = 255;

    // enum rtattr_type_t
    /** Unspecified (0). */
    public static final int RTA_UNSPEC = 0;
    /** Destination prefix (address). */
    public static final int RTA_DST = 1;
    /** Source prefix (address). */
    public static final int RTA_SRC = 2;
    /** Input interface index (u32). */
    public static final int RTA_IIF = 3;
    /** Output interface index (u32). */
    public static final int RTA_OIF = 4;
    /** Gateway address. */
    public static final int RTA_GATEWAY = 5;
    /** Route priority, the metric (u32). */
    public static final int RTA_PRIORITY = 6;
    /** Preferred source address. */
    public static final int RTA_PREFSRC = 7;
    /** Nested route metrics (RTAX_*). */
    public static final int RTA_METRICS = 8;
    /** Next hops of a multipath route, struct rtnexthop list. */
    public static final int RTA_MULTIPATH = 9;
    /** No longer used. */
    public static final int RTA_PROTOINFO = 10;
    /** Routing realm (u32). */
    public static final int RTA_FLOW = 11;
    /** Cache information, struct rta_cacheinfo. */
    public static final int RTA_CACHEINFO = 12;
    /** No longer used. */
    public static final int RTA_SESSION = 13;
    /** No longer used. */
    public static final int RTA_MP_ALGO = 14;
    /** Routing table ID (u32), for IDs over 255. */
    public static final int RTA_TABLE = 15;
    /** Firewall mark for route lookups (u32). */
    public static final int RTA_MARK = 16;
    /** Multicast forwarding statistics. */
    public static final int RTA_MFC_STATS = 17;
    /** Gateway of another address family, struct rtvia. */
    public static final int RTA_VIA = 18;
    /** New destination label (MPLS). */
    public static final int RTA_NEWDST = 19;
    /** IPv6 router preference (u8). */
    public static final int RTA_PREF = 20;
    /** Lightweight tunnel encapsulation type (u16). */
    public static final int RTA_ENCAP_TYPE = 21;
    /** Nested lightweight tunnel encapsulation. */
    public static final int RTA_ENCAP = 22;
    /** Remaining lifetime of an IPv6 route in seconds (u32). */
    public static final int RTA_EXPIRES = 23;
    /** Padding that aligns 64-bit attributes. */
    public static final int RTA_PAD = 24;
    /** User ID for route lookups (u32). */
    public static final int RTA_UID = 25;
    /** MPLS TTL propagation (u8). */
    public static final int RTA_TTL_PROPAGATE = 26;
    /** IP protocol for route lookups (u8). */
    public static final int RTA_IP_PROTO = 27;
    /** Source port for route lookups (u16, network byte order). */
    public static final int RTA_SPORT = 28;
    /** Destination port for route lookups (u16, network byte order). */
    public static final int RTA_DPORT = 29;
    /** Nexthop object ID (u32). */
    public static final int RTA_NH_ID = 30;

    // enum rtnetlink_groups (group numbers for NETLINK_ADD_MEMBERSHIP)
    /** Multicast group of link notifications. */
    public static final int RTNLGRP_LINK = 1;
    /** Multicast group of notify notifications. */
    public static final int RTNLGRP_NOTIFY = 2;
    /** Multicast group of neighbour notifications. */
    public static final int RTNLGRP_NEIGH = 3;
    /** Multicast group of traffic control notifications. */
    public static final int RTNLGRP_TC = 4;
    /** Multicast group of IPv4 address notifications. */
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    /** Multicast group of IPv4 multicast route notifications. */
    public static final int RTNLGRP_IPV4_MROUTE = 6;
    /** Multicast group of IPv4 route notifications. */
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    /** Multicast group of IPv4 policy rule notifications. */
    public static final int RTNLGRP_IPV4_RULE = 8;
    /** Multicast group of IPv6 address notifications. */
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    /** Multicast group of IPv6 multicast route notifications. */
    public static final int RTNLGRP_IPV6_MROUTE = 10;
    /** Multicast group of IPv6 route notifications. */
    public static final int RTNLGRP_IPV6_ROUTE = 11;
    /** Multicast group of IPv6 policy rule notifications. */
    public static final int RTNLGRP_IPV6_RULE = 19;

    // IFLA_EXT_MASK values
    /** Extended link dump filter: include virtual function information. */
    public static final int RTEXT_FILTER_VF = 1;
    /** Extended link dump filter: include bridge VLANs. */
    public static final int RTEXT_FILTER_BRVLAN = 1 << 1;
    /** Extended link dump filter: include bridge VLANs as ranges. */
    public static final int RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2;
    /** Extended link dump filter: leave out statistics. */
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
}
