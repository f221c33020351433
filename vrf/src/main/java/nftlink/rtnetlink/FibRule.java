package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.internal.RecordCopy;

import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static nftlink.rtnetlink.FibRuleUapi.*;

/**
 * A policy routing rule ({@code struct fib_rule_hdr} and {@code FRA_*}
 * attributes), as {@code ip rule} shows it.
 *
 * @param family   address family
 * @param priority {@code FRA_PRIORITY}, or -1 when absent (the kernel then picks one
 *                 when adding; a listed rule of priority 0 also shows -1, since the
 *                 kernel leaves the attribute out for 0 — see {@link #effectivePriority()})
 * @param table    table to look up; 0 for none (e.g. with {@code l3mdev})
 * @param action   what the rule does
 * @param from     source prefix ({@code from}), or {@code null} for all
 * @param to       destination prefix ({@code to}), or {@code null} for all
 * @param tos      {@code tos}/dsfield, or 0
 * @param iif      input interface name ({@code FRA_IIFNAME}), or {@code null}
 * @param oif      output interface name ({@code FRA_OIFNAME}), or {@code null}
 * @param fwmark   {@code FRA_FWMARK}, or -1 when absent
 * @param fwmask   {@code FRA_FWMASK}, or -1 when absent
 * @param l3mdev   {@code FRA_L3MDEV}: look up the table of the VRF the packet belongs to
 * @param uidRange {@code FRA_UID_RANGE}, or {@code null}
 * @param protocol {@code FRA_PROTOCOL} (who installed it), or -1 when absent
 * @param ipProto  {@code FRA_IP_PROTO}, or 0 for any
 * @param sport    {@code FRA_SPORT_RANGE}, or {@code null}
 * @param dport    {@code FRA_DPORT_RANGE}, or {@code null}
 * @param flags    {@code FIB_RULE_*} flags ({@code FIB_RULE_INVERT} is {@code not})
 * @param unknown  other attributes, kept for round trips
 */
