package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code last}: records when the rule last matched. Each part is {@code null} when
 * absent; the kernel always lists both.
 *
 * @param set   1 once the rule has matched, 0 before
 * @param msecs milliseconds since it last matched
 */
public record Last(Integer set, Long msecs) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("last", Last::decode, Last::parse);

    /**
     * A {@code last} that has never matched, as nft adds it.
     *
     * @return the expression
     */
    public static Last never() {
        return new Last(null, null);
    }

    @Override
    public String name() {
        return "last";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (set != null) {
            w.attrU32Be(NFTA_LAST_SET, set);
        }
        if (msecs != null) {
            w.attrU64Be(NFTA_LAST_MSECS, msecs);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("last ");
        if (set == null || set == 0) {
            sb.append("never");
        } else {
            sb.append(Long.toUnsignedString(msecs == null ? 0 : msecs));
        }
    }

    private static Last decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_LAST_MAX);
        return new Last(tb.u32Be(NFTA_LAST_SET), tb.u64Be(NFTA_LAST_MSECS));
    }

    private static Last parse(DebugReader r) {
        if (r.accept("never")) {
            return never();
        }
        return new Last(1, r.nextLong());
    }
}
