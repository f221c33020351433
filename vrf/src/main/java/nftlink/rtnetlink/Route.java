package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.internal.RecordCopy;

import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.rtnetlink.RtnetlinkUapi.*;

/**
 * A route ({@code struct rtmsg} and {@code RTA_*} attributes) in one routing table.
 *
 * @param family      address family
 * @param destination the destination prefix; {@code 0.0.0.0/0} or {@code ::/0} for the default route
 * @param source      the source prefix ({@code RTA_SRC}, IPv6 source routing), or {@code null}
 * @param tos         {@code rtm_tos}
 * @param table       routing table (e.g. 254 main, or a VRF's table)
 * @param protocol    {@code RTPROT_*}: who installed it (2 kernel, 3 boot, 4 static, ...)
 * @param scope       {@code RT_SCOPE_*}
 * @param type        route type
 * @param flags       {@code RTM_F_*} / {@code RTNH_F_*} flags
 * @param gateway     next-hop gateway ({@code RTA_GATEWAY}), or {@code null}
 * @param oif         output interface index ({@code RTA_OIF}), or 0
 * @param metric      {@code RTA_PRIORITY}, or -1 when absent
 * @param prefsrc     preferred source address ({@code RTA_PREFSRC}), or {@code null}
 * @param unknown     other attributes (cache info, preference, ...), kept for round trips
 */