public record FibRule(IpFamily family, long priority, int table, RuleAction action, Prefix from, Prefix to, int tos,
                   String iif, String oif, long fwmark, long fwmask, boolean l3mdev, UidRange uidRange, int protocol,
                   int ipProto, PortRange sport, PortRange dport, int flags, List<RawAttribute> unknown) implements RtObject {

    /** Checks the components: family and action not null; prefixes of the rule's family. */
    public FibRule {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(action, "action");
        if (from != null && from.family() != family) {
            throw new IllegalArgumentException("from " + from + " is not an " + family + " prefix");
        }
        if (to != null && to.family() != family) {
            throw new IllegalArgumentException("to " + to + " is not an " + family + " prefix");
        }
        if (priority < -1 || priority > 0xffffffffL) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        if (fwmark < -1 || fwmark > 0xffffffffL || fwmask < -1 || fwmask > 0xffffffffL) {
            throw new IllegalArgumentException("fwmark/fwmask out of range");
        }
        if (tos < 0 || tos > 255 || protocol < -1 || protocol > 255 || ipProto < 0 || ipProto > 255) {
            throw new IllegalArgumentException("tos, protocol or ip proto out of range");
        }
        if (iif != null) {
            RtAttributes.checkName("input interface", iif);
        }
        if (oif != null) {
            RtAttributes.checkName("output interface", oif);
        }
        unknown = List.copyOf(unknown);
    }

    /**
     * A rule with only a family and an action; add selectors with the {@code with...} methods.
     *
     * @param family the address family
     * @param action what the rule does when it matches
     * @return the rule
     */
    public static FibRule of(IpFamily family, RuleAction action) {
        return new FibRule(family, -1, 0, action, null, null, 0, null, null, -1, -1, false, null, -1, 0, null, null, 0,
                List.of());
    }

    /**
     * {@code ip rule add pref PRIORITY table TABLE}.
     *
     * @param family the address family
     * @param priority the rule's priority ({@code pref}); lower runs first
     * @param table the routing table to look up
     * @return the rule
     */
    public static FibRule lookup(IpFamily family, long priority, int table) {
        return of(family, RuleAction.TO_TBL).withPriority(priority).withTable(table);
    }

    /**
     * {@code ip rule add pref PRIORITY l3mdev}: look up the VRF's table.
     *
     * @param family the address family
     * @param priority the rule's priority ({@code pref}); lower runs first
     * @return the rule
     */
    public static FibRule l3mdev(IpFamily family, long priority) {
        return of(family, RuleAction.TO_TBL).withPriority(priority).withL3mdev(true);
    }

    /**
     * {@code ip rule add pref PRIORITY l3mdev unreachable}: end the lookup for VRF traffic.
     *
     * @param family the address family
     * @param priority the rule's priority ({@code pref}); lower runs first
     * @return the rule
     */
    public static FibRule l3mdevUnreachable(IpFamily family, long priority) {
        return of(family, RuleAction.UNREACHABLE).withPriority(priority).withL3mdev(true);
    }

    /**
     * This rule with another priority ({@code pref}).
     *
     * @param v the priority; lower runs first
     * @return the changed copy
     */
    public FibRule withPriority(long v) {
        return copy().set("priority", v).record();
    }

    /**
     * This rule with another routing table ({@code table}).
     *
     * @param v the table ID
     * @return the changed copy
     */
    public FibRule withTable(int v) {
        return copy().set("table", v).record();
    }

    /**
     * This rule with another action.
     *
     * @param v the action
     * @return the changed copy
     */
    public FibRule withAction(RuleAction v) {
        return copy().set("action", v).record();
    }

    /**
     * This rule with a source prefix ({@code from}).
     *
     * @param v the prefix, or {@code null} for any source
     * @return the changed copy
     */
    public FibRule withFrom(Prefix v) {
        return copy().set("from", v).record();
    }

    /**
     * This rule with a destination prefix ({@code to}).
     *
     * @param v the prefix, or {@code null} for any destination
     * @return the changed copy
     */
    public FibRule withTo(Prefix v) {
        return copy().set("to", v).record();
    }

    /**
     * This rule with an input interface ({@code iif}).
     *
     * @param v the interface name, or {@code null} for any
     * @return the changed copy
     */
    public FibRule withIif(String v) {
        return copy().set("iif", v).record();
    }

    /**
     * This rule with an output interface ({@code oif}).
     *
     * @param v the interface name, or {@code null} for any
     * @return the changed copy
     */
    public FibRule withOif(String v) {
        return copy().set("oif", v).record();
    }

    /**
     * This rule with a firewall mark selector ({@code fwmark MARK/MASK}).
     *
     * @param mark the mark
     * @param mask the mask the packet's mark is and-ed with first
     * @return the changed copy
     */
    public FibRule withFwmark(long mark, long mask) {
        return copy().set("fwmark", mark).set("fwmask", mask).record();
    }

    /**
     * This rule with or without {@code l3mdev} (look up the table of the packet's VRF).
     *
     * @param v whether to set {@code l3mdev}
     * @return the changed copy
     */
    public FibRule withL3mdev(boolean v) {
        return copy().set("l3mdev", v).record();
    }

    /**
     * This rule with a user ID range selector ({@code uidrange}).
     *
     * @param v the range, or {@code null} for any user
     * @return the changed copy
     */
    public FibRule withUidRange(UidRange v) {
        return copy().set("uidRange", v).record();
    }

    /**
     * This rule with an IP protocol selector ({@code ipproto}).
     *
     * @param v the protocol number, 0 for any
     * @return the changed copy
     */
    public FibRule withIpProto(int v) {
        return copy().set("ipProto", v).record();
    }

    /**
     * This rule with port range selectors ({@code sport}, {@code dport}).
     *
     * @param source the source ports, or {@code null} for any
     * @param destination the destination ports, or {@code null} for any
     * @return the changed copy
     */
    public FibRule withPorts(PortRange source, PortRange destination) {
        return copy().set("sport", source).set("dport", destination).record();
    }

    /**
     * This rule with another origin ({@code protocol}, {@code RTPROT_*}).
     *
     * @param v the protocol that installed the rule
     * @return the changed copy
     */
    public FibRule withProtocol(int v) {
        return copy().set("protocol", v).record();
    }

    /**
     * This rule with other {@code FIB_RULE_*} flags.
     *
     * @param v the flags
     * @return the changed copy
     */
    public FibRule withFlags(int v) {
        return copy().set("flags", v).record();
    }

    /**
     * The same rule without kept attributes.
     *
     * @return the changed copy
     */
    public FibRule withoutUnknown() {
        return copy().set("unknown", List.of()).record();
    }

    /**
     * The priority, with an absent one read as 0 (what the kernel means for a listed rule).
     *
     * @return the priority
     */
    public long effectivePriority() {
        return Math.max(priority, 0);
    }

    /** Writes {@code struct fib_rule_hdr} and the attributes, as {@code ip rule add} does. */
    void write(MessageWriter w) {
        new RtmsgHeader(family, RtmsgHeader.length(to), RtmsgHeader.length(from), tos, table, 0, 0, action.number(),
                flags).write(w);
        if (priority >= 0) {
            w.attrU32(FRA_PRIORITY, (int) priority);
        }
        if (from != null && from.length() != 0) {
            RtAttributes.attrAddress(w, FRA_SRC, from.address());
        }
        if (to != null && to.length() != 0) {
            RtAttributes.attrAddress(w, FRA_DST, to.address());
        }
        if (iif != null) {
            w.attrString(FRA_IIFNAME, iif);
        }
        if (oif != null) {
            w.attrString(FRA_OIFNAME, oif);
        }
        if (fwmark >= 0) {
            w.attrU32(FRA_FWMARK, (int) fwmark);
        }
        if (fwmask >= 0) {
            w.attrU32(FRA_FWMASK, (int) fwmask);
        }
        if (!RtmsgHeader.fitsHeader(table)) {
            w.attrU32(FRA_TABLE, table);
        }
        if (l3mdev) {
            w.attrU8(FRA_L3MDEV, 1);
        }
        if (uidRange != null) {
            w.attrBytes(FRA_UID_RANGE, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt(uidRange.start()).putInt(uidRange.end()).array());
        }
        if (protocol >= 0) {
            w.attrU8(FRA_PROTOCOL, protocol);
        }
        if (ipProto != 0) {
            w.attrU8(FRA_IP_PROTO, ipProto);
        }
        if (sport != null) {
            w.attrBytes(FRA_SPORT_RANGE, ports(sport));
        }
        if (dport != null) {
            w.attrBytes(FRA_DPORT_RANGE, ports(dport));
        }
        RtAttributes.writeAll(w, unknown);
    }

    private static byte[] ports(PortRange range) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) range.start())
                .putShort((short) range.end()).array();
    }

    private static PortRange ports(Attribute a, String what) {
        if (a.length() != 4) {
            throw new NetlinkDecodeException(what + ": expected 4 bytes, got " + a.length());
        }
        ByteBuffer b = ByteBuffer.wrap(a.bytes()).order(ByteOrder.nativeOrder());
        try {
            return new PortRange(b.getShort() & 0xffff, b.getShort() & 0xffff);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException(what + ": " + e.getMessage());
        }
    }

    /**
     * Decodes an {@code RTM_NEWRULE} or {@code RTM_DELRULE} message.
     *
     * @throws NetlinkDecodeException when the message is malformed
     * @param message the message
     * @return the rule
     */
    public static FibRule decode(NetlinkMessage message) {
        RtmsgHeader header = RtmsgHeader.decode(message);
        IpFamily family = header.family();
        int table = header.table();
        RuleAction action = RuleAction.ofNumber(header.type());
        long priority = -1;
        InetAddress src = null;
        InetAddress dst = null;
        String iif = null;
        String oif = null;
        long fwmark = -1;
        long fwmask = -1;
        boolean l3mdev = false;
        UidRange uid = null;
        int protocol = -1;
        int ipProto = 0;
        PortRange sport = null;
        PortRange dport = null;
        List<RawAttribute> unknown = new ArrayList<>();
        for (Attribute a : message.attributes(RtnetlinkUapi.FIB_RULE_HDR_LEN)) {
            switch (a.rawType()) {
                case FRA_PRIORITY -> priority = Integer.toUnsignedLong(a.u32());
                case FRA_SRC -> src = RtAttributes.address(a, family, "FRA_SRC");
                case FRA_DST -> dst = RtAttributes.address(a, family, "FRA_DST");
                case FRA_IIFNAME -> iif = a.string();
                case FRA_OIFNAME -> oif = a.string();
                case FRA_FWMARK -> fwmark = Integer.toUnsignedLong(a.u32());
                case FRA_FWMASK -> fwmask = Integer.toUnsignedLong(a.u32());
                case FRA_TABLE -> table = a.u32();
                case FRA_L3MDEV -> {
                    int v = a.u8();
                    if (v == 1) {
                        l3mdev = true;
                    } else {
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case FRA_UID_RANGE -> {
                    if (a.length() != 8) {
                        throw new NetlinkDecodeException("FRA_UID_RANGE: expected 8 bytes, got " + a.length());
                    }
                    ByteBuffer b = ByteBuffer.wrap(a.bytes()).order(ByteOrder.nativeOrder());
                    try {
                        uid = new UidRange(b.getInt(), b.getInt());
                    } catch (IllegalArgumentException e) {
                        throw new NetlinkDecodeException("FRA_UID_RANGE: " + e.getMessage());
                    }
                }
                case FRA_PROTOCOL -> protocol = a.u8();
                case FRA_IP_PROTO -> {
                    int v = a.u8();
                    if (v != 0) {
                        ipProto = v;
                    } else {
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case FRA_SPORT_RANGE -> sport = ports(a, "FRA_SPORT_RANGE");
                case FRA_DPORT_RANGE -> dport = ports(a, "FRA_DPORT_RANGE");
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        try {
            return new FibRule(family, priority, table, action, header.source(src),
                    header.destination(dst), header.tos(), iif, oif, fwmark, fwmask, l3mdev, uid, protocol, ipProto, sport,
                    dport, header.flags(), unknown);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("rule message: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FibRule[").append(family.ipName()).append(' ').append(effectivePriority())
                .append(": from ").append(from == null ? "all" : from.toString());
        if (to != null) {
            sb.append(" to ").append(to);
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (fwmark >= 0) {
            sb.append(" fwmark 0x").append(Long.toHexString(fwmark));
        }
        if (uidRange != null) {
            sb.append(" uidrange ").append(uidRange);
        }
        if (ipProto != 0) {
            sb.append(" ipproto ").append(ipProto);
        }
        if (sport != null) {
            sb.append(" sport ").append(sport);
        }
        if (dport != null) {
            sb.append(" dport ").append(dport);
        }
        if (l3mdev) {
            sb.append(" lookup [l3mdev-table]");
        } else if (table != 0) {
            sb.append(" lookup ").append(Integer.toUnsignedString(table));
        }
        if (action != RuleAction.TO_TBL) {
            sb.append(' ').append(action.name().toLowerCase(Locale.ROOT));
        }
        return sb.append(']').toString();
    }

    /** A copy of this fibRule, to change some components of. */
    private RecordCopy<FibRule> copy() {
        return RecordCopy.of(MethodHandles.lookup(), this);
    }
}
