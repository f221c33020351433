package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;
import java.util.Optional;

import static nftlink.nftables.NfTablesUapi.NFTA_CT_DIRECTION;
import static nftlink.nftables.NfTablesUapi.NFTA_CT_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_CT_KEY;
import static nftlink.nftables.NfTablesUapi.NFTA_CT_SREG;
import static nftlink.nftables.NfTablesUapi.NFTA_CT_MAX;

/**
 * {@code ct}: loads connection-tracking state into a register ({@link Load}) or
 * sets it from a register ({@link Set}), optionally for one direction of the
 * connection.
 */
public sealed interface Ct extends Expression {

    /** The {@code ct} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("ct", Ct::decode, Ct::parse);

    /**
     * {@code enum nft_ct_keys}, with libnftnl's names and the register bytes a load
     * fills. {@link #SRC} and {@link #DST} fill 4 or 16 bytes depending on the
     * table's family; the text form does not say which, so 4 is assumed for
     * register tracking (longer compared values are then taken whole).
     *
     * <p>{@link #ID} renders as {@code id}, as libnftnl 1.2.5 and later print it
     * (and the conformance corpus has it); libnftnl up to 1.2.4 prints
     * {@code unknown} for it by an off-by-one.
     */
    enum Key implements LoadKey {
        /** {@code ct state}: new, established, related, invalid or untracked bits. */
        STATE("state", 4),
        /** {@code ct direction}: original or reply. */
        DIRECTION("direction", 1),
        /** {@code ct status}: status bits such as {@code dnat} or {@code assured}. */
        STATUS("status", 4),
        /** {@code ct mark}: the connection mark. */
        MARK("mark", 4),
        /** {@code ct secmark}: the connection's security mark. */
        SECMARK("secmark", 4),
        /** {@code ct expiration}: the time left before the entry expires, in milliseconds. */
        EXPIRATION("expiration", 4),
        /** {@code ct helper}: the name of the helper assigned to the connection. */
        HELPER("helper", 16),
        /** {@code ct l3proto}: the network layer family of the connection. */
        L3PROTOCOL("l3protocol", 1),
        /** {@code ct saddr}: a tuple's source address (4 or 16 bytes by family). */
        SRC("src", 4),
        /** {@code ct daddr}: a tuple's destination address (4 or 16 bytes by family). */
        DST("dst", 4),
        /** {@code ct protocol}: the layer 4 protocol of the connection. */
        PROTOCOL("protocol", 1),
        /** {@code ct proto-src}: a tuple's source port. */
        PROTO_SRC("proto_src", 2),
        /** {@code ct proto-dst}: a tuple's destination port. */
        PROTO_DST("proto_dst", 2),
        /** {@code ct label}: the connection's 128 label bits. */
        LABELS("label", 16),
        /** {@code ct packets}: the packets counted for the connection (needs conntrack accounting). */
        PKTS("packets", 8),
        /** {@code ct bytes}: the bytes counted for the connection (needs conntrack accounting). */
        BYTES("bytes", 8),
        /** {@code ct avgpkt}: the average packet size of the connection. */
        AVGPKT("avgpkt", 8),
        /** {@code ct zone}: the conntrack zone. */
        ZONE("zone", 2),
        /** {@code ct event}: the conntrack events to report for the connection. */
        EVENTMASK("event", 4),
        /** {@code ct ip saddr}: a tuple's IPv4 source address. */
        SRC_IP("src_ip", 4),
        /** {@code ct ip daddr}: a tuple's IPv4 destination address. */
        DST_IP("dst_ip", 4),
        /** {@code ct ip6 saddr}: a tuple's IPv6 source address. */
        SRC_IP6("src_ip6", 16),
        /** {@code ct ip6 daddr}: a tuple's IPv6 destination address. */
        DST_IP6("dst_ip6", 16),
        /** {@code ct id}: the connection's ID. */
        ID("id", 4);

        private final KernelName kernelName;

        Key(String text, int length) {
            kernelName = new KernelName(text, ordinal(), length);
        }