public record Route(IpFamily family, Prefix destination, Prefix source, int tos, int table, int protocol, int scope,
                    RouteType type, int flags, InetAddress gateway, int oif, long metric, InetAddress prefsrc,
                    List<RawAttribute> unknown) implements RtObject {

    /** Checks the components: family, destination and type not null; addresses of the route's family. */
    public Route {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        check(family, destination.address(), "destination");
        if (source != null) {
            check(family, source.address(), "source");
        }
        if (gateway != null) {
            check(family, gateway, "gateway");
        }
        if (prefsrc != null) {
            check(family, prefsrc, "preferred source");
        }
        byteRange("tos", tos);
        byteRange("protocol", protocol);
        byteRange("scope", scope);
        if (metric < -1 || metric > 0xffffffffL) {
            throw new IllegalArgumentException("metric out of range: " + metric);
        }
        unknown = List.copyOf(unknown);
    }

    private static void check(IpFamily family, InetAddress address, String what) {
        if (!family.matches(address)) {
            throw new IllegalArgumentException(what + " " + address.getHostAddress() + " is not an " + family + " address");
        }
    }

    private static void byteRange(String what, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    /**
     * A unicast route to {@code destination} out of interface {@code oif}, as
     * {@code ip route add DEST dev DEV table TABLE} makes it: protocol boot, scope link.
     *
     * @param destination the destination prefix
     * @param oif the output interface index
     * @param table the routing table ID
     * @return the route
     */
    public static Route viaDevice(Prefix destination, int oif, int table) {
        return new Route(destination.family(), destination, null, 0, table, RTPROT_BOOT, RT_SCOPE_LINK, RouteType.UNICAST,
                0, null, oif, -1, null, List.of());
    }

    /**
     * A unicast route to {@code destination} through {@code gateway}, as
     * {@code ip route add DEST via GW table TABLE} makes it: protocol boot, scope universe.
     *
     * @param destination the destination prefix
     * @param gateway the next hop's address
     * @param table the routing table ID
     * @return the route
     */
    public static Route viaGateway(Prefix destination, InetAddress gateway, int table) {
        return new Route(destination.family(), destination, null, 0, table, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RouteType.UNICAST, 0, gateway, 0, -1, null, List.of());
    }

    /**
     * A route of {@code type} (unreachable, blackhole, prohibit, ...) with no next hop.
     *
     * @param type the route type
     * @param destination the destination prefix
     * @param table the routing table ID
     * @return the route
     */
    public static Route ofType(RouteType type, Prefix destination, int table) {
        return new Route(destination.family(), destination, null, 0, table, RTPROT_BOOT, RT_SCOPE_UNIVERSE, type, 0,
                null, 0, -1, null, List.of());
    }

    /**
     * The default route prefix of {@code family}.
     *
     * @param family the address family
     * @return {@code 0.0.0.0/0} or {@code ::/0}
     */
    public static Prefix defaultPrefix(IpFamily family) {
        return new Prefix(RtAttributes.any(family), 0);
    }

    /**
     * This route out of another interface ({@code dev}).
     *
     * @param newOif the output interface index, 0 for none
     * @return the changed copy
     */
    public Route withOif(int newOif) {
        return copy().set("oif", newOif).record();
    }

    /**
     * This route through another gateway ({@code via}).
     *
     * @param newGateway the next hop's address, or {@code null} for none
     * @return the changed copy
     */
    public Route withGateway(InetAddress newGateway) {
        return copy().set("gateway", newGateway).record();
    }

    /**
     * This route with another metric ({@code metric}).
     *
     * @param newMetric the metric; lower is preferred
     * @return the changed copy
     */
    public Route withMetric(long newMetric) {
        return copy().set("metric", newMetric).record();
    }

    /**
     * This route with another origin ({@code proto}, {@code RTPROT_*}).
     *
     * @param newProtocol the protocol that installs the route
     * @return the changed copy
     */
    public Route withProtocol(int newProtocol) {
        return copy().set("protocol", newProtocol).record();
    }

    /**
     * This route with another scope ({@code scope}, {@code RT_SCOPE_*}).
     *
     * @param newScope the scope
     * @return the changed copy
     */
    public Route withScope(int newScope) {
        return copy().set("scope", newScope).record();
    }

    /**
     * This route with another preferred source address ({@code src}).
     *
     * @param newPrefsrc the address, or {@code null} for none
     * @return the changed copy
     */
    public Route withPrefsrc(InetAddress newPrefsrc) {
        return copy().set("prefsrc", newPrefsrc).record();
    }

    /**
     * The same route without kept attributes (what a delete request needs).
     *
     * @return the changed copy
     */
    public Route withoutUnknown() {
        return copy().set("unknown", List.of()).record();
    }

    /**
     * Writes {@code struct rtmsg} and the attributes in iproute2's order: the table
     * goes into {@code rtm_table} when below 256, else into {@code RTA_TABLE}.
     */
    void write(MessageWriter w) {
        new RtmsgHeader(family, destination.length(), RtmsgHeader.length(source), tos, table, protocol, scope,
                type.number(), flags).write(w);
        if (destination.length() != 0) {
            RtAttributes.attrAddress(w, RTA_DST, destination.address());
        }
        if (source != null && source.length() != 0) {
            RtAttributes.attrAddress(w, RTA_SRC, source.address());
        }
        if (!RtmsgHeader.fitsHeader(table)) {
            w.attrU32(RTA_TABLE, table);
        }
        if (metric >= 0) {
            w.attrU32(RTA_PRIORITY, (int) metric);
        }
        if (prefsrc != null) {
            RtAttributes.attrAddress(w, RTA_PREFSRC, prefsrc);
        }
        if (gateway != null) {
            RtAttributes.attrAddress(w, RTA_GATEWAY, gateway);
        }
        if (oif != 0) {
            w.attrU32(RTA_OIF, oif);
        }
        RtAttributes.writeAll(w, unknown);
    }

    /**
     * Decodes an {@code RTM_NEWROUTE} or {@code RTM_DELROUTE} message.
     *
     * @param message the message
     * @return the route
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static Route decode(NetlinkMessage message) {
        RtmsgHeader header = RtmsgHeader.decode(message);
        IpFamily family = header.family();
        int table = header.table();
        RouteType type = RouteType.ofNumber(header.type());
        InetAddress dst = null;
        InetAddress src = null;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        int oif = 0;
        long metric = -1;
        List<RawAttribute> unknown = new ArrayList<>();
        boolean tableAttr = false;
        for (Attribute a : message.attributes(RTMSG_LEN)) {
            switch (a.rawType()) {
                case RTA_DST -> dst = RtAttributes.address(a, family, "RTA_DST");
                case RTA_SRC -> src = RtAttributes.address(a, family, "RTA_SRC");
                case RTA_GATEWAY -> gateway = RtAttributes.address(a, family, "RTA_GATEWAY");
                case RTA_PREFSRC -> prefsrc = RtAttributes.address(a, family, "RTA_PREFSRC");
                case RTA_OIF -> oif = a.u32();
                case RTA_PRIORITY -> metric = Integer.toUnsignedLong(a.u32());
                case RTA_TABLE -> {
                    table = a.u32();
                    tableAttr = true;
                }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (tableAttr && header.table() != RT_TABLE_UNSPEC && header.table() != (table & 0xff)
                && RtmsgHeader.fitsHeader(table)) {
            throw new NetlinkDecodeException("route: rtm_table " + header.table() + " contradicts RTA_TABLE " + table);
        }
        try {
            Prefix destination = new Prefix(dst == null ? RtAttributes.any(family) : dst, header.dstLen());
            return new Route(family, destination, header.source(src), header.tos(), table, header.protocol(),
                    header.scope(), type, header.flags(), gateway, oif, metric, prefsrc,
                    unknown);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("route message: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Route[");
        if (type != RouteType.UNICAST) {
            sb.append(type.keyword()).append(' ');
        }
        sb.append(destination.length() == 0 ? "default" : destination.toString());
        if (gateway != null) {
            sb.append(" via ").append(gateway.getHostAddress());
        }
        if (oif != 0) {
            sb.append(" dev #").append(oif);
        }
        sb.append(" table ").append(Integer.toUnsignedString(table)).append(" proto ").append(protocol)
                .append(" scope ").append(scope);
        if (metric >= 0) {
            sb.append(" metric ").append(metric);
        }
        return sb.append(']').toString();
    }

    /** A copy of this route, to change some components of. */
    private RecordCopy<Route> copy() {
        return RecordCopy.of(MethodHandles.lookup(), this);
    }
}
