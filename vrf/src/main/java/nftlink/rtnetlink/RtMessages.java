package nftlink.rtnetlink;

import nftlink.netlink.MessageWriter;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_CREATE;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_EXCL;
import static nftlink.netlink.Netlink.NLM_F_REPLACE;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.rtnetlink.IfLink.*;
import static nftlink.rtnetlink.RtnetlinkUapi.*;

/**
 * Writes rtnetlink requests into a {@link MessageWriter}: one method per request,
 * producing the same bytes as the equivalent {@code ip} command (apart from the
 * sequence number). {@link RtNetlink} sends them; tests compare them with
 * captured iproute2 requests.
 */
public final class RtMessages {
    private RtMessages() {
    }

    /** {@code NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE}: create, fail when it exists. */
    public static final int CREATE_EXCLUSIVE = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;
    /** {@code NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE}: create or replace. */
    public static final int CREATE_OR_REPLACE = NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE;
    /** {@code NLM_F_REQUEST | NLM_F_ACK}: change or delete. */
    public static final int CHANGE = NLM_F_REQUEST | NLM_F_ACK;

    /**
     * {@code ip link add NAME type KIND ...}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param link the link to create: name, kind and kind-specific settings
     */
    public static void newLink(MessageWriter w, int seq, Link link) {
        message(w, RTM_NEWLINK, CREATE_EXCLUSIVE, seq, () -> link.write(w));
    }

    /**
     * {@code ip link del}: deletes interface {@code index}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index
     */
    public static void deleteLink(MessageWriter w, int seq, int index) {
        message(w, RTM_DELLINK, CHANGE, seq, () -> ifinfomsg(w, index, 0, 0));
    }

    /**
     * {@code ip link set dev DEV master MASTER}; {@code master} 0 is {@code nomaster}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index of the port
     * @param master the interface index of the master (a VRF or bridge), or 0 to detach
     */
    public static void setMaster(MessageWriter w, int seq, int index, int master) {
        changeLink(w, seq, index, () -> w.attrU32(IFLA_MASTER, master));
    }

    /**
     * {@code ip link set dev DEV up|down}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index
     * @param up {@code true} for up, {@code false} for down
     */
    public static void setUp(MessageWriter w, int seq, int index, boolean up) {
        message(w, RTM_NEWLINK, CHANGE, seq, () -> ifinfomsg(w, index, up ? IFF_UP : 0, IFF_UP));
    }

    /**
     * {@code ip link set dev DEV mtu MTU}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index
     * @param mtu the MTU in bytes
     */
    public static void setMtu(MessageWriter w, int seq, int index, int mtu) {
        changeLink(w, seq, index, () -> w.attrU32(IFLA_MTU, mtu));
    }

    /**
     * {@code ip link set dev DEV name NAME}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index
     * @param name the new name (at most 15 bytes)
     */
    public static void rename(MessageWriter w, int seq, int index, String name) {
        RtAttributes.checkName("link", name);
        changeLink(w, seq, index, () -> w.attrString(IFLA_IFNAME, name));
    }

    /**
     * {@code ip link set dev DEV netns FD}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index
     * @param namespaceFd an open file descriptor of the target network namespace
     */
    public static void setNamespace(MessageWriter w, int seq, int index, int namespaceFd) {
        changeLink(w, seq, index, () -> w.attrU32(IFLA_NET_NS_FD, namespaceFd));
    }

