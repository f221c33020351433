package nftlink.rtnetlink;

/**
 * Link constants with the kernel headers' names: {@code <linux/if_link.h>}
 * (link attributes, link info, VRF, macvlan, bridge), {@code <linux/veth.h>}
 * and the device flags of {@code <linux/if.h>}.
 */
public final class IfLink {
    private IfLink() {
    }

    // <linux/if.h>: enum net_device_flags
    /** Interface is up. Can be toggled through sysfs. */
    public static final int IFF_UP = 0x1;
    /** Broadcast address valid. Volatile. */
    public static final int IFF_BROADCAST = 0x2;
    /** Turn on debugging. Can be toggled through sysfs. */
    public static final int IFF_DEBUG = 0x4;
    /** Is a loopback net. Volatile. */
    public static final int IFF_LOOPBACK = 0x8;
    /** Interface is has p-p link. Volatile. */
    public static final int IFF_POINTOPOINT = 0x10;
    /** Avoid use of trailers. Can be toggled through sysfs. Volatile. */
    public static final int IFF_NOTRAILERS = 0x20;
    /** Interface RFC2863 OPER_UP. Volatile. */
    public static final int IFF_RUNNING = 0x40;
    /** No ARP protocol. Can be toggled through sysfs. Volatile. */
    public static final int IFF_NOARP = 0x80;
    /** Receive all packets. Can be toggled through sysfs. */
    public static final int IFF_PROMISC = 0x100;
    /** Receive all multicast packets. Can be toggled through sysfs. */
    public static final int IFF_ALLMULTI = 0x200;
    /** Master of a load balancer. Volatile. */
    public static final int IFF_MASTER = 0x400;
    /** Slave of a load balancer. Volatile. */
    public static final int IFF_SLAVE = 0x800;
    /** Supports multicast. Can be toggled through sysfs. */
    public static final int IFF_MULTICAST = 0x1000;
    /** Driver signals L1 up. Volatile. */
    public static final int IFF_LOWER_UP = 0x10000;
    /** {@code IFNAMSIZ} - 1: the longest interface name. */
    public static final int IFNAME_MAX_LENGTH = 15;

