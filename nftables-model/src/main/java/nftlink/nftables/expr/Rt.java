package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.NFTA_RT_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_RT_KEY;
import static nftlink.nftables.NfTablesUapi.NFTA_RT_MAX;

/**
 * {@code rt}: loads routing data of the packet's route into a register, e.g.
 * {@code [ rt load nexthop4 => reg 1 ]}.
 *
 * @param key  what to load
 * @param dreg the register
 */
public record Rt(Key key, int dreg) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("rt", Rt::decode, Rt::parse);

    /** {@code enum nft_rt_keys}, with libnftnl's names and the register bytes each fills. */
    public enum Key implements LoadKey {
        /** {@code rt classid}: the routing realm. */
        CLASSID("classid", 4),
        /** {@code rt ip nexthop}: the IPv4 next hop of the route. */
        NEXTHOP4("nexthop4", 4),
        /** {@code rt ip6 nexthop}: the IPv6 next hop of the route. */
        NEXTHOP6("nexthop6", 16),
        /** {@code rt mtu}: the TCP maximum segment size the route's MTU allows. */
        TCPMSS("tcpmss", 2),
        /** {@code rt ipsec}: whether the route goes through IPsec. */
        XFRM("ipsec", 1);

        private final KernelName kernelName;

        Key(String text, int length) {
            kernelName = new KernelName(text, ordinal(), length);
        }

        /** libnftnl's name, the kernel's number and the register bytes of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the component: {@code key} must not be null. */
    public Rt {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String name() {
        return "rt";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_RT_KEY, key.number());
        w.attrU32Be(NFTA_RT_DREG, dreg);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("rt load ").append(key.text()).append(" => reg ").append(dreg);
    }

    private static Rt decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_RT_MAX);
        return new Rt(KernelEnum.byNumber(Key.class, tb.require(NFTA_RT_KEY).u32Be()), tb.require(NFTA_RT_DREG).u32Be());
    }

    private static Rt parse(DebugReader r) {
        r.expect("load");
        Key key = r.constant(Key.class);
        int dreg = r.loadInto(key.length());
        return new Rt(key, dreg);
    }
}
