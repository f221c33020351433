package nftlink.rtnetlink;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.AttributePath;

import java.util.Map;
import java.util.StringJoiner;

import static java.util.Map.entry;

/**
 * Names of rtnetlink attributes as the kernel headers spell them
 * ({@code IFLA_*}, {@code IFA_*}, {@code RTA_*}, {@code FRA_*}), so an
 * extended acknowledgement reads {@code IFLA_LINKINFO > IFLA_INFO_KIND} instead of numbers.
 */
final class RtAttributeNames implements AttributeNamer {

    private static final Map<Integer, String> LINKINFO = Map.ofEntries(
            entry(IfLink.IFLA_INFO_KIND, "IFLA_INFO_KIND"),
            entry(IfLink.IFLA_INFO_DATA, "IFLA_INFO_DATA"),
            entry(IfLink.IFLA_INFO_XSTATS, "IFLA_INFO_XSTATS"),
            entry(IfLink.IFLA_INFO_SLAVE_KIND, "IFLA_INFO_SLAVE_KIND"),
            entry(IfLink.IFLA_INFO_SLAVE_DATA, "IFLA_INFO_SLAVE_DATA"));

    static final RtAttributeNames LINK = new RtAttributeNames(Map.ofEntries(
            entry(IfLink.IFLA_UNSPEC, "IFLA_UNSPEC"),
            entry(IfLink.IFLA_ADDRESS, "IFLA_ADDRESS"),
            entry(IfLink.IFLA_IFNAME, "IFLA_IFNAME"),
            entry(IfLink.IFLA_MTU, "IFLA_MTU"),
            entry(IfLink.IFLA_LINK, "IFLA_LINK"),
            entry(IfLink.IFLA_QDISC, "IFLA_QDISC"),
            entry(IfLink.IFLA_STATS, "IFLA_STATS"),
            entry(IfLink.IFLA_COST, "IFLA_COST"),
            entry(IfLink.IFLA_PRIORITY, "IFLA_PRIORITY"),
            entry(IfLink.IFLA_MASTER, "IFLA_MASTER"),
            entry(IfLink.IFLA_WIRELESS, "IFLA_WIRELESS"),
            entry(IfLink.IFLA_PROTINFO, "IFLA_PROTINFO"),
            entry(IfLink.IFLA_TXQLEN, "IFLA_TXQLEN"),
            entry(IfLink.IFLA_MAP, "IFLA_MAP"),
            entry(IfLink.IFLA_WEIGHT, "IFLA_WEIGHT"),
            entry(IfLink.IFLA_OPERSTATE, "IFLA_OPERSTATE"),
            entry(IfLink.IFLA_LINKMODE, "IFLA_LINKMODE"),
            entry(IfLink.IFLA_LINKINFO, "IFLA_LINKINFO"),
            entry(IfLink.IFLA_NET_NS_PID, "IFLA_NET_NS_PID"),
            entry(IfLink.IFLA_IFALIAS, "IFLA_IFALIAS"),
            entry(IfLink.IFLA_NUM_VF, "IFLA_NUM_VF"),
            entry(IfLink.IFLA_VFINFO_LIST, "IFLA_VFINFO_LIST"),
            entry(IfLink.IFLA_STATS64, "IFLA_STATS64"),
            entry(IfLink.IFLA_VF_PORTS, "IFLA_VF_PORTS"),
            entry(IfLink.IFLA_PORT_SELF, "IFLA_PORT_SELF"),
            entry(IfLink.IFLA_AF_SPEC, "IFLA_AF_SPEC"),
            entry(IfLink.IFLA_GROUP, "IFLA_GROUP"),
            entry(IfLink.IFLA_NET_NS_FD, "IFLA_NET_NS_FD"),
            entry(IfLink.IFLA_EXT_MASK, "IFLA_EXT_MASK"),
            entry(IfLink.IFLA_PROMISCUITY, "IFLA_PROMISCUITY"),
            entry(IfLink.IFLA_NUM_TX_QUEUES, "IFLA_NUM_TX_QUEUES"),
            entry(IfLink.IFLA_NUM_RX_QUEUES, "IFLA_NUM_RX_QUEUES"),
            entry(IfLink.IFLA_CARRIER, "IFLA_CARRIER"),
            entry(IfLink.IFLA_PHYS_PORT_ID, "IFLA_PHYS_PORT_ID"),
            entry(IfLink.IFLA_CARRIER_CHANGES, "IFLA_CARRIER_CHANGES"),
            entry(IfLink.IFLA_PHYS_SWITCH_ID, "IFLA_PHYS_SWITCH_ID"),
            entry(IfLink.IFLA_LINK_NETNSID, "IFLA_LINK_NETNSID"),
            entry(IfLink.IFLA_PHYS_PORT_NAME, "IFLA_PHYS_PORT_NAME"),
            entry(IfLink.IFLA_PROTO_DOWN, "IFLA_PROTO_DOWN"),
            entry(IfLink.IFLA_GSO_MAX_SEGS, "IFLA_GSO_MAX_SEGS"),
            entry(IfLink.IFLA_GSO_MAX_SIZE, "IFLA_GSO_MAX_SIZE"),
            entry(IfLink.IFLA_PAD, "IFLA_PAD"),
            entry(IfLink.IFLA_XDP, "IFLA_XDP"),
            entry(IfLink.IFLA_EVENT, "IFLA_EVENT"),
            entry(IfLink.IFLA_NEW_NETNSID, "IFLA_NEW_NETNSID"),
            entry(IfLink.IFLA_IF_NETNSID, "IFLA_IF_NETNSID"),
            entry(IfLink.IFLA_CARRIER_UP_COUNT, "IFLA_CARRIER_UP_COUNT"),
            entry(IfLink.IFLA_CARRIER_DOWN_COUNT, "IFLA_CARRIER_DOWN_COUNT"),
            entry(IfLink.IFLA_NEW_IFINDEX, "IFLA_NEW_IFINDEX"),
            entry(IfLink.IFLA_MIN_MTU, "IFLA_MIN_MTU"),
            entry(IfLink.IFLA_MAX_MTU, "IFLA_MAX_MTU"),
            entry(IfLink.IFLA_PROP_LIST, "IFLA_PROP_LIST"),
            entry(IfLink.IFLA_ALT_IFNAME, "IFLA_ALT_IFNAME"),
            entry(IfLink.IFLA_PERM_ADDRESS, "IFLA_PERM_ADDRESS"),
            entry(IfLink.IFLA_PROTO_DOWN_REASON, "IFLA_PROTO_DOWN_REASON"),
            entry(IfLink.IFLA_PARENT_DEV_NAME, "IFLA_PARENT_DEV_NAME"),
            entry(IfLink.IFLA_PARENT_DEV_BUS_NAME, "IFLA_PARENT_DEV_BUS_NAME"),
            entry(IfLink.IFLA_GRO_MAX_SIZE, "IFLA_GRO_MAX_SIZE"),
            entry(IfLink.IFLA_TSO_MAX_SIZE, "IFLA_TSO_MAX_SIZE"),
            entry(IfLink.IFLA_TSO_MAX_SEGS, "IFLA_TSO_MAX_SEGS"),
            entry(IfLink.IFLA_ALLMULTI, "IFLA_ALLMULTI")), LINKINFO);

