package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code inner}: runs a {@link Payload.Load} or {@link Meta.Load} on the packet
 * carried inside a tunnel (vxlan, geneve, gre, gretap) instead of the outer one;
 * {@code tunnel header} offsets of the payload count from the tunnel's own header.
 *
 * @param type       the tunnel type ({@code NFT_INNER_VXLAN}, {@code NFT_INNER_GENEVE}, or nft's
 *                   numbers for gre and gretap); the kernel keeps it for the rule's listing
 * @param headerSize the size of the tunnel header skipped before the inner packet
 * @param flags      {@code NFT_INNER_*}: which inner headers to parse (and whether to skip
 *                   {@code headerSize})
 * @param expression the load run on the inner packet
 */
public record Inner(int type, int headerSize, int flags, Expression expression) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("inner", Inner::decode, Inner::parse);

    /** Checks the component: {@code expression} must not be null. */
    public Inner {
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String name() {
        return "inner";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_INNER_NUM, 0);
        w.attrU32Be(NFTA_INNER_TYPE, type);
        w.attrU32Be(NFTA_INNER_FLAGS, flags);
        w.attrU32Be(NFTA_INNER_HDRSIZE, headerSize);
        int nest = w.beginNested(NFTA_INNER_EXPR, false);
        Expressions.writeElementBody(w, expression);
        w.endNested(nest);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("inner type ").append(Integer.toUnsignedString(type)).append(" hdrsize ")
                .append(Integer.toUnsignedString(headerSize)).append(" flags ").append(Integer.toHexString(flags))
                .append(' ').append(expression.toDebugString());
    }

    private static Inner decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_INNER_MAX);
        if (tb.require(NFTA_INNER_NUM).u32Be() != 0) {
            throw new NetlinkDecodeException("inner: num other than 0");
        }
        return new Inner(tb.require(NFTA_INNER_TYPE).u32Be(), tb.require(NFTA_INNER_HDRSIZE).u32Be(),
                tb.require(NFTA_INNER_FLAGS).u32Be(), Expressions.decode(tb.require(NFTA_INNER_EXPR)));
    }

    private static Inner parse(DebugReader r) {
        r.expect("type");
        int type = DebugText.u32(r);
        r.expect("hdrsize");
        int size = DebugText.u32(r);
        r.expect("flags");
        int flags = DebugText.u32Hex(r);
        return new Inner(type, size, flags, r.nested());
    }
}