        /** libnftnl's name, the kernel's number and the register bytes of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** {@code enum ip_conntrack_dir}: which tuple of the connection. */
    enum Direction implements KernelEnum {
        /** The original tuple: from the connection's initiator. */
        ORIGINAL("original"),
        /** The reply tuple: towards the initiator. */
        REPLY("reply");

        private final KernelName kernelName;

        Direction(String text) {
            kernelName = new KernelName(text, ordinal());
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }

        /**
         * The direction nft names {@code text} ({@code original}, {@code reply}); empty for another word.
         *
         * @param text the word
         * @return the direction, or empty
         */
        public static Optional<Direction> named(String text) {
            for (Direction d : values()) {
                if (d.text().equals(text)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * {@code ct load KEY => reg DREG [, dir DIR]}.
     *
     * @param direction the tuple for per-direction keys, or {@code null} when the
     *                  attribute is absent
     * @param key the conntrack key to load
     * @param dreg the destination register
     */
    record Load(Key key, int dreg, Direction direction) implements Ct {
        /** Checks the component: {@code key} must not be null. */
        public Load {
            Objects.requireNonNull(key, "key");
        }

        /**
         * A load without direction.
         *
         * @param key the conntrack key to load
         * @param dreg the destination register
         */
        public Load(Key key, int dreg) {
            this(key, dreg, null);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_CT_DREG, dreg);
            w.attrU32Be(NFTA_CT_KEY, key.number());
            if (direction != null) {
                w.attrU8(NFTA_CT_DIRECTION, direction.number());
            }
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("ct load ").append(key.text()).append(" => reg ").append(dreg);
            appendDirection(sb, direction);
        }
    }

    /**
     * {@code ct set KEY with reg SREG [, dir DIR]} (the kernel keeps a direction
     * only for {@code zone}).
     *
     * @param direction the tuple, or {@code null} when the attribute is absent
     * @param key the conntrack key to set
     * @param sreg the source register
     */
    record Set(Key key, int sreg, Direction direction) implements Ct {
        /** Checks the component: {@code key} must not be null. */
        public Set {
            Objects.requireNonNull(key, "key");
        }

        /**
         * A set without direction.
         *
         * @param key the conntrack key to set
         * @param sreg the source register
         */
        public Set(Key key, int sreg) {
            this(key, sreg, null);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_CT_SREG, sreg);
            w.attrU32Be(NFTA_CT_KEY, key.number());
            if (direction != null) {
                w.attrU8(NFTA_CT_DIRECTION, direction.number());
            }
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("ct set ").append(key.text()).append(" with reg ").append(sreg);
            appendDirection(sb, direction);
        }
    }

    @Override
    default String name() {
        return "ct";
    }

    private static void appendDirection(StringBuilder sb, Direction direction) {
        if (direction != null) {
            sb.append(" , dir ").append(direction.text());
        }
    }

    private static Ct decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_CT_MAX);
        Key key = KernelEnum.byNumber(Key.class, tb.require(NFTA_CT_KEY).u32Be());
        Integer number = tb.u8(NFTA_CT_DIRECTION);
        Direction direction = number == null ? null : KernelEnum.byNumber(Direction.class, number);
        if (tb.has(NFTA_CT_DREG) == tb.has(NFTA_CT_SREG)) {
            throw Expressions.missing("ct", "exactly one of dreg/sreg");
        }
        return tb.has(NFTA_CT_DREG) ? new Load(key, tb.require(NFTA_CT_DREG).u32Be(), direction)
                : new Set(key, tb.require(NFTA_CT_SREG).u32Be(), direction);
    }

    private static Ct parse(DebugReader r) {
        boolean load = r.accept("load");
        if (!load) {
            r.expect("set");
        }
        Key key = r.constant(Key.class);
        int reg;
        if (load) {
            r.expect("=>");
            reg = r.register();
        } else {
            r.expect("with");
            reg = r.register();
        }
        Direction direction = null;
        if (r.accept(",")) {
            r.expect("dir");
            direction = r.constant(Direction.class);
        }
        if (load) {
            r.loaded(reg, key.length());
            return new Load(key, reg, direction);
        }
        return new Set(key, reg, direction);
    }
}
