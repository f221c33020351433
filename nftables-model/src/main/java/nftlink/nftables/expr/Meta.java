package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.NFTA_META_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_META_KEY;
import static nftlink.nftables.NfTablesUapi.NFTA_META_SREG;
import static nftlink.nftables.NfTablesUapi.NFTA_META_MAX;

/**
 * {@code meta}: loads packet metadata into a register ({@link Load}) or sets it
 * from a register ({@link Set}).
 */
public sealed interface Meta extends Expression {

    /** The {@code meta} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("meta", Meta::decode, Meta::parse);

    /** {@code enum nft_meta_keys}, with libnftnl's names and the register bytes each fills. */
    enum Key implements LoadKey {
        /** {@code meta length}: the packet's length in bytes. */
        LEN("len", 4),
        /** {@code meta protocol}: the EtherType of the packet ({@code skb->protocol}, network order). */
        PROTOCOL("protocol", 2),
        /** {@code meta priority}: the traffic control priority, {@code major:minor}. */
        PRIORITY("priority", 4),
        /** {@code meta mark}: the packet mark. */
        MARK("mark", 4),
        /** {@code meta iif}: the input interface index. */
        IIF("iif", 4),
        /** {@code meta oif}: the output interface index. */
        OIF("oif", 4),
        /** {@code meta iifname}: the input interface name. */
        IIFNAME("iifname", 16),
        /** {@code meta oifname}: the output interface name. */
        OIFNAME("oifname", 16),
        /** {@code meta iiftype}: the input interface's hardware type ({@code ARPHRD_*}). */
        IIFTYPE("iiftype", 2),
        /** {@code meta oiftype}: the output interface's hardware type ({@code ARPHRD_*}). */
        OIFTYPE("oiftype", 2),
        /** {@code meta skuid}: the user ID of the sending socket's owner. */
        SKUID("skuid", 4),
        /** {@code meta skgid}: the group ID of the sending socket's owner. */
        SKGID("skgid", 4),
        /** {@code meta nftrace}: whether rule tracing is on for the packet. */
        NFTRACE("nftrace", 1),
        /** {@code meta rtclassid}: the routing realm. */
        RTCLASSID("rtclassid", 4),
        /** {@code meta secmark}: the security mark. */
        SECMARK("secmark", 4),
        /** {@code meta nfproto}: the family of the hook ({@code ipv4} or {@code ipv6} in inet tables). */
        NFPROTO("nfproto", 1),
        /** {@code meta l4proto}: the layer 4 protocol, after IPv6 extension headers. */
        L4PROTO("l4proto", 1),
        /** {@code meta ibrname}: the name of the input bridge. */
        BRI_IIFNAME("bri_iifname", 16),
        /** {@code meta obrname}: the name of the output bridge. */
        BRI_OIFNAME("bri_oifname", 16),
        /** {@code meta pkttype}: host, broadcast, multicast or other. */
        PKTTYPE("pkttype", 1),
        /** {@code meta cpu}: the CPU handling the packet. */
        CPU("cpu", 4),
        /** {@code meta iifgroup}: the input interface's device group. */
        IIFGROUP("iifgroup", 4),
        /** {@code meta oifgroup}: the output interface's device group. */
        OIFGROUP("oifgroup", 4),
        /** {@code meta cgroup}: the net_cls class ID of the socket's cgroup (cgroup v1). */
        CGROUP("cgroup", 4),
        /** {@code meta random}: a pseudo-random number. */
        PRANDOM("prandom", 4),
        /** {@code meta ipsec}: whether the packet went through IPsec (has a security path). */
        SECPATH("secpath", 1),
        /** {@code meta iifkind}: the input interface's kind ({@code vrf}, {@code veth}, ...). */
        IIFKIND("iifkind", 16),
        /** {@code meta oifkind}: the output interface's kind. */
        OIFKIND("oifkind", 16),
        /** {@code meta ibrpvid}: the port VLAN ID of the input bridge port. */
        BRI_IIFPVID("bri_iifpvid", 2),
        /** {@code meta ibrvproto}: the VLAN protocol of the input bridge. */
        BRI_IIFVPROTO("bri_iifvproto", 2),
        /** {@code meta time}: the time in nanoseconds since the epoch. */
        TIME_NS("time", 8),
        /** {@code meta day}: the day of the week, 0 for Sunday. */
        TIME_DAY("day", 1),
        /** {@code meta hour}: the seconds since midnight UTC. */
        TIME_HOUR("hour", 4),
        /** {@code meta sdif}: the index of the VRF port the packet came in through (the slave device). */
        SDIF("sdif", 4),
        /** {@code meta sdifname}: the name of the VRF port the packet came in through. */
        SDIFNAME("sdifname", 16),
        /** {@code meta broute}: set to route a bridged packet instead (the broute table's verdict). */
        BRI_BROUTE("broute", 1);

        private final KernelName kernelName;

        Key(String text, int length) {
            kernelName = new KernelName(text, ordinal(), length);
        }

        /** libnftnl's name, the kernel's number and the register bytes of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /**
     * {@code meta load KEY => reg DREG}.
     *
     * @param key the metadata to load
     * @param dreg the destination register
     */
    record Load(Key key, int dreg) implements Meta {
        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_META_KEY, key.number());
            w.attrU32Be(NFTA_META_DREG, dreg);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("meta load ").append(key.text()).append(" => reg ").append(dreg);
        }
    }

    /**
     * {@code meta set KEY with reg SREG}.
     *
     * @param key the metadata to set
     * @param sreg the source register
     */
    record Set(Key key, int sreg) implements Meta {
        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_META_KEY, key.number());
            w.attrU32Be(NFTA_META_SREG, sreg);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("meta set ").append(key.text()).append(" with reg ").append(sreg);
        }
    }

    @Override
    default String name() {
        return "meta";
    }

    private static Meta decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_META_MAX);
        Key key = KernelEnum.byNumber(Key.class, tb.require(NFTA_META_KEY).u32Be());
        if (tb.has(NFTA_META_DREG) == tb.has(NFTA_META_SREG)) {
            throw Expressions.missing("meta", "exactly one of dreg/sreg");
        }
        return tb.has(NFTA_META_DREG) ? new Load(key, tb.require(NFTA_META_DREG).u32Be())
                : new Set(key, tb.require(NFTA_META_SREG).u32Be());
    }

    private static Meta parse(DebugReader r) {
        boolean load = r.accept("load");
        if (!load) {
            r.expect("set");
        }
        Key key = r.constant(Key.class);
        if (load) {
            int dreg = r.loadInto(key.length());
            return new Load(key, dreg);
        }
        r.expect("with");
        return new Set(key, r.register());
    }
}
