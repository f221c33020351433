package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.NFTA_META_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_META_KEY;
import static nftlink.nftables.NfTablesUapi.NFTA_META_SREG;

/**
 * {@code meta}: loads packet metadata into a register ({@link Load}) or sets it
 * from a register ({@link Set}).
 */
public sealed interface Meta extends Expression {

    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("meta", Meta::decode, Meta::parse);

    /** {@code enum nft_meta_keys}, with libnftnl's names and the register bytes each fills. */
    enum Key implements KernelEnum {
        LEN("len", 4), PROTOCOL("protocol", 2), PRIORITY("priority", 4), MARK("mark", 4), IIF("iif", 4),
        OIF("oif", 4), IIFNAME("iifname", 16), OIFNAME("oifname", 16), IIFTYPE("iiftype", 2), OIFTYPE("oiftype", 2),
        SKUID("skuid", 4), SKGID("skgid", 4), NFTRACE("nftrace", 1), RTCLASSID("rtclassid", 4), SECMARK("secmark", 4),
        NFPROTO("nfproto", 1), L4PROTO("l4proto", 1), BRI_IIFNAME("bri_iifname", 16), BRI_OIFNAME("bri_oifname", 16),
        PKTTYPE("pkttype", 1), CPU("cpu", 4), IIFGROUP("iifgroup", 4), OIFGROUP("oifgroup", 4), CGROUP("cgroup", 4),
        PRANDOM("prandom", 4), SECPATH("secpath", 1), IIFKIND("iifkind", 16), OIFKIND("oifkind", 16),
        BRI_IIFPVID("bri_iifpvid", 2), BRI_IIFVPROTO("bri_iifvproto", 2), TIME_NS("time", 8), TIME_DAY("day", 1),
        TIME_HOUR("hour", 4), SDIF("sdif", 4), SDIFNAME("sdifname", 16), BRI_BROUTE("broute", 1);

        private final String text;
        private final int length;

        Key(String text, int length) {
            this.text = text;
            this.length = length;
        }

        /** The kernel's number ({@code NFT_META_*}). */
        public int number() {
            return ordinal();
        }

        /** libnftnl's name. */
        public String text() {
            return text;
        }

        /** How many register bytes a load fills. */
        public int length() {
            return length;
        }

        static Key of(int number) {
            return KernelEnum.byNumber(Key.class, number, "meta key");
        }

        static Key ofText(String text) {
            return KernelEnum.byText(Key.class, text, "meta key");
        }
    }

    /** {@code meta load KEY => reg DREG}. */
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

    /** {@code meta set KEY with reg SREG}. */
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
        Integer key = null;
        Integer dreg = null;
        Integer sreg = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_META_KEY -> key = a.u32Be();
                case NFTA_META_DREG -> dreg = a.u32Be();
                case NFTA_META_SREG -> sreg = a.u32Be();
                default -> throw Expressions.unexpected("meta", a);
            }
        }
        if (key == null || (dreg == null) == (sreg == null)) {
            throw Expressions.missing("meta", "key and exactly one of dreg/sreg");
        }
        return dreg != null ? new Load(Key.of(key), dreg) : new Set(Key.of(key), sreg);
    }

    private static Meta parse(DebugReader r) {
        boolean load = r.accept("load");
        if (!load) {
            r.expect("set");
        }
        Key key;
        String text = r.next();
        try {
            key = Key.ofText(text);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
        if (load) {
            r.expect("=>");
            int dreg = r.register();
            r.loaded(dreg, key.length());
            return new Load(key, dreg);
        }
        r.expect("with");
        return new Set(key, r.register());
    }
}
