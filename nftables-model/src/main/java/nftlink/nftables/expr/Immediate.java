package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.NFTA_IMMEDIATE_DATA;
import static nftlink.nftables.NfTablesUapi.NFTA_IMMEDIATE_DREG;
import static nftlink.nftables.NfTablesUapi.NFT_REG_VERDICT;
import static nftlink.nftables.NfTablesUapi.NFTA_IMMEDIATE_MAX;

/**
 * {@code immediate}: puts a constant into a register, or a verdict into the
 * verdict register (how rules {@code accept}, {@code drop}, {@code jump}, ...).
 *
 * @param dreg the register ({@code 0} for a verdict)
 * @param data the value or verdict
 */
public record Immediate(int dreg, NftData data) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("immediate", Immediate::decode, Immediate::parse);

    /** Checks the component: {@code data} must not be null. */
    public Immediate {
        Objects.requireNonNull(data, "data");
    }

    /**
     * A verdict into the verdict register.
     *
     * @param verdict the verdict
     * @return the expression
     */
    public static Immediate verdict(Verdict verdict) {
        return new Immediate(NFT_REG_VERDICT, NftData.of(verdict));
    }

    /**
     * A value into a register.
     *
     * @param dreg the destination register
     * @param value the value
     * @return the expression
     */
    public static Immediate value(int dreg, Bytes value) {
        return new Immediate(dreg, NftData.of(value));
    }

    @Override
    public String name() {
        return "immediate";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_IMMEDIATE_DREG, dreg);
        data.write(w, NFTA_IMMEDIATE_DATA);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("immediate reg ").append(dreg).append(' ');
        data.appendDebug(sb);
    }

    private static Immediate decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_IMMEDIATE_MAX);
        return new Immediate(tb.require(NFTA_IMMEDIATE_DREG).u32Be(), NftData.decode(tb.require(NFTA_IMMEDIATE_DATA)));
    }

    private static Immediate parse(DebugReader r) {
        int dreg = r.register();
        if (dreg == NFT_REG_VERDICT) {
            String keyword = r.next();
            try {
                int code = Verdict.codeOf(keyword);
                String chain = null;
                if (r.accept("->")) {
                    chain = r.next();
                }
                return verdict(new Verdict(code, chain));
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
        }
        Bytes value = r.words();
        r.loaded(dreg, value.length());
        return value(dreg, value);
    }
}
