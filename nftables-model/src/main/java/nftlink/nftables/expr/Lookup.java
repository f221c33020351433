package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code lookup}: looks a register up in a set (the rule goes on when found, or
 * when not found with {@code NFT_LOOKUP_F_INV}); for maps the mapped data lands
 * in {@code dreg} (-1: none), for verdict maps in the verdict register.
 *
 * @param set   the set name ({@code __set%d} for an anonymous set added in the same transaction)
 * @param setId the transaction-local ID of a set added in the same batch, or 0
 * @param sreg  the register holding the key
 * @param dreg  the register for map data, or -1
 * @param flags {@code NFT_LOOKUP_F_*}, or {@code null} when the attribute is absent (libnftnl
 *              then prints no flags; the kernel always lists them)
 */
public record Lookup(String set, int setId, int sreg, int dreg, Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("lookup", Lookup::decode, Lookup::parse);

    /** Checks the component: {@code set} must not be null. */
    public Lookup {
        Objects.requireNonNull(set, "set");
    }

    /**
     * Whether the match is inverted ({@code != @set}).
     *
     * @return whether it is inverted
     */
    public boolean inverted() {
        return flags != null && (flags & NFT_LOOKUP_F_INV) != 0;
    }

    @Override
    public String name() {
        return "lookup";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrString(NFTA_LOOKUP_SET, set);
        w.attrU32BeUnlessZero(NFTA_LOOKUP_SET_ID, setId);
        w.attrU32Be(NFTA_LOOKUP_SREG, sreg);
        if (dreg >= 0) {
            w.attrU32Be(NFTA_LOOKUP_DREG, dreg);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_LOOKUP_FLAGS, flags);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("lookup reg ").append(sreg).append(" set ").append(set);
        if (dreg >= 0) {
            sb.append(" dreg ").append(dreg);
        }
        if (flags != null) {
            sb.append(" 0x").append(Integer.toHexString(flags));
        }
    }

    private static Lookup decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_LOOKUP_MAX);
        return new Lookup(tb.require(NFTA_LOOKUP_SET).string(), tb.u32BeOr(NFTA_LOOKUP_SET_ID, 0),
                tb.require(NFTA_LOOKUP_SREG).u32Be(), tb.u32BeOr(NFTA_LOOKUP_DREG, -1), tb.u32Be(NFTA_LOOKUP_FLAGS));
    }

    private static Lookup parse(DebugReader r) {
        int sreg = r.register();
        r.expect("set");
        String set = r.next();
        int dreg = -1;
        if (r.accept("dreg")) {
            dreg = r.nextInt();
        }
        Integer flags = r.hasNext() ? (int) r.nextHex() : null;
        return new Lookup(set, 0, sreg, dreg, flags);
    }
}
