package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code byteorder}: converts {@code length} bytes of a register between host and
 * network byte order in units of {@code size} bytes:
 * {@code [ byteorder reg 1 = hton(reg 1, 4, 4) ]} (the text gives size, then length).
 *
 * @param op     which way
 * @param sreg   the register read
 * @param dreg   the register written
 * @param length how many bytes
 * @param size   the unit: 2, 4 or 8 bytes
 * @param sizeFirst whether {@code NFTA_BYTEORDER_SIZE} comes before {@code NFTA_BYTEORDER_LEN}:
 *                  kernels that no longer convert several registers at once list them in
 *                  that order (with length = size); older ones, and nft, the other way round
 */
public record Byteorder(Op op, int sreg, int dreg, int length, int size, boolean sizeFirst) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("byteorder", Byteorder::decode, Byteorder::parse);

    /** {@code enum nft_byteorder_ops}, with libnftnl's names. */
    public enum Op implements KernelEnum {
        /** {@code ntoh}: network to host byte order. */
        NTOH("ntoh", NFT_BYTEORDER_NTOH),
        /** {@code hton}: host to network byte order. */
        HTON("hton", NFT_BYTEORDER_HTON);

        private final KernelName kernelName;

        Op(String text, int number) {
            kernelName = new KernelName(text, number);
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the component: {@code op} must not be null. */
    public Byteorder {
        Objects.requireNonNull(op, "op");
    }

    /**
     * A conversion with the attributes in the order nft sends them (length, then size).
     *
     * @param op the conversion
     * @param sreg the source register
     * @param dreg the destination register
     * @param length the number of bytes converted
     * @param size the size of each converted word: 2, 4 or 8
     */
    public Byteorder(Op op, int sreg, int dreg, int length, int size) {
        this(op, sreg, dreg, length, size, false);
    }

    @Override
    public String name() {
        return "byteorder";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_BYTEORDER_SREG, sreg);
        w.attrU32Be(NFTA_BYTEORDER_DREG, dreg);
        w.attrU32Be(NFTA_BYTEORDER_OP, op.number());
        if (sizeFirst) {
            w.attrU32Be(NFTA_BYTEORDER_SIZE, size);
            w.attrU32Be(NFTA_BYTEORDER_LEN, length);
        } else {
            w.attrU32Be(NFTA_BYTEORDER_LEN, length);
            w.attrU32Be(NFTA_BYTEORDER_SIZE, size);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("byteorder reg ").append(dreg).append(" = ").append(op.text()).append("(reg ").append(sreg)
                .append(", ").append(Integer.toUnsignedString(size)).append(", ")
                .append(Integer.toUnsignedString(length)).append(')');
    }

    private static Byteorder decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_BYTEORDER_MAX);
        return new Byteorder(KernelEnum.byNumber(Op.class, tb.require(NFTA_BYTEORDER_OP).u32Be()),
                tb.require(NFTA_BYTEORDER_SREG).u32Be(), tb.require(NFTA_BYTEORDER_DREG).u32Be(),
                tb.require(NFTA_BYTEORDER_LEN).u32Be(), tb.require(NFTA_BYTEORDER_SIZE).u32Be(), sizeFirst(attributes));
    }

    /** Whether {@code NFTA_BYTEORDER_SIZE} comes before {@code NFTA_BYTEORDER_LEN}. */
    private static boolean sizeFirst(Attributes attributes) {
        for (Attribute a : attributes) {
            if (a.type() == NFTA_BYTEORDER_LEN || a.type() == NFTA_BYTEORDER_SIZE) {
                return a.type() == NFTA_BYTEORDER_SIZE;
            }
        }
        return false;
    }

    private static Byteorder parse(DebugReader r) {
        int dreg = r.register();
        r.expect("=");
        String call = r.next();
        if (!call.endsWith("(reg")) {
            throw r.error("expected hton(reg or ntoh(reg but found '" + call + "'");
        }
        Op op = r.constant(Op.class, call.substring(0, call.length() - 4));
        int sreg = DebugText.u32Before(r, ",");
        int size = DebugText.u32Before(r, ",");
        int length = DebugText.u32Before(r, ")");
        r.loaded(dreg, length);
        return new Byteorder(op, sreg, dreg, length, size);
    }
}