    static final RtAttributeNames ADDRESS = new RtAttributeNames(Map.ofEntries(
            entry(IfAddr.IFA_UNSPEC, "IFA_UNSPEC"),
            entry(IfAddr.IFA_ADDRESS, "IFA_ADDRESS"),
            entry(IfAddr.IFA_LOCAL, "IFA_LOCAL"),
            entry(IfAddr.IFA_LABEL, "IFA_LABEL"),
            entry(IfAddr.IFA_BROADCAST, "IFA_BROADCAST"),
            entry(IfAddr.IFA_ANYCAST, "IFA_ANYCAST"),
            entry(IfAddr.IFA_CACHEINFO, "IFA_CACHEINFO"),
            entry(IfAddr.IFA_MULTICAST, "IFA_MULTICAST"),
            entry(IfAddr.IFA_FLAGS, "IFA_FLAGS"),
            entry(IfAddr.IFA_RT_PRIORITY, "IFA_RT_PRIORITY"),
            entry(IfAddr.IFA_TARGET_NETNSID, "IFA_TARGET_NETNSID"),
            entry(IfAddr.IFA_PROTO, "IFA_PROTO")), Map.of());

    static final RtAttributeNames ROUTE = new RtAttributeNames(Map.ofEntries(
            entry(RtnetlinkUapi.RTA_UNSPEC, "RTA_UNSPEC"),
            entry(RtnetlinkUapi.RTA_DST, "RTA_DST"),
            entry(RtnetlinkUapi.RTA_SRC, "RTA_SRC"),
            entry(RtnetlinkUapi.RTA_IIF, "RTA_IIF"),
            entry(RtnetlinkUapi.RTA_OIF, "RTA_OIF"),
            entry(RtnetlinkUapi.RTA_GATEWAY, "RTA_GATEWAY"),
            entry(RtnetlinkUapi.RTA_PRIORITY, "RTA_PRIORITY"),
            entry(RtnetlinkUapi.RTA_PREFSRC, "RTA_PREFSRC"),
            entry(RtnetlinkUapi.RTA_METRICS, "RTA_METRICS"),
            entry(RtnetlinkUapi.RTA_MULTIPATH, "RTA_MULTIPATH"),
            entry(RtnetlinkUapi.RTA_PROTOINFO, "RTA_PROTOINFO"),
            entry(RtnetlinkUapi.RTA_FLOW, "RTA_FLOW"),
            entry(RtnetlinkUapi.RTA_CACHEINFO, "RTA_CACHEINFO"),
            entry(RtnetlinkUapi.RTA_SESSION, "RTA_SESSION"),
            entry(RtnetlinkUapi.RTA_MP_ALGO, "RTA_MP_ALGO"),
            entry(RtnetlinkUapi.RTA_TABLE, "RTA_TABLE"),
            entry(RtnetlinkUapi.RTA_MARK, "RTA_MARK"),
            entry(RtnetlinkUapi.RTA_MFC_STATS, "RTA_MFC_STATS"),
            entry(RtnetlinkUapi.RTA_VIA, "RTA_VIA"),
            entry(RtnetlinkUapi.RTA_NEWDST, "RTA_NEWDST"),
            entry(RtnetlinkUapi.RTA_PREF, "RTA_PREF"),
            entry(RtnetlinkUapi.RTA_ENCAP_TYPE, "RTA_ENCAP_TYPE"),
            entry(RtnetlinkUapi.RTA_ENCAP, "RTA_ENCAP"),
            entry(RtnetlinkUapi.RTA_EXPIRES, "RTA_EXPIRES"),
            entry(RtnetlinkUapi.RTA_PAD, "RTA_PAD"),
            entry(RtnetlinkUapi.RTA_UID, "RTA_UID"),
            entry(RtnetlinkUapi.RTA_TTL_PROPAGATE, "RTA_TTL_PROPAGATE"),
            entry(RtnetlinkUapi.RTA_IP_PROTO, "RTA_IP_PROTO"),
            entry(RtnetlinkUapi.RTA_SPORT, "RTA_SPORT"),
            entry(RtnetlinkUapi.RTA_DPORT, "RTA_DPORT"),
            entry(RtnetlinkUapi.RTA_NH_ID, "RTA_NH_ID")), Map.of());

