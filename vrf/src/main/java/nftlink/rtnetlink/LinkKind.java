package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static nftlink.rtnetlink.IfLink.*;

/**
 * The kind of a link ({@code IFLA_INFO_KIND}) with its kind-specific data
 * ({@code IFLA_INFO_DATA}). Kinds the library does not model, and data of a
 * known kind it cannot represent exactly, decode to {@link Other}, which keeps
 * the data byte for byte.
 */
public sealed interface LinkKind {

    /**
     * The kind name, as {@code ip link add ... type NAME} takes it.
     *
     * @return the name
     */
    String name();

    /**
     * Writes the {@code IFLA_INFO_DATA} attributes (inside the nest).
     *
     * @param w the writer, inside {@code IFLA_INFO_DATA}
     */
    void writeData(MessageWriter w);

    /**
     * Whether there is anything to put into {@code IFLA_INFO_DATA}.
     *
     * @return whether there is data
     */
    boolean hasData();

    /**
     * A VRF device bound to a routing table.
     *
     * @param table the routing table (1 to 2^32-1; not {@code local}, {@code main} or {@code default} in practice)
     */
    record Vrf(int table) implements LinkKind {
        /** Checks the component: a table other than 0. */
        public Vrf {
            if (table == 0) {
                throw new IllegalArgumentException("a VRF needs a table other than 0");
            }
        }

        @Override
        public String name() {
            return "vrf";
        }

        @Override
        public boolean hasData() {
            return true;
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32(IFLA_VRF_TABLE, table);
        }
    }

    /**
     * One end of a veth pair. When creating, {@code peerName} names the other end
     * (the kernel picks a name when it is {@code null}); the kernel does not report
     * it in listings, where the peer shows as {@link Link#parent()} instead.
     *
     * @param peerName the peer's name, or {@code null}
     */
    record Veth(String peerName) implements LinkKind {
        /** Checks the component: a valid peer name, if given. */
        public Veth {
            if (peerName != null) {
                RtAttributes.checkName("veth peer", peerName);
            }
        }

        @Override
        public String name() {
            return "veth";
        }

        @Override
        public boolean hasData() {
            return peerName != null;
        }

        @Override
        public void writeData(MessageWriter w) {
            if (peerName != null) {
                int peer = RtAttributes.beginPlainNest(w, VETH_INFO_PEER);
                w.putZeros(RtnetlinkUapi.IFINFOMSG_LEN);
                w.attrString(IFLA_IFNAME, peerName);
                RtAttributes.endPlainNest(w, peer);
            }
        }
    }

    /**
     * A bridge. Listings report many {@code IFLA_BR_*} options; the two most used are
     * typed, the rest are kept in {@code other}.
     *
     * @param stpState      {@code IFLA_BR_STP_STATE}, or {@code null} for the kernel default
     * @param vlanFiltering {@code IFLA_BR_VLAN_FILTERING}, or {@code null} for the kernel default
     * @param other         the other {@code IFLA_BR_*} attributes, kept as they were
     */
    record Bridge(Integer stpState, Boolean vlanFiltering, List<RawAttribute> other) implements LinkKind {
        /** Copies the kept attributes, which must not be null. */
        public Bridge {
            other = List.copyOf(other);
        }

        /** A bridge with kernel defaults. */
        public Bridge() {
            this(null, null, List.of());
        }

        @Override
        public String name() {
            return "bridge";
        }

        @Override
        public boolean hasData() {
            return stpState != null || vlanFiltering != null || !other.isEmpty();
        }

        @Override
        public void writeData(MessageWriter w) {
            if (stpState != null) {
                w.attrU32(IFLA_BR_STP_STATE, stpState);
            }
            if (vlanFiltering != null) {
                w.attrU8(IFLA_BR_VLAN_FILTERING, vlanFiltering ? 1 : 0);
            }
            RtAttributes.writeAll(w, other);
        }
    }

    /** A dummy device. */
    record Dummy() implements LinkKind {
        @Override
        public String name() {
            return "dummy";
        }

        @Override
        public boolean hasData() {
            return false;
        }

        @Override
        public void writeData(MessageWriter w) {
        }
    }

    /**
     * A macvlan device on top of {@link Link#parent()}.
     *
     * @param mode  {@code MACVLAN_MODE_*}, or 0 for the kernel default (vepa)
     * @param other other {@code IFLA_MACVLAN_*} attributes, kept as they were
     */
    record Macvlan(int mode, List<RawAttribute> other) implements LinkKind {
        /** Copies the kept attributes, which must not be null. */
        public Macvlan {
            other = List.copyOf(other);
        }