    /**
     * {@code RTM_GETLINK} for one interface by name, as iproute2 resolves names.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param name the interface name
     */
    public static void getLink(MessageWriter w, int seq, String name) {
        message(w, RTM_GETLINK, CHANGE, seq, () -> {
            ifinfomsg(w, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
            w.attrString(IFLA_IFNAME, name);
        });
    }

    /**
     * {@code RTM_GETLINK} for one interface by index.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param index the interface index
     */
    public static void getLink(MessageWriter w, int seq, int index) {
        message(w, RTM_GETLINK, CHANGE, seq, () -> {
            ifinfomsg(w, index, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
        });
    }

    /**
     * Dumps links; with strict checking the kernel filters by {@code master}
     * (when not 0) and {@code kind} (when not {@code null}).
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param master the master's interface index, or 0 for links of any master
     * @param kind the link kind ({@code "vrf"}, {@code "veth"}, ...), or {@code null} for every kind
     */
    public static void dumpLinks(MessageWriter w, int seq, int master, String kind) {
        message(w, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq, () -> {
            ifinfomsg(w, 0, 0, 0);
            w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            if (master != 0) {
                w.attrU32(IFLA_MASTER, master);
            }
            if (kind != null) {
                int info = RtAttributes.beginPlainNest(w, IFLA_LINKINFO);
                RtAttributes.attrStringNoNul(w, IFLA_INFO_KIND, kind);
                RtAttributes.endPlainNest(w, info);
            }
        });
    }

    /**
     * {@code ip addr add} ({@code flags}: {@link #CREATE_EXCLUSIVE} or {@link #CREATE_OR_REPLACE}).
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param address the address, its prefix length and interface
     * @param flags netlink creation flags
     */
    public static void newAddress(MessageWriter w, int seq, Address address, int flags) {
        message(w, RTM_NEWADDR, flags, seq, () -> address.write(w, true));
    }

    /**
     * {@code ip addr del}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param address the address, its prefix length and interface
     */
    public static void deleteAddress(MessageWriter w, int seq, Address address) {
        message(w, RTM_DELADDR, CHANGE, seq, () -> address.write(w, false));
    }

    /**
     * Dumps addresses of {@code family} ({@code null}: both), of interface {@code index} (0: all).
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param family the address family, or {@code null} for both
     * @param index the interface index, or 0 for every interface
     */
    public static void dumpAddresses(MessageWriter w, int seq, IpFamily family, int index) {
        message(w, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq, () -> w.putU8(family == null ? AF_UNSPEC : family.number()).putU8(0).putU8(0).putU8(0).putU32(index));
    }

    /**
     * {@code ip route add|replace} ({@code flags}: {@link #CREATE_EXCLUSIVE} or {@link
     * #CREATE_OR_REPLACE}).
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param route the route
     * @param flags netlink creation flags
     */
    public static void newRoute(MessageWriter w, int seq, Route route, int flags) {
        message(w, RTM_NEWROUTE, flags, seq, () -> route.write(w));
    }

    /**
     * {@code ip route del}: deletes the route matching every field given.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param route the fields that identify the route
     */
    public static void deleteRoute(MessageWriter w, int seq, Route route) {
        message(w, RTM_DELROUTE, CHANGE, seq, () -> route.withoutUnknown().write(w));
    }

    /**
     * Dumps the routes of {@code family} in {@code table} (0: every table), filtered by the kernel.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param family the address family
     * @param table the routing table ID, or 0 for every table
     */
    public static void dumpRoutes(MessageWriter w, int seq, IpFamily family, int table) {
        message(w, RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, seq, () -> {
            w.putU8(family.number()).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU32(0);
            if (table != 0) {
                w.attrU32(RTA_TABLE, table);
            }
        });
    }

    /**
     * {@code ip rule add}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param rule the policy routing rule
     */
    public static void newRule(MessageWriter w, int seq, FibRule rule) {
        message(w, RTM_NEWRULE, CREATE_EXCLUSIVE, seq, () -> rule.write(w));
    }

    /**
     * {@code ip rule del}: deletes the first rule that matches every field given.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param rule the fields that identify the rule
     */
    public static void deleteRule(MessageWriter w, int seq, FibRule rule) {
        message(w, RTM_DELRULE, CHANGE, seq, () -> rule.withoutUnknown().write(w));
    }

    /**
     * Dumps the rules of {@code family}.
     *
     * @param w the writer the message is appended to
     * @param seq the message's sequence number
     * @param family the address family
     */
    public static void dumpRules(MessageWriter w, int seq, IpFamily family) {
        message(w, RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, seq, () -> w.putU8(family.number()).putZeros(RtnetlinkUapi.FIB_RULE_HDR_LEN - 1));
    }

    /** Appends one message: its header, what {@code body} writes, then the message's length. */
    private static void message(MessageWriter w, int type, int flags, int seq, Runnable body) {
        int m = w.beginMessage(type, flags, seq);
        body.run();
        w.endMessage(m);
    }

    /**
     * {@code RTM_NEWLINK} for interface {@code index}, its flags left as they are, with the
     * attributes {@code attributes} writes.
     */
    private static void changeLink(MessageWriter w, int seq, int index, Runnable attributes) {
        message(w, RTM_NEWLINK, CHANGE, seq, () -> {
            ifinfomsg(w, index, 0, 0);
            attributes.run();
        });
    }

    private static void ifinfomsg(MessageWriter w, int index, int flags, int change) {
        w.putU8(AF_UNSPEC).putU8(0).putU16(0).putU32(index).putU32(flags).putU32(change);
    }
}
