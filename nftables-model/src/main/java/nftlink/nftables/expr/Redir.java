package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code redir}: destination NAT to the local machine, optionally to a port range
 * held in registers. Each part is {@code null} when its attribute is absent.
 *
 * @param protoMin register with the lowest port
 * @param protoMax register with the highest port
 * @param flags    {@code NF_NAT_RANGE_*}
 */
public record Redir(Integer protoMin, Integer protoMax, Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("redir", Redir::decode, Redir::parse);

    /**
     * A bare {@code redirect}.
     *
     * @return the expression
     */
    public static Redir plain() {
        return new Redir(null, null, null);
    }

    @Override
    public String name() {
        return "redir";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (protoMin != null) {
            w.attrU32Be(NFTA_REDIR_REG_PROTO_MIN, protoMin);
        }
        if (protoMax != null) {
            w.attrU32Be(NFTA_REDIR_REG_PROTO_MAX, protoMax);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_REDIR_FLAGS, flags);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("redir");
        Nat.appendRegisters(sb, "proto_min", protoMin, "proto_max", protoMax);
        if (flags != null) {
            sb.append(" flags 0x").append(Integer.toHexString(flags));
        }
    }

    private static Redir decode(Attributes attributes) {
        Integer protoMin = null;
        Integer protoMax = null;
        Integer flags = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_REDIR_REG_PROTO_MIN -> protoMin = a.u32Be();
                case NFTA_REDIR_REG_PROTO_MAX -> protoMax = a.u32Be();
                case NFTA_REDIR_FLAGS -> flags = a.u32Be();
                default -> throw Expressions.unexpected("redir", a);
            }
        }
        return new Redir(protoMin, protoMax, flags);
    }

    private static Redir parse(DebugReader r) {
        Integer protoMin = DebugText.optionalRegister(r, "proto_min");
        Integer protoMax = DebugText.optionalRegister(r, "proto_max");
        Integer flags = r.accept("flags") ? DebugText.u32Hex(r) : null;
        return new Redir(protoMin, protoMax, flags);
    }
}
