package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.nftables.ObjectDefinition;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code quota}: the rule goes on until {@code bytes} have been seen (or, with
 * {@code NFT_QUOTA_F_INV}, only after: {@code quota over}).
 *
 * @param bytes    the quota
 * @param consumed bytes used so far
 * @param flags    {@code NFT_QUOTA_F_*}
 */
public record Quota(long bytes, long consumed, int flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("quota", Quota::decode, Quota::parse);

    /**
     * Whether the quota matches once it is used up ({@code quota over}).
     *
     * @return whether it is inverted
     */
    public boolean inverted() {
        return (flags & NFT_QUOTA_F_INV) != 0;
    }

    @Override
    public String name() {
        return "quota";
    }

    @Override
    public void writeData(MessageWriter w) {
        // the stateful object of this type holds the same attributes
        new ObjectDefinition.Quota(bytes, consumed, flags).write(w);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("quota bytes ").append(Long.toUnsignedString(bytes))
                .append(" consumed ").append(Long.toUnsignedString(consumed))
                .append(" flags ").append(Integer.toUnsignedString(flags));
    }

    private static Quota decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_QUOTA_MAX);
        return new Quota(tb.require(NFTA_QUOTA_BYTES).u64Be(), tb.u64BeOr(NFTA_QUOTA_CONSUMED, 0),
                tb.u32BeOr(NFTA_QUOTA_FLAGS, 0));
    }

    private static Quota parse(DebugReader r) {
        r.expect("bytes");
        long bytes = r.nextLong();
        r.expect("consumed");
        long consumed = r.nextLong();
        r.expect("flags");
        return new Quota(bytes, consumed, DebugText.u32(r));
    }
}
