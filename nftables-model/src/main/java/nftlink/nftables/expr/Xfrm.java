package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
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
    public enum Key implements KernelEnum {
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

        private final String text;
        private final int number;
        private final int length;

        Key(String text, int number, int length) {
            this.text = text;
            this.number = number;
            this.length = length;
        }

        /** The kernel's number ({@code NFT_XFRM_KEY_*}). */
        public int number() {
            return number;
        }

        /** libnftnl's name. */
        public String text() {
            return text;
        }

        /**
         * How many register bytes a load fills.
         *
         * @return the length in bytes
         */
        public int length() {
            return length;
        }

        static Key of(int number) {
            return KernelEnum.byNumber(Key.class, number, "xfrm key");
        }

        static Key ofText(String text) {
            return KernelEnum.byText(Key.class, text, "xfrm key");
        }
    }

    /** {@code XFRM_POLICY_IN} or {@code XFRM_POLICY_OUT}, with libnftnl's names. */
    public enum Direction {
        /** {@code in}: the security path of a received packet. */
        IN("in"),
        /** {@code out}: the policy for a sent packet. */
        OUT("out");

        private final String text;

        Direction(String text) {
            this.text = text;
        }

        /**
         * The kernel's number.
         *
         * @return the number
         */
        public int number() {
            return ordinal();
        }

        /**
         * libnftnl's name.
         *
         * @return the name
         */
        public String text() {
            return text;
        }

        static Direction of(int number) {
            if (number < 0 || number >= values().length) {
                throw new IllegalArgumentException("unknown xfrm direction " + number);
            }
            return values()[number];
        }

        static Direction ofText(String text) {
            for (Direction d : values()) {
                if (d.text.equals(text)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown xfrm direction " + text);
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
        Integer dreg = null;
        Integer key = null;
        Integer dir = null;
        Integer spnum = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_XFRM_DREG -> dreg = a.u32Be();
                case NFTA_XFRM_KEY -> key = a.u32Be();
                case NFTA_XFRM_DIR -> dir = a.u8();
                case NFTA_XFRM_SPNUM -> spnum = a.u32Be();
                default -> throw Expressions.unexpected("xfrm", a);
            }
        }
        if (dreg == null || key == null || dir == null || spnum == null) {
            throw Expressions.missing("xfrm", "dreg, key, dir and spnum");
        }
        return new Xfrm(Key.of(key), Direction.of(dir), spnum, dreg);
    }

    private static Xfrm parse(DebugReader r) {
        r.expect("load");
        try {
            Direction direction = Direction.ofText(r.next());
            int spnum = (int) Numgen.u32(r);
            Key key = Key.ofText(r.next());
            r.expect("=>");
            int dreg = r.register();
            r.loaded(dreg, key.length());
            return new Xfrm(key, direction, spnum, dreg);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }
}
