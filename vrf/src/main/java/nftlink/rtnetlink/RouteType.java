package nftlink.rtnetlink;

import nftlink.netlink.NetlinkDecodeException;

import java.util.Locale;

/** {@code rtm_type}: what a route does with matching packets ({@code RTN_*} in {@code <linux/rtnetlink.h>}). */
public enum RouteType {
    /** {@code RTN_UNSPEC}: no type. */
    UNSPEC,
    /** {@code unicast}: a gateway or direct route. */
    UNICAST,
    /** {@code local}: a local address of this host. */
    LOCAL,
    /** {@code broadcast}: accepted locally as broadcast, sent as broadcast. */
    BROADCAST,
    /** {@code anycast}: accepted locally as broadcast, sent as unicast. */
    ANYCAST,
    /** {@code multicast}: a multicast route. */
    MULTICAST,
    /** {@code blackhole}: packets are dropped silently. */
    BLACKHOLE,
    /** {@code unreachable}: the destination is unreachable (ICMP host unreachable). */
    UNREACHABLE,
    /** {@code prohibit}: administratively prohibited (ICMP communication prohibited). */
    PROHIBIT,
    /** {@code throw}: the lookup goes on with the next policy rule. */
    THROW,
    /** {@code nat}: translate addresses (no longer supported by the kernel). */
    NAT,
    /** {@code xresolve}: use an external resolver (not implemented by the kernel). */
    XRESOLVE;

    /**
     * The {@code RTN_*} number.
     *
     * @return the number
     */
    public int number() {
        return ordinal();
    }

    /**
     * The type with number {@code number}.
     *
     * @param number an {@code RTN_*} number
     * @return the type
     */
    public static RouteType ofNumber(int number) {
        RouteType[] all = values();
        if (number < 0 || number >= all.length) {
            throw new NetlinkDecodeException("unknown route type " + number);
        }
        return all[number];
    }

    /**
     * The keyword {@code ip route} uses.
     *
     * @return the keyword
     */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
