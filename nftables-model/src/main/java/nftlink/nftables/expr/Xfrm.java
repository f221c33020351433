package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code xfrm}: loads a property of the IPsec state the packet was received or
 * will be sent with into a register: {@code [ xfrm load in 0 reqid => reg 1 ]}.
 *
 * @param key       what to load
 * @param direction incoming or outgoing policy
 * @param spnum     which state of the security path (0 = the first)
 * @param dreg      the register
 */
public record Xfrm(Key key, Direction direction, int spnum, int dreg) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("xfrm", Xfrm::decode, Xfrm::parse);

    /** {@code enum nft_xfrm_keys}, with libnftnl's names and the register bytes each fills. */
    public enum Key implements LoadKey {
        /** {@code daddr} of an IPv4 security association. */
        DADDR_IP4("daddr4", NFT_XFRM_KEY_DADDR_IP4, 4),
        /** {@code daddr} of an IPv6 security association. */
        DADDR_IP6("daddr6", NFT_XFRM_KEY_DADDR_IP6, 16),
        /** {@code saddr} of an IPv4 security association. */
        SADDR_IP4("saddr4", NFT_XFRM_KEY_SADDR_IP4, 4),
        /** {@code saddr} of an IPv6 security association. */
        SADDR_IP6("saddr6", NFT_XFRM_KEY_SADDR_IP6, 16),
        /** {@code reqid}: the policy's request ID. */
        REQID("reqid", NFT_XFRM_KEY_REQID, 4),
        /** {@code spi}: the security parameter index. */
        SPI("spi", NFT_XFRM_KEY_SPI, 4);

        private final KernelName kernelName;

        Key(String text, int number, int length) {
            kernelName = new KernelName(text, number, length);
        }

        /** libnftnl's name, the kernel's number and the register bytes of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** {@code XFRM_POLICY_IN} or {@code XFRM_POLICY_OUT}, with libnftnl's names. */
    public enum Direction implements KernelEnum {
        /** {@code in}: the security path of a received packet. */
        IN("in"),
        /** {@code out}: the policy for a sent packet. */
        OUT("out");

        private final KernelName kernelName;

        Direction(String text) {
            kernelName = new KernelName(text, ordinal());
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the components: key and direction must not be null. */
    public Xfrm {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(direction, "direction");
    }

    @Override
    public String name() {
        return "xfrm";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_XFRM_DREG, dreg);
        w.attrU32Be(NFTA_XFRM_KEY, key.number());
        w.attrU8(NFTA_XFRM_DIR, direction.number());
        w.attrU32Be(NFTA_XFRM_SPNUM, spnum);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("xfrm load ").append(direction.text()).append(' ').append(Integer.toUnsignedString(spnum))
                .append(' ').append(key.text()).append(" => reg ").append(dreg);
    }

    private static Xfrm decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_XFRM_MAX);
        return new Xfrm(KernelEnum.byNumber(Key.class, tb.require(NFTA_XFRM_KEY).u32Be()),
                KernelEnum.byNumber(Direction.class, tb.require(NFTA_XFRM_DIR).u8()), tb.require(NFTA_XFRM_SPNUM).u32Be(),
                tb.require(NFTA_XFRM_DREG).u32Be());
    }

    private static Xfrm parse(DebugReader r) {
        r.expect("load");
        try {
            Direction direction = KernelEnum.byText(Direction.class, r.next());
            int spnum = DebugText.u32(r);
            Key key = KernelEnum.byText(Key.class, r.next());
            int dreg = r.loadInto(key.length());
            return new Xfrm(key, direction, spnum, dreg);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }
}
