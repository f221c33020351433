package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code fwd}: sends the packet out of the device (interface index) held in a
 * register, in netdev ingress, optionally to a next-hop address of family
 * {@code nfproto}; each part is {@code null} when absent.
 *
 * @param sregDev  register with the output interface index
 * @param sregAddr register with the next-hop address
 * @param nfproto  {@code NFPROTO_IPV4} or {@code NFPROTO_IPV6} for the address
 */
public record Fwd(Integer sregDev, Integer sregAddr, Integer nfproto) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("fwd", Fwd::decode, Fwd::parse);

    @Override
    public String name() {
        return "fwd";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (sregDev != null) {
            w.attrU32Be(NFTA_FWD_SREG_DEV, sregDev);
        }
        if (sregAddr != null) {
            w.attrU32Be(NFTA_FWD_SREG_ADDR, sregAddr);
        }
        if (nfproto != null) {
            w.attrU32Be(NFTA_FWD_NFPROTO, nfproto);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("fwd");
        if (sregDev != null) {
            sb.append(" sreg_dev ").append(Integer.toUnsignedString(sregDev));
        }
        if (sregAddr != null) {
            sb.append(" sreg_addr ").append(Integer.toUnsignedString(sregAddr));
        }
        if (nfproto != null) {
            sb.append(" nfproto ").append(Integer.toUnsignedString(nfproto));
        }
    }

    private static Fwd decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_FWD_MAX);
        return new Fwd(tb.u32Be(NFTA_FWD_SREG_DEV), tb.u32Be(NFTA_FWD_SREG_ADDR), tb.u32Be(NFTA_FWD_NFPROTO));
    }

    private static Fwd parse(DebugReader r) {
        Integer dev = DebugText.optionalNumber(r, "sreg_dev");
        Integer addr = DebugText.optionalNumber(r, "sreg_addr");
        return new Fwd(dev, addr, DebugText.optionalNumber(r, "nfproto"));
    }
}
