package nftlink.rtnetlink;

import nftlink.netlink.NetlinkDecodeException;

import java.util.Locale;

/** {@code rtm_type}: what a route does with matching packets ({@code RTN_*} in {@code <linux/rtnetlink.h>}). */
public enum RouteType {
    UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE;

    /** The {@code RTN_*} number. */
    public int number() {
        return ordinal();
    }

    /** The type with number {@code number}. */
    public static RouteType ofNumber(int number) {
        RouteType[] all = values();
        if (number < 0 || number >= all.length) {
            throw new NetlinkDecodeException("unknown route type " + number);
        }
        return all[number];
    }

    /** The keyword {@code ip route} uses. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
