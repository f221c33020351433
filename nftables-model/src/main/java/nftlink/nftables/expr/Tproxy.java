package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code tproxy}: hands the packet to a local socket listening on the address and
 * port held in registers, without changing the packet.
 *
 * @param family  {@code NFPROTO_IPV4}, {@code NFPROTO_IPV6}, or {@code NFPROTO_UNSPEC} (port only, inet tables)
 * @param addr    register with the address, or {@code null}
 * @param port    register with the port, or {@code null}
 */
public record Tproxy(int family, Integer addr, Integer port) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("tproxy", Tproxy::decode, Tproxy::parse);

    @Override
    public String name() {
        return "tproxy";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_TPROXY_FAMILY, family);
        if (addr != null) {
            w.attrU32Be(NFTA_TPROXY_REG_ADDR, addr);
        }
        if (port != null) {
            w.attrU32Be(NFTA_TPROXY_REG_PORT, port);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("tproxy");
        if (family != NFPROTO_UNSPEC) {
            sb.append(' ').append(DebugText.family(family));
        }
        if (addr != null) {
            sb.append(" addr reg ").append(Integer.toUnsignedString(addr));
        }
        if (port != null) {
            sb.append(" port reg ").append(Integer.toUnsignedString(port));
        }
    }

    private static Tproxy decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_TPROXY_MAX);
        return new Tproxy(tb.require(NFTA_TPROXY_FAMILY).u32Be(), tb.u32Be(NFTA_TPROXY_REG_ADDR),
                tb.u32Be(NFTA_TPROXY_REG_PORT));
    }

    private static Tproxy parse(DebugReader r) {
        int family = NFPROTO_UNSPEC;
        String next = r.peek();
        if (next != null && !next.equals("addr") && !next.equals("port")) {
            family = DebugText.familyOf(r, r.next());
        }
        Integer addr = DebugText.optionalRegister(r, "addr");
        Integer port = DebugText.optionalRegister(r, "port");
        return new Tproxy(family, addr, port);
    }
}
