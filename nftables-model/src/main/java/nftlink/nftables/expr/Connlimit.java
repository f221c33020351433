package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code connlimit}: the rule goes on while fewer than {@code count} connections
 * are tracked (or, with {@code NFT_CONNLIMIT_F_INV}, more: {@code ct count over}).
 *
 * @param count the connection count
 * @param flags {@code NFT_CONNLIMIT_F_*}, or {@code null} when absent (the kernel lists them
 *              only when not zero; libnftnl then prints 0)
 */
public record Connlimit(int count, Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("connlimit", Connlimit::decode, Connlimit::parse);

    @Override
    public String name() {
        return "connlimit";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_CONNLIMIT_COUNT, count);
        if (flags != null) {
            w.attrU32Be(NFTA_CONNLIMIT_FLAGS, flags);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("connlimit count ").append(Integer.toUnsignedString(count))
                .append(" flags ").append(Integer.toHexString(flags == null ? 0 : flags));
    }

    private static Connlimit decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_CONNLIMIT_MAX);
        return new Connlimit(tb.require(NFTA_CONNLIMIT_COUNT).u32Be(), tb.u32Be(NFTA_CONNLIMIT_FLAGS));
    }

    private static Connlimit parse(DebugReader r) {
        r.expect("count");
        int count = DebugText.u32(r);
        r.expect("flags");
        return new Connlimit(count, DebugText.u32Hex(r));
    }
}