        /**
         * A macvlan in {@code mode}.
         *
         * @param mode the mode, {@code MACVLAN_MODE_*}
         */
        public Macvlan(int mode) {
            this(mode, List.of());
        }

        @Override
        public String name() {
            return "macvlan";
        }

        @Override
        public boolean hasData() {
            return mode != 0 || !other.isEmpty();
        }

        @Override
        public void writeData(MessageWriter w) {
            if (mode != 0) {
                w.attrU32(IFLA_MACVLAN_MODE, mode);
            }
            RtAttributes.writeAll(w, other);
        }
    }

    /**
     * A kind the library does not model.
     *
     * @param name the kind name
     * @param data its {@code IFLA_INFO_DATA} attributes, kept as they were
     */
    record Other(String name, List<RawAttribute> data) implements LinkKind {
        /** Checks the components: {@code name} not null; copies the data. */
        public Other {
            Objects.requireNonNull(name, "name");
            data = List.copyOf(data);
        }

        @Override
        public boolean hasData() {
            return !data.isEmpty();
        }

        @Override
        public void writeData(MessageWriter w) {
            RtAttributes.writeAll(w, data);
        }
    }

    /**
     * Decodes a kind and its {@code IFLA_INFO_DATA} (which may be {@code null}).
     *
     * @param kind the kind name
     * @param data the data attribute, or {@code null}
     * @return the kind
     */
    static LinkKind decode(String kind, Attribute data) {
        Attributes attrs = data == null ? Attributes.empty() : data.nested();
        return switch (kind) {
            case "vrf" -> {
                Attribute table = attrs.find(IFLA_VRF_TABLE);
                if (table == null || attrs.size() != 1 || table.rawType() != IFLA_VRF_TABLE || table.length() != 4
                        || table.u32() == 0) {
                    yield new Other(kind, raw(attrs));
                }
                yield new Vrf(table.u32());
            }
            case "veth" -> {
                if (attrs.isEmpty()) {
                    yield new Veth(null);
                }
                String peer = attrs.size() == 1 ? vethPeerName(attrs.list().getFirst()) : null;
                yield peer == null ? new Other(kind, raw(attrs)) : new Veth(peer);
            }
            case "bridge" -> {
                Integer stp = null;
                Boolean vlan = null;
                List<RawAttribute> other = new ArrayList<>();
                for (Attribute a : attrs) {
                    if (a.rawType() == IFLA_BR_STP_STATE && stp == null && a.length() == 4) {
                        stp = a.u32();
                    } else if (a.rawType() == IFLA_BR_VLAN_FILTERING && vlan == null && a.length() == 1 && a.u8() <= 1) {
                        vlan = a.u8() == 1;
                    } else {
                        other.add(RawAttribute.of(a));
                    }
                }
                yield new Bridge(stp, vlan, other);
            }
            case "dummy" -> attrs.isEmpty() ? new Dummy() : new Other(kind, raw(attrs));
            case "macvlan" -> {
                int mode = 0;
                List<RawAttribute> other = new ArrayList<>();
                for (Attribute a : attrs) {
                    if (a.rawType() == IFLA_MACVLAN_MODE && mode == 0 && a.length() == 4 && a.u32() != 0) {
                        mode = a.u32();
                    } else {
                        other.add(RawAttribute.of(a));
                    }
                }
                yield new Macvlan(mode, other);
            }
            default -> new Other(kind, raw(attrs));
        };
    }

    /**
     * The name in a {@code VETH_INFO_PEER} nest that holds nothing else, or
     * {@code null} when it holds more (which is then kept as raw bytes).
     */
    private static String vethPeerName(Attribute peer) {
        if (peer.rawType() != VETH_INFO_PEER || peer.length() < RtnetlinkUapi.IFINFOMSG_LEN) {
            return null;
        }
        for (byte b : Arrays.copyOf(peer.bytes(), RtnetlinkUapi.IFINFOMSG_LEN)) {
            if (b != 0) {
                return null;
            }
        }
        Attributes inner = Attributes.parse(peer.segment(), peer.valueOffset() + RtnetlinkUapi.IFINFOMSG_LEN,
                peer.length() - RtnetlinkUapi.IFINFOMSG_LEN);
        if (inner.size() != 1 || inner.list().getFirst().rawType() != IFLA_IFNAME) {
            return null;
        }
        String name = inner.list().getFirst().string();
        try {
            RtAttributes.checkName("veth peer", name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return name;
    }

    private static List<RawAttribute> raw(Attributes attrs) {
        List<RawAttribute> list = new ArrayList<>(attrs.size());
        for (Attribute a : attrs) {
            list.add(RawAttribute.of(a));
        }
        return list;
    }
}