    // enum IFLA_*
    /** Unspecified (0). */
    public static final int IFLA_UNSPEC = 0;
    /** Link-layer (hardware) address. */
    public static final int IFLA_ADDRESS = 1;
    /** Link-layer broadcast address. */
    public static final int IFLA_BROADCAST = 2;
    /** Interface name (string). */
    public static final int IFLA_IFNAME = 3;
    /** MTU in bytes (u32). */
    public static final int IFLA_MTU = 4;
    /** Index of the underlying link (u32). */
    public static final int IFLA_LINK = 5;
    /** Name of the root queueing discipline (string). */
    public static final int IFLA_QDISC = 6;
    /** Statistics, struct rtnl_link_stats (32-bit counters). */
    public static final int IFLA_STATS = 7;
    /** Unused. */
    public static final int IFLA_COST = 8;
    /** Unused. */
    public static final int IFLA_PRIORITY = 9;
    /** Index of the master device, such as a VRF or bridge (u32; 0 to detach). */
    public static final int IFLA_MASTER = 10;
    /** Wireless Extension event - see wireless.h. */
    public static final int IFLA_WIRELESS = 11;
    /** Protocol specific information for a link. */
    public static final int IFLA_PROTINFO = 12;
    /** Transmit queue length in packets (u32). */
    public static final int IFLA_TXQLEN = 13;
    /** Device memory map, struct rtnl_link_ifmap. */
    public static final int IFLA_MAP = 14;
    /** Unused. */
    public static final int IFLA_WEIGHT = 15;
    /** Operational state, one of IF_OPER_* (u8). */
    public static final int IFLA_OPERSTATE = 16;
    /** Link mode, 0 default or 1 dormant (u8). */
    public static final int IFLA_LINKMODE = 17;
    /** Nested link kind and kind-specific data (IFLA_INFO_*). */
    public static final int IFLA_LINKINFO = 18;
    /** Move the link to the network namespace of this process (u32). */
    public static final int IFLA_NET_NS_PID = 19;
    /** Interface alias (string). */
    public static final int IFLA_IFALIAS = 20;
    /** Number of VFs if device is SR-IOV PF. */
    public static final int IFLA_NUM_VF = 21;
    /** Nested SR-IOV virtual function information. */
    public static final int IFLA_VFINFO_LIST = 22;
    /** Statistics, struct rtnl_link_stats64 (64-bit counters). */
    public static final int IFLA_STATS64 = 23;
    /** Nested virtual function port profiles. */
    public static final int IFLA_VF_PORTS = 24;
    /** Nested port profile of the device itself. */
    public static final int IFLA_PORT_SELF = 25;
    /** Nested per address family settings. */
    public static final int IFLA_AF_SPEC = 26;
    /** Group the device belongs to. */
    public static final int IFLA_GROUP = 27;
    /** Move the link to the network namespace this file descriptor refers to (u32). */
    public static final int IFLA_NET_NS_FD = 28;
    /** Extended info mask, VFs, etc. */
    public static final int IFLA_EXT_MASK = 29;
    /** Promiscuity count: &gt; 0 means acts PROMISC. */
    public static final int IFLA_PROMISCUITY = 30;
    /** Number of transmit queues (u32). */
    public static final int IFLA_NUM_TX_QUEUES = 31;
    /** Number of receive queues (u32). */
    public static final int IFLA_NUM_RX_QUEUES = 32;
    /** Carrier state, 1 up (u8). */
    public static final int IFLA_CARRIER = 33;
    /** Physical port identifier (binary). */
    public static final int IFLA_PHYS_PORT_ID = 34;
    /** Number of carrier changes (u32). */
    public static final int IFLA_CARRIER_CHANGES = 35;
    /** Physical switch identifier (binary). */
    public static final int IFLA_PHYS_SWITCH_ID = 36;
    /** Namespace ID of the peer's or underlying link's namespace (s32). */
    public static final int IFLA_LINK_NETNSID = 37;
    /** Physical port name (string). */
    public static final int IFLA_PHYS_PORT_NAME = 38;
    /** Protocol down state, 1 down (u8). */
    public static final int IFLA_PROTO_DOWN = 39;
    /** Largest number of segments for generic segmentation offload (u32). */
    public static final int IFLA_GSO_MAX_SEGS = 40;
    /** Largest size for generic segmentation offload in bytes (u32). */
    public static final int IFLA_GSO_MAX_SIZE = 41;
    /** Padding that aligns 64-bit attributes. */
    public static final int IFLA_PAD = 42;
    /** Nested XDP program settings. */
    public static final int IFLA_XDP = 43;
    /** Event that caused a notification, IFLA_EVENT_* (u32). */
    public static final int IFLA_EVENT = 44;
    /** Namespace ID the link moved to (s32). */
    public static final int IFLA_NEW_NETNSID = 45;
    /** Namespace ID to act in, for requests on another namespace (s32). */
    public static final int IFLA_IF_NETNSID = 46;
    /** Number of carrier up changes (u32). */
    public static final int IFLA_CARRIER_UP_COUNT = 47;
    /** Number of carrier down changes (u32). */
    public static final int IFLA_CARRIER_DOWN_COUNT = 48;
    /** Index the link has after moving to another namespace (s32). */
    public static final int IFLA_NEW_IFINDEX = 49;
    /** Smallest MTU the device accepts (u32). */
    public static final int IFLA_MIN_MTU = 50;
    /** Largest MTU the device accepts (u32). */
    public static final int IFLA_MAX_MTU = 51;
    /** Nested property list (alternative names). */
    public static final int IFLA_PROP_LIST = 52;
    /** Alternative ifname. */
    public static final int IFLA_ALT_IFNAME = 53;
    /** Permanent hardware address. */
    public static final int IFLA_PERM_ADDRESS = 54;
    /** Nested reasons for the protocol down state. */
    public static final int IFLA_PROTO_DOWN_REASON = 55;
    /** Name of the parent device (string). */
    public static final int IFLA_PARENT_DEV_NAME = 56;
    /** Bus name of the parent device (string). */
    public static final int IFLA_PARENT_DEV_BUS_NAME = 57;
    /** Largest size for generic receive offload in bytes (u32). */
    public static final int IFLA_GRO_MAX_SIZE = 58;
    /** Largest size for TCP segmentation offload in bytes (u32). */
    public static final int IFLA_TSO_MAX_SIZE = 59;
    /** Largest number of segments for TCP segmentation offload (u32). */
    public static final int IFLA_TSO_MAX_SEGS = 60;
    /** Allmulti count: &gt; 0 means acts ALLMULTI. */
    public static final int IFLA_ALLMULTI = 61;

