package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code masq}: source NAT to the address of the outgoing interface, optionally
 * to a port range held in registers. Each part is {@code null} when its attribute
 * is absent (the kernel lists the flags only when they are not zero).
 *
 * @param flags    {@code NF_NAT_RANGE_*}
 * @param protoMin register with the lowest port
 * @param protoMax register with the highest port
 */
public record Masq(Integer flags, Integer protoMin, Integer protoMax) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("masq", Masq::decode, Masq::parse);

    /**
     * A bare {@code masquerade}.
     *
     * @return the expression
     */
    public static Masq plain() {
        return new Masq(null, null, null);
    }

    @Override
    public String name() {
        return "masq";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (flags != null) {
            w.attrU32Be(NFTA_MASQ_FLAGS, flags);
        }
        if (protoMin != null) {
            w.attrU32Be(NFTA_MASQ_REG_PROTO_MIN, protoMin);
        }
        if (protoMax != null) {
            w.attrU32Be(NFTA_MASQ_REG_PROTO_MAX, protoMax);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("masq");
        Nat.appendRegisters(sb, "proto_min", protoMin, "proto_max", protoMax);
        if (flags != null) {
            sb.append(" flags 0x").append(Integer.toHexString(flags));
        }
    }

    private static Masq decode(Attributes attributes) {
        Integer flags = null;
        Integer protoMin = null;
        Integer protoMax = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_MASQ_FLAGS -> flags = a.u32Be();
                case NFTA_MASQ_REG_PROTO_MIN -> protoMin = a.u32Be();
                case NFTA_MASQ_REG_PROTO_MAX -> protoMax = a.u32Be();
                default -> throw Expressions.unexpected("masq", a);
            }
        }
        return new Masq(flags, protoMin, protoMax);
    }

    private static Masq parse(DebugReader r) {
        Integer protoMin = DebugText.optionalRegister(r, "proto_min");
        Integer protoMax = DebugText.optionalRegister(r, "proto_max");
        Integer flags = r.accept("flags") ? DebugText.u32Hex(r) : null;
        return new Masq(flags, protoMin, protoMax);
    }
}
