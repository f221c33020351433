package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code cmp}: compares a register with a constant and breaks the rule when the
 * comparison is false.
 *
 * @param op   the comparison
 * @param sreg the register compared
 * @param data the constant, as many bytes as are compared
 */
public record Cmp(Op op, int sreg, Bytes data) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("cmp", Cmp::decode, Cmp::parse);

    /** {@code enum nft_cmp_ops}. */
    public enum Op implements KernelEnum {
        /** Equal ({@code NFT_CMP_EQ}). */
        EQ("eq"),
        /** Not equal ({@code NFT_CMP_NEQ}). */
        NEQ("neq"),
        /** Less than ({@code NFT_CMP_LT}). */
        LT("lt"),
        /** Less than or equal ({@code NFT_CMP_LTE}). */
        LTE("lte"),
        /** Greater than ({@code NFT_CMP_GT}). */
        GT("gt"),
        /** Greater than or equal ({@code NFT_CMP_GTE}). */
        GTE("gte");

        private final KernelName kernelName;

        Op(String text) {
            kernelName = new KernelName(text, ordinal());
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the components: neither may be null. */
    public Cmp {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String name() {
        return "cmp";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_CMP_SREG, sreg);
        w.attrU32Be(NFTA_CMP_OP, op.number());
        NftData.writeValue(w, NFTA_CMP_DATA, data);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("cmp ").append(op.text()).append(" reg ").append(sreg).append(' ');
        data.appendWords(sb, true);
    }

    private static Cmp decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_CMP_MAX);
        return new Cmp(KernelEnum.byNumber(Op.class, tb.require(NFTA_CMP_OP).u32Be()), tb.require(NFTA_CMP_SREG).u32Be(),
                NftData.decodeValue(tb.require(NFTA_CMP_DATA)));
    }

    private static Cmp parse(DebugReader r) {
        Op op = r.constant(Op.class);
        int sreg = r.register();
        return new Cmp(op, sreg, r.compared(r.registerLength(sreg)));
    }
}