    // IFLA_LINKINFO nest
    /** Unspecified (0). */
    public static final int IFLA_INFO_UNSPEC = 0;
    /** Link kind, such as "vrf", "veth", "dummy" (string). */
    public static final int IFLA_INFO_KIND = 1;
    /** Nested kind-specific settings. */
    public static final int IFLA_INFO_DATA = 2;
    /** Kind-specific statistics. */
    public static final int IFLA_INFO_XSTATS = 3;
    /** Kind of the master this link is enslaved to (string). */
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    /** Nested settings the master keeps for this port. */
    public static final int IFLA_INFO_SLAVE_DATA = 5;

    // VRF
    /** Routing table of the VRF (u32). */
    public static final int IFLA_VRF_TABLE = 1;
    /** Routing table of the VRF a port belongs to (u32). */
    public static final int IFLA_VRF_PORT_TABLE = 1;

    // <linux/veth.h>
    /** The peer end of a veth pair: struct ifinfomsg followed by its IFLA_* attributes. */
    public static final int VETH_INFO_PEER = 1;

    // macvlan
    /** Macvlan mode, MACVLAN_MODE_* (u32). */
    public static final int IFLA_MACVLAN_MODE = 1;
    /** Macvlan flags (u16). */
    public static final int IFLA_MACVLAN_FLAGS = 2;
    /** Don't talk to other macvlans. */
    public static final int MACVLAN_MODE_PRIVATE = 1;
    /** Talk to other ports through ext bridge. */
    public static final int MACVLAN_MODE_VEPA = 2;
    /** Talk to bridge ports directly. */
    public static final int MACVLAN_MODE_BRIDGE = 4;
    /** Take over the underlying device. */
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    /** Use source MAC address list to assign. */
    public static final int MACVLAN_MODE_SOURCE = 16;

    // bridge (a few of enum IFLA_BR_*)
    /** Bridge forward delay in hundredths of a second (u32). */
    public static final int IFLA_BR_FORWARD_DELAY = 1;
    /** Bridge hello time in hundredths of a second (u32). */
    public static final int IFLA_BR_HELLO_TIME = 2;
    /** Bridge maximum message age in hundredths of a second (u32). */
    public static final int IFLA_BR_MAX_AGE = 3;
    /** Bridge forwarding database ageing time in hundredths of a second (u32). */
    public static final int IFLA_BR_AGEING_TIME = 4;
    /** Spanning tree on (1) or off (0) (u32). */
    public static final int IFLA_BR_STP_STATE = 5;
    /** Bridge priority (u16). */
    public static final int IFLA_BR_PRIORITY = 6;
    /** VLAN filtering on (1) or off (0) (u8). */
    public static final int IFLA_BR_VLAN_FILTERING = 7;

    // IF_OPER_* (RFC 2863 operational states)
    /** Operational state unknown (drivers that do not report one). */
    public static final int IF_OPER_UNKNOWN = 0;
    /** Operational state: hardware not present. */
    public static final int IF_OPER_NOTPRESENT = 1;
    /** Operational state down. */
    public static final int IF_OPER_DOWN = 2;
    /** Operational state down because a lower layer is down. */
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    /** Operational state testing. */
    public static final int IF_OPER_TESTING = 4;
    /** Operational state dormant: waiting for an external event. */
    public static final int IF_OPER_DORMANT = 5;
    /** Operational state up. */
    public static final int IF_OPER_UP = 6;
}
