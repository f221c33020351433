package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code dup}: sends a copy of the packet to the address and/or through the device
 * (interface index) held in registers; each is {@code null} when absent.
 *
 * @param sregAddr register with the gateway address
 * @param sregDev  register with the output interface index
 */
public record Dup(Integer sregAddr, Integer sregDev) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("dup", Dup::decode, Dup::parse);

    @Override
    public String name() {
        return "dup";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (sregAddr != null) {
            w.attrU32Be(NFTA_DUP_SREG_ADDR, sregAddr);
        }
        if (sregDev != null) {
            w.attrU32Be(NFTA_DUP_SREG_DEV, sregDev);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("dup");
        if (sregAddr != null) {
            sb.append(" sreg_addr ").append(Integer.toUnsignedString(sregAddr));
        }
        if (sregDev != null) {
            sb.append(" sreg_dev ").append(Integer.toUnsignedString(sregDev));
        }
    }

    private static Dup decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_DUP_MAX);
        return new Dup(tb.u32Be(NFTA_DUP_SREG_ADDR), tb.u32Be(NFTA_DUP_SREG_DEV));
    }

    private static Dup parse(DebugReader r) {
        Integer addr = DebugText.optionalNumber(r, "sreg_addr");
        return new Dup(addr, DebugText.optionalNumber(r, "sreg_dev"));
    }
}
