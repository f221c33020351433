package nftlink.rtnetlink;

import nftlink.netlink.internal.AttributeTree;

import static nftlink.netlink.internal.AttributeTree.enumerated;

/**
 * Names of rtnetlink attributes as the kernel headers spell them
 * ({@code IFLA_*}, {@code IFA_*}, {@code RTA_*}, {@code FRA_*}), one table per message kind, so an
 * extended acknowledgement reads {@code IFLA_LINKINFO > IFLA_INFO_KIND} instead of numbers.
 * Each enum is written in the header's order: its position is the attribute's type.
 */
final class RtAttributeNames {

    private static final AttributeTree LINKINFO = enumerated("IFLA_INFO_",
            "UNSPEC KIND DATA XSTATS SLAVE_KIND SLAVE_DATA");

    static final AttributeTree LINK = enumerated("IFLA_", """
            UNSPEC ADDRESS BROADCAST IFNAME MTU LINK QDISC STATS COST PRIORITY MASTER WIRELESS PROTINFO
            TXQLEN MAP WEIGHT OPERSTATE LINKMODE LINKINFO NET_NS_PID IFALIAS NUM_VF VFINFO_LIST STATS64
            VF_PORTS PORT_SELF AF_SPEC GROUP NET_NS_FD EXT_MASK PROMISCUITY NUM_TX_QUEUES NUM_RX_QUEUES
            CARRIER PHYS_PORT_ID CARRIER_CHANGES PHYS_SWITCH_ID LINK_NETNSID PHYS_PORT_NAME PROTO_DOWN
            GSO_MAX_SEGS GSO_MAX_SIZE PAD XDP EVENT NEW_NETNSID IF_NETNSID CARRIER_UP_COUNT
            CARRIER_DOWN_COUNT NEW_IFINDEX MIN_MTU MAX_MTU PROP_LIST ALT_IFNAME PERM_ADDRESS
            PROTO_DOWN_REASON PARENT_DEV_NAME PARENT_DEV_BUS_NAME GRO_MAX_SIZE TSO_MAX_SIZE TSO_MAX_SEGS
            ALLMULTI""").nest("IFLA_LINKINFO", LINKINFO);

    static final AttributeTree ADDRESS = enumerated("IFA_",
            "UNSPEC ADDRESS LOCAL LABEL BROADCAST ANYCAST CACHEINFO MULTICAST FLAGS RT_PRIORITY TARGET_NETNSID PROTO");

    static final AttributeTree ROUTE = enumerated("RTA_", """
            UNSPEC DST SRC IIF OIF GATEWAY PRIORITY PREFSRC METRICS MULTIPATH PROTOINFO FLOW CACHEINFO
            SESSION MP_ALGO TABLE MARK MFC_STATS VIA NEWDST PREF ENCAP_TYPE ENCAP EXPIRES PAD UID
            TTL_PROPAGATE IP_PROTO SPORT DPORT NH_ID""");

    static final AttributeTree RULE = enumerated("FRA_", """
            UNSPEC DST SRC IIFNAME GOTO UNUSED2 PRIORITY UNUSED3 UNUSED4 UNUSED5 FWMARK FLOW TUN_ID
            SUPPRESS_IFGROUP SUPPRESS_PREFIXLEN TABLE FWMASK OIFNAME PAD L3MDEV UID_RANGE PROTOCOL IP_PROTO
            SPORT_RANGE DPORT_RANGE""");

    private RtAttributeNames() {
    }

    /**
     * {@link #LINK}, naming also the {@code IFLA_INFO_DATA} attributes of a link of
     * {@code kind} (e.g. {@code VETH_INFO_PEER}, {@code IFLA_VRF_TABLE}).
     */
    static AttributeTree link(String kind) {
        AttributeTree data = switch (kind) {
            case "veth" -> enumerated("VETH_INFO_", "UNSPEC PEER");
            case "vrf" -> enumerated("IFLA_VRF_", "UNSPEC TABLE");
            case "macvlan" -> enumerated("IFLA_MACVLAN_", "UNSPEC MODE FLAGS");
            case "bridge" -> enumerated("IFLA_BR_",
                    "UNSPEC FORWARD_DELAY HELLO_TIME MAX_AGE AGEING_TIME STP_STATE PRIORITY VLAN_FILTERING");
            default -> AttributeTree.NONE;
        };
        return LINK.nest("IFLA_LINKINFO", LINKINFO.nest("IFLA_INFO_DATA", data));
    }
}
