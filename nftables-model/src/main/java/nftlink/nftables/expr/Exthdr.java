package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code exthdr}: loads bytes of an IPv6 extension header, a TCP or IPv4 option, an
 * SCTP chunk or a DCCP option into a register, or only whether it is present
 * ({@link Load}); writes a register into a TCP option ({@link Write}); removes a
 * TCP option ({@link Reset}).
 *
 * <p>The kernel lists a write with {@code NFTA_EXTHDR_FLAGS} and a reset with zero
 * {@code OFFSET}, {@code LEN} and {@code FLAGS}, attributes it refuses when a rule
 * is added; those decode into the listed form ({@link Write#flags()} not null,
 * {@link Reset#listed()}) so they re-encode to the very same bytes, and
 * {@link #asRequest()} gives the form to add again.
 */
public sealed interface Exthdr extends Expression {

    /** The {@code exthdr} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("exthdr", Exthdr::decode, Exthdr::parse);

    /**
     * {@code enum nft_exthdr_op}: where {@code type} is looked for. libnftnl names
     * only ipv6, tcpopt and ipv4; sctp and dccp print no name, so text without one
     * parses as {@link #SCTP}: their text is empty.
     */
    enum Op implements KernelEnum {
        /** IPv6 extension headers ({@code exthdr}). */
        IPV6("ipv6"),
        /** TCP options ({@code tcp option}). */
        TCPOPT("tcpopt"),
        /** IPv4 options ({@code ip option}). */
        IPV4("ipv4"),
        /** SCTP chunks ({@code sctp chunk}). */
        SCTP(""),
        /** DCCP options ({@code dccp option}). */
        DCCP("");

        private final KernelName kernelName;

        Op(String text) {
            kernelName = new KernelName(text, ordinal());
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }

        void append(StringBuilder sb) {
            if (!text().isEmpty()) {
                sb.append(' ').append(text());
            }
        }
    }

    /**
     * {@code exthdr load [OP] LEN b @ TYPE + OFFSET [present] => reg DREG}.
     *
     * @param type    the extension header, option or chunk type
     * @param offset  where to start inside it
     * @param length  how many bytes
     * @param present load only whether it exists ({@code NFT_EXTHDR_F_PRESENT}: one byte, 0 or 1)
     * @param op which kind of header or option
     * @param dreg the destination register
     */
    record Load(Op op, int type, int offset, int length, boolean present, int dreg) implements Exthdr {
        /** Checks the components: {@code op} not null and a type from 0 to 255. */
        public Load {
            Objects.requireNonNull(op, "op");
            checkType(type);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_EXTHDR_DREG, dreg);
            writeCommon(w, op, type, offset, length, present ? NFT_EXTHDR_F_PRESENT : 0);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("exthdr load");
            op.append(sb);
            sb.append(' ').append(length).append("b @ ").append(type).append(" + ").append(offset)
                    .append(present ? " present" : "").append(" => reg ").append(dreg);
        }

        @Override
        public Exthdr asRequest() {
            return this;
        }
    }

    /**
     * {@code exthdr write [OP] reg SREG => LEN b @ TYPE + OFFSET}: overwrites option
     * bytes (the kernel supports TCP options), fixing the checksum.
     *
     * @param flags {@code NFTA_EXTHDR_FLAGS} as the kernel lists it (0), or {@code null}
     *              when absent, as a rule must be added
     * @param op which kind of header or option
     * @param type the option type
     * @param offset where to start writing in the option, in bytes
     * @param length how many bytes to write
     * @param sreg the source register
     */
    record Write(Op op, int type, int offset, int length, int sreg, Integer flags) implements Exthdr {
        /** Checks the components: {@code op} not null and a type from 0 to 255. */
        public Write {
            Objects.requireNonNull(op, "op");
            checkType(type);
        }

        /**
         * A write as a rule is added (without flags).
         *
         * @param op which kind of header or option
         * @param type the option type
         * @param offset where to start writing in the option, in bytes
         * @param length how many bytes to write
         * @param sreg the source register
         */
        public Write(Op op, int type, int offset, int length, int sreg) {
            this(op, type, offset, length, sreg, null);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_EXTHDR_SREG, sreg);
            writeCommon(w, op, type, offset, length, flags);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("exthdr write");
            op.append(sb);
            sb.append(" reg ").append(sreg).append(" => ").append(length).append("b @ ").append(type)
                    .append(" + ").append(offset);
        }

        @Override
        public Exthdr asRequest() {
            return flags == null ? this : new Write(op, type, offset, length, sreg);
        }
    }

    /**
     * {@code exthdr reset tcpopt TYPE}: removes TCP option {@code type} (overwrites it
     * with NOPs).
     *
     * @param listed whether the kernel's listing attributes (zero offset, length and
     *               flags) are present
     * @param type the TCP option kind
     */
    record Reset(int type, boolean listed) implements Exthdr {
        /** Checks the component: a type from 0 to 255. */
        public Reset {
            checkType(type);
        }

        /**
         * A reset as a rule is added.
         *
         * @param type the TCP option kind
         */
        public Reset(int type) {
            this(type, false);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU8(NFTA_EXTHDR_TYPE, type);
            if (listed) {
                w.attrU32Be(NFTA_EXTHDR_OFFSET, 0);
                w.attrU32Be(NFTA_EXTHDR_LEN, 0);
                w.attrU32Be(NFTA_EXTHDR_FLAGS, 0);
            }
            w.attrU32Be(NFTA_EXTHDR_OP, NFT_EXTHDR_OP_TCPOPT);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("exthdr reset tcpopt ").append(type);
        }

        @Override
        public Exthdr asRequest() {
            return listed ? new Reset(type) : this;
        }
    }

    @Override
    default String name() {
        return "exthdr";
    }

    /**
     * This expression as a rule must be added: without the attributes the kernel
     * lists but refuses on input (see the class comment).
     *
     * @return the expression without listing-only attributes
     */
    Exthdr asRequest();

    /**
     * What a load and a write list after their register, as the kernel's
     * {@code nft_exthdr_dump_common}: type, offset, length, flags (unless {@code null}) and op.
     */
    private static void writeCommon(MessageWriter w, Op op, int type, int offset, int length, Integer flags) {
        w.attrU8(NFTA_EXTHDR_TYPE, type);
        w.attrU32Be(NFTA_EXTHDR_OFFSET, offset);
        w.attrU32Be(NFTA_EXTHDR_LEN, length);
        if (flags != null) {
            w.attrU32Be(NFTA_EXTHDR_FLAGS, flags);
        }
        w.attrU32Be(NFTA_EXTHDR_OP, op.number());
    }

    private static void checkType(int type) {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("exthdr type is one byte: " + type);
        }
    }

    private static Exthdr decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_EXTHDR_MAX);
        int type = tb.require(NFTA_EXTHDR_TYPE).u8();
        int op = tb.require(NFTA_EXTHDR_OP).u32Be();
        Integer offset = tb.u32Be(NFTA_EXTHDR_OFFSET);
        Integer length = tb.u32Be(NFTA_EXTHDR_LEN);
        Integer flags = tb.u32Be(NFTA_EXTHDR_FLAGS);
        if (tb.has(NFTA_EXTHDR_DREG) && tb.has(NFTA_EXTHDR_SREG)) {
            throw new NetlinkDecodeException("exthdr: both dreg and sreg");
        }
        if (tb.has(NFTA_EXTHDR_DREG)) {
            if (offset == null || length == null || flags == null) {
                throw Expressions.missing("exthdr", "offset, len and flags of a load");
            }
            if ((flags & ~NFT_EXTHDR_F_PRESENT) != 0) {
                throw new NetlinkDecodeException("exthdr: unknown flags 0x" + Integer.toHexString(flags));
            }
            return new Load(KernelEnum.byNumber(Op.class, op), type, offset, length, flags != 0,
                    tb.require(NFTA_EXTHDR_DREG).u32Be());
        }
        if (tb.has(NFTA_EXTHDR_SREG)) {
            if (offset == null || length == null) {
                throw Expressions.missing("exthdr", "offset and len of a write");
            }
            return new Write(KernelEnum.byNumber(Op.class, op), type, offset, length, tb.require(NFTA_EXTHDR_SREG).u32Be(),
                    flags);
        }
        if (op != NFT_EXTHDR_OP_TCPOPT) {
            throw new NetlinkDecodeException("exthdr: neither load, write nor tcp option reset");
        }
        boolean listed = offset != null;
        if (listed ? !(offset == 0 && Integer.valueOf(0).equals(length) && Integer.valueOf(0).equals(flags))
                : length != null || flags != null) {
            throw new NetlinkDecodeException("exthdr: a tcp option reset with offset, len or flags");
        }
        return new Reset(type, listed);
    }

    private static Exthdr parse(DebugReader r) {
        String kind = r.next();
        switch (kind) {
            case "load" -> {
                Op op = op(r);
                int length = r.byteLength();
                r.expect("@");
                int type = r.nextInt();
                r.expect("+");
                int offset = r.nextInt();
                boolean present = r.accept("present");
                int dreg = r.loadInto(present ? 1 : length);
                return new Load(op, checkedType(r, type), offset, length, present, dreg);
            }
            case "write" -> {
                Op op = op(r);
                int sreg = r.register();
                r.expect("=>");
                int length = r.byteLength();
                r.expect("@");
                int type = r.nextInt();
                r.expect("+");
                int offset = r.nextInt();
                return new Write(op, checkedType(r, type), offset, length, sreg);
            }
            case "reset" -> {
                r.expect("tcpopt");
                return new Reset(checkedType(r, r.nextInt()));
            }
            default -> throw r.error("expected load, write or reset but found '" + kind + "'");
        }
    }

    private static int checkedType(DebugReader r, int type) {
        if (type < 0 || type > 0xff) {
            throw r.error("exthdr type is one byte: " + type);
        }
        return type;
    }

    private static Op op(DebugReader r) {
        for (Op op : Op.values()) {
            if (!op.text().isEmpty() && r.accept(op.text())) {
                return op;
            }
        }
        return Op.SCTP;
    }
}
