package nftlink.rtnetlink;

/** The rtnetlink multicast groups a {@link RtMonitor} can subscribe to ({@code RTNLGRP_*}). */
public enum RtGroup {
    /** {@code RTNLGRP_LINK}. */
    LINK(RtnetlinkUapi.RTNLGRP_LINK, null),
    /** {@code RTNLGRP_IPV4_IFADDR}. */
    IPV4_ADDRESS(RtnetlinkUapi.RTNLGRP_IPV4_IFADDR, IpFamily.INET),
    /** {@code RTNLGRP_IPV6_IFADDR}. */
    IPV6_ADDRESS(RtnetlinkUapi.RTNLGRP_IPV6_IFADDR, IpFamily.INET6),
    /** {@code RTNLGRP_IPV4_ROUTE}. */
    IPV4_ROUTE(RtnetlinkUapi.RTNLGRP_IPV4_ROUTE, IpFamily.INET),
    /** {@code RTNLGRP_IPV6_ROUTE}. */
    IPV6_ROUTE(RtnetlinkUapi.RTNLGRP_IPV6_ROUTE, IpFamily.INET6),
    /** {@code RTNLGRP_IPV4_RULE}. */
    IPV4_RULE(RtnetlinkUapi.RTNLGRP_IPV4_RULE, IpFamily.INET),
    /** {@code RTNLGRP_IPV6_RULE}. */
    IPV6_RULE(RtnetlinkUapi.RTNLGRP_IPV6_RULE, IpFamily.INET6);

    private final int number;
    private final IpFamily family;

    RtGroup(int number, IpFamily family) {
        this.number = number;
        this.family = family;
    }

    /**
     * The group number for {@code NETLINK_ADD_MEMBERSHIP}.
     *
     * @return the group number
     */
    public int number() {
        return number;
    }

    /**
     * The address family of the group, or {@code null} for links.
     *
     * @return the family, or {@code null}
     */
    public IpFamily family() {
        return family;
    }
}