    static final RtAttributeNames RULE = new RtAttributeNames(Map.ofEntries(
            entry(FibRuleUapi.FRA_UNSPEC, "FRA_UNSPEC"),
            entry(FibRuleUapi.FRA_DST, "FRA_DST"),
            entry(FibRuleUapi.FRA_SRC, "FRA_SRC"),
            entry(FibRuleUapi.FRA_IIFNAME, "FRA_IIFNAME"),
            entry(FibRuleUapi.FRA_GOTO, "FRA_GOTO"),
            entry(FibRuleUapi.FRA_UNUSED2, "FRA_UNUSED2"),
            entry(FibRuleUapi.FRA_PRIORITY, "FRA_PRIORITY"),
            entry(FibRuleUapi.FRA_UNUSED3, "FRA_UNUSED3"),
            entry(FibRuleUapi.FRA_UNUSED4, "FRA_UNUSED4"),
            entry(FibRuleUapi.FRA_UNUSED5, "FRA_UNUSED5"),
            entry(FibRuleUapi.FRA_FWMARK, "FRA_FWMARK"),
            entry(FibRuleUapi.FRA_FLOW, "FRA_FLOW"),
            entry(FibRuleUapi.FRA_TUN_ID, "FRA_TUN_ID"),
            entry(FibRuleUapi.FRA_SUPPRESS_IFGROUP, "FRA_SUPPRESS_IFGROUP"),
            entry(FibRuleUapi.FRA_SUPPRESS_PREFIXLEN, "FRA_SUPPRESS_PREFIXLEN"),
            entry(FibRuleUapi.FRA_TABLE, "FRA_TABLE"),
            entry(FibRuleUapi.FRA_FWMASK, "FRA_FWMASK"),
            entry(FibRuleUapi.FRA_OIFNAME, "FRA_OIFNAME"),
            entry(FibRuleUapi.FRA_PAD, "FRA_PAD"),
            entry(FibRuleUapi.FRA_L3MDEV, "FRA_L3MDEV"),
            entry(FibRuleUapi.FRA_UID_RANGE, "FRA_UID_RANGE"),
            entry(FibRuleUapi.FRA_PROTOCOL, "FRA_PROTOCOL"),
            entry(FibRuleUapi.FRA_IP_PROTO, "FRA_IP_PROTO"),
            entry(FibRuleUapi.FRA_SPORT_RANGE, "FRA_SPORT_RANGE"),
            entry(FibRuleUapi.FRA_DPORT_RANGE, "FRA_DPORT_RANGE")), Map.of());

