package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static nftlink.rtnetlink.IfLink.*;

/**
 * A network interface as rtnetlink describes it ({@code struct ifinfomsg} and
 * {@code IFLA_*} attributes), or a description of one to create.
 *
 * @param index   interface index, or 0 when not known (not yet created)
 * @param name    interface name ({@code IFLA_IFNAME})
 * @param type    {@code ifi_type}, an {@code ARPHRD_*} number (0 when creating)
 * @param flags   {@code IFF_*} device flags
 * @param mtu     {@code IFLA_MTU}, or 0 when not set
 * @param master  ifindex of the master device ({@code IFLA_MASTER}: VRF, bridge), or 0
 * @param parent  ifindex of the underlying or peer device ({@code IFLA_LINK}), or 0
 * @param kind    the kind and its data ({@code IFLA_LINKINFO}), or {@code null} for a plain device
 * @param slave   what the master reports about this port, or {@code null}
 * @param unknown other attributes (address, statistics, queues, ...), kept for round trips
 */
public record Link(int index, String name, int type, int flags, int mtu, int master, int parent, LinkKind kind,
                   SlaveInfo slave, List<RawAttribute> unknown) implements RtObject {

    /** Checks the components: a valid interface name and a non-negative MTU. */
    public Link {
        RtAttributes.checkName("link", name);
        if (mtu < 0) {
            throw new IllegalArgumentException("negative MTU " + mtu);
        }
        unknown = List.copyOf(unknown);
    }

    /**
     * A link to create: {@code name} of {@code kind}, no other settings.
     *
     * @param name the interface name
     * @param kind the link kind
     * @return the link
     */
    public static Link of(String name, LinkKind kind) {
        return new Link(0, name, 0, 0, 0, 0, 0, kind, null, List.of());
    }

    /**
     * A VRF device on {@code table}.
     *
     * @param name the interface name
     * @param table the VRF's routing table
     * @return the link
     */
    public static Link vrf(String name, int table) {
        return of(name, new LinkKind.Vrf(table));
    }

    /**
     * A veth pair {@code name} and {@code peer}.
     *
     * @param name the interface name of this end
     * @param peer the interface name of the other end
     * @return the link
     */
    public static Link veth(String name, String peer) {
        return of(name, new LinkKind.Veth(peer));
    }

    /**
     * A bridge with kernel defaults.
     *
     * @param name the interface name
     * @return the link
     */
    public static Link bridge(String name) {
        return of(name, new LinkKind.Bridge());
    }

    /**
     * A dummy device.
     *
     * @param name the interface name
     * @return the link
     */
    public static Link dummy(String name) {
        return of(name, new LinkKind.Dummy());
    }

    /**
     * A macvlan device on top of interface {@code parentIndex}.
     *
     * @param name the interface name
     * @param parentIndex the interface index of the lower device
     * @param mode the macvlan mode, {@code MACVLAN_MODE_*}
     * @return the link
     */
    public static Link macvlan(String name, int parentIndex, int mode) {
        return of(name, new LinkKind.Macvlan(mode)).withParent(parentIndex);
    }

    /**
     * This link with other {@code IFF_*} flags.
     *
     * @param newFlags the flags
     * @return the changed copy
     */
    public Link withFlags(int newFlags) {
        return new Link(index, name, type, newFlags, mtu, master, parent, kind, slave, unknown);
    }

    /**
     * This link with another MTU.
     *
     * @param newMtu the MTU in bytes
     * @return the changed copy
     */
    public Link withMtu(int newMtu) {
        return new Link(index, name, type, flags, newMtu, master, parent, kind, slave, unknown);
    }

    /**
     * This link with another master (a VRF or bridge).
     *
     * @param newMaster the master's interface index, or 0 for none
     * @return the changed copy
     */
    public Link withMaster(int newMaster) {
        return new Link(index, name, type, flags, mtu, newMaster, parent, kind, slave, unknown);
    }

    /**
     * This link on top of another lower device.
     *
     * @param newParent the lower device's interface index
     * @return the changed copy
     */
    public Link withParent(int newParent) {
        return new Link(index, name, type, flags, mtu, master, newParent, kind, slave, unknown);
    }

    /**
     * Whether {@code IFF_UP} is set.
     *
     * @return whether the link is administratively up
     */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * The kind's name ({@code IFLA_INFO_KIND}: {@code veth}, {@code vrf}, ...).
     *
     * @return the name, or empty for a plain device
     */
    public Optional<String> kindName() {
        return kind == null ? Optional.empty() : Optional.of(kind.name());
    }

    /**
     * The VRF table when this is a VRF device.
     *
     * @return the table, or empty when this is not a VRF
     */
    public Optional<Integer> vrfTable() {
        return kind instanceof LinkKind.Vrf v ? Optional.of(v.table()) : Optional.empty();
    }

    /**
     * The first kept attribute of {@code type} (such as {@code IFLA_ADDRESS}), if any.
     *
     * @param attributeType the {@code IFLA_*} attribute type
     * @return the attribute, or empty
     */
    public Optional<RawAttribute> attribute(int attributeType) {
        return unknown.stream().filter(a -> a.type() == attributeType).findFirst();
    }

    /**
     * The hardware address ({@code IFLA_ADDRESS}) as {@code ip link} prints it, e.g. {@code
     * 02:00:00:00:00:01}.
     *
     * @return the address, or empty when the link has none
     */
    public Optional<String> hardwareAddress() {
        return attribute(IFLA_ADDRESS).map(a -> HexFormat.ofDelimiter(":").formatHex(a.value()));
    }

    /**
     * The operational state ({@code IFLA_OPERSTATE}, one of {@code IF_OPER_*}), if reported.
     *
     * @return the state, or empty
     */
    public Optional<Integer> operState() {
        return attribute(IFLA_OPERSTATE).filter(a -> a.value().length == 1).map(a -> a.value()[0] & 0xff);
    }

    /**
     * Writes {@code struct ifinfomsg} (with {@code ifi_change} = {@code flags}, so the
     * flags given are applied) and the attributes that describe this link.
     */
    void write(MessageWriter w) {
        w.putU8(RtnetlinkUapi.AF_UNSPEC).putU8(0).putU16(type).putU32(index).putU32(flags).putU32(flags);
        w.attrString(IFLA_IFNAME, name);
        if (mtu != 0) {
            w.attrU32(IFLA_MTU, mtu);
        }
        if (parent != 0) {
            w.attrU32(IFLA_LINK, parent);
        }
        if (master != 0) {
            w.attrU32(IFLA_MASTER, master);
        }
        if (kind != null || slave != null) {
            int info = RtAttributes.beginPlainNest(w, IFLA_LINKINFO);
            if (kind != null) {
                RtAttributes.attrStringNoNul(w, IFLA_INFO_KIND, kind.name());
                if (kind.hasData()) {
                    int data = RtAttributes.beginPlainNest(w, IFLA_INFO_DATA);
                    kind.writeData(w);
                    RtAttributes.endPlainNest(w, data);
                }
            }
            if (slave != null) {
                RtAttributes.attrStringNoNul(w, IFLA_INFO_SLAVE_KIND, slave.kind());
                if (!slave.data().isEmpty()) {
                    int data = RtAttributes.beginPlainNest(w, IFLA_INFO_SLAVE_DATA);
                    RtAttributes.writeAll(w, slave.data());
                    RtAttributes.endPlainNest(w, data);
                }
            }
            RtAttributes.endPlainNest(w, info);
        }
        RtAttributes.writeAll(w, unknown);
    }

    /**
     * Decodes an {@code RTM_NEWLINK} or {@code RTM_DELLINK} message.
     *
     * @throws NetlinkDecodeException when the message is malformed
     * @param message the message
     * @return the link
     */
    public static Link decode(NetlinkMessage message) {
        int type = message.payloadU16(2);
        int index = message.payloadU32(4);
        int flags = message.payloadU32(8);
        String name = null;
        int mtu = 0;
        int master = 0;
        int parent = 0;
        LinkKind kind = null;
        SlaveInfo slave = null;
        List<RawAttribute> unknown = new ArrayList<>();
        for (Attribute a : message.attributes(RtnetlinkUapi.IFINFOMSG_LEN)) {
            switch (a.rawType()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_MTU -> mtu = a.u32();
                case IFLA_MASTER -> master = a.u32();
                case IFLA_LINK -> parent = a.u32();
                case IFLA_LINKINFO, IFLA_LINKINFO | Netlink.NLA_F_NESTED -> {
                    String kindName = null;
                    Attribute data = null;
                    String slaveKind = null;
                    Attribute slaveData = null;
                    List<RawAttribute> rest = new ArrayList<>();
                    for (Attribute i : a.nested()) {
                        switch (i.type()) {
                            case IFLA_INFO_KIND -> kindName = RtAttributes.lenientString(i);
                            case IFLA_INFO_DATA -> data = i;
                            case IFLA_INFO_SLAVE_KIND -> slaveKind = RtAttributes.lenientString(i);
                            case IFLA_INFO_SLAVE_DATA -> slaveData = i;
                            default -> rest.add(RawAttribute.of(i));
                        }
                    }
                    if (!rest.isEmpty() || (kindName == null && data != null) || (slaveKind == null && slaveData != null)) {
                        unknown.add(RawAttribute.of(a));
                    } else {
                        kind = kindName == null ? null : LinkKind.decode(kindName, data);
                        if (slaveKind != null) {
                            List<RawAttribute> sd = new ArrayList<>();
                            if (slaveData != null) {
                                for (Attribute s : slaveData.nested()) {
                                    sd.add(RawAttribute.of(s));
                                }
                            }
                            slave = new SlaveInfo(slaveKind, sd);
                        }
                    }
                }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (name == null) {
            throw new NetlinkDecodeException("link message without IFLA_IFNAME (ifindex " + index + ")");
        }
        if (mtu < 0) {
            throw new NetlinkDecodeException("link " + name + ": MTU out of range");
        }
        try {
            return new Link(index, name, type, flags, mtu, master, parent, kind, slave, unknown);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("link message: " + e.getMessage());
        }
    }
}