    private final Map<Integer, String> top;
    private final Map<Integer, String> linkInfo;
    private final Map<Integer, String> infoData;

    private RtAttributeNames(Map<Integer, String> top, Map<Integer, String> linkInfo) {
        this(top, linkInfo, Map.of());
    }

    private RtAttributeNames(Map<Integer, String> top, Map<Integer, String> linkInfo, Map<Integer, String> infoData) {
        this.top = top;
        this.linkInfo = linkInfo;
        this.infoData = infoData;
    }

    /**
     * {@link #LINK}, naming also the {@code IFLA_INFO_DATA} attributes of a link of
     * {@code kind} (e.g. {@code VETH_INFO_PEER}, {@code IFLA_VRF_TABLE}).
     */
    static RtAttributeNames link(String kind) {
        Map<Integer, String> data = switch (kind) {
            case "veth" -> Map.of(IfLink.VETH_INFO_PEER, "VETH_INFO_PEER");
            case "vrf" -> Map.of(IfLink.IFLA_VRF_TABLE, "IFLA_VRF_TABLE");
            case "macvlan" -> Map.of(IfLink.IFLA_MACVLAN_MODE, "IFLA_MACVLAN_MODE",
                    IfLink.IFLA_MACVLAN_FLAGS, "IFLA_MACVLAN_FLAGS");
            case "bridge" -> Map.of(IfLink.IFLA_BR_FORWARD_DELAY, "IFLA_BR_FORWARD_DELAY",
                    IfLink.IFLA_BR_HELLO_TIME, "IFLA_BR_HELLO_TIME", IfLink.IFLA_BR_MAX_AGE, "IFLA_BR_MAX_AGE",
                    IfLink.IFLA_BR_AGEING_TIME, "IFLA_BR_AGEING_TIME", IfLink.IFLA_BR_STP_STATE, "IFLA_BR_STP_STATE",
                    IfLink.IFLA_BR_PRIORITY, "IFLA_BR_PRIORITY", IfLink.IFLA_BR_VLAN_FILTERING, "IFLA_BR_VLAN_FILTERING");
            default -> Map.of();
        };
        return new RtAttributeNames(LINK.top, LINK.linkInfo, data);
    }

    @Override
    public String name(AttributePath path) {
        StringJoiner joiner = new StringJoiner(" > ");
        Map<Integer, String> level = top;
        for (AttributePath.Step step : path.steps()) {
            String name = level.get(step.type());
            joiner.add(name == null ? "attribute type " + step.type() : name);
            if (level == top && step.type() == IfLink.IFLA_LINKINFO) {
                level = linkInfo;
            } else if (level == linkInfo && step.type() == IfLink.IFLA_INFO_DATA) {
                level = infoData;
            } else {
                level = Map.of();
            }
        }
        return joiner.toString();
    }
}
