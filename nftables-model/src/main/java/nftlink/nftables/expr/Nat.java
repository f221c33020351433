package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code nat}: source or destination NAT to the addresses and ports held in
 * registers. Registers are {@code null} when their attribute is absent; the kernel
 * lists {@code addr_max} and {@code proto_max} even when only a minimum was given.
 *
 * @param type      {@code NFT_NAT_SNAT} or {@code NFT_NAT_DNAT}
 * @param family    {@code NFPROTO_IPV4}, {@code NFPROTO_IPV6}, or {@code NFPROTO_INET} for ports only
 * @param addrMin   register with the lowest address
 * @param addrMax   register with the highest address
 * @param protoMin  register with the lowest port
 * @param protoMax  register with the highest port
 * @param flags     {@code NF_NAT_RANGE_*}
 */
public record Nat(int type, int family, Integer addrMin, Integer addrMax, Integer protoMin, Integer protoMax,
                  Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("nat", Nat::decode, Nat::parse);

    @Override
    public String name() {
        return "nat";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_NAT_TYPE, type);
        w.attrU32Be(NFTA_NAT_FAMILY, family);
        if (addrMin != null) {
            w.attrU32Be(NFTA_NAT_REG_ADDR_MIN, addrMin);
        }
        if (addrMax != null) {
            w.attrU32Be(NFTA_NAT_REG_ADDR_MAX, addrMax);
        }
        if (protoMin != null) {
            w.attrU32Be(NFTA_NAT_REG_PROTO_MIN, protoMin);
        }
        if (protoMax != null) {
            w.attrU32Be(NFTA_NAT_REG_PROTO_MAX, protoMax);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_NAT_FLAGS, flags);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("nat ").append(type == NFT_NAT_SNAT ? "snat" : type == NFT_NAT_DNAT ? "dnat" : "unknown")
                .append(' ').append(DebugText.family(family));
        appendRegisters(sb, "addr_min", addrMin, "addr_max", addrMax);
        appendRegisters(sb, "proto_min", protoMin, "proto_max", protoMax);
        if (flags != null) {
            sb.append(" flags 0x").append(Integer.toHexString(flags));
        }
    }

    /** Appends {@code " NAME reg N"} for each register that is present. */
    static void appendRegisters(StringBuilder sb, String minName, Integer min, String maxName, Integer max) {
        if (min != null) {
            sb.append(' ').append(minName).append(" reg ").append(Integer.toUnsignedString(min));
        }
        if (max != null) {
            sb.append(' ').append(maxName).append(" reg ").append(Integer.toUnsignedString(max));
        }
    }

    private static Nat decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_NAT_MAX);
        return new Nat(tb.require(NFTA_NAT_TYPE).u32Be(), tb.require(NFTA_NAT_FAMILY).u32Be(),
                tb.u32Be(NFTA_NAT_REG_ADDR_MIN), tb.u32Be(NFTA_NAT_REG_ADDR_MAX), tb.u32Be(NFTA_NAT_REG_PROTO_MIN),
                tb.u32Be(NFTA_NAT_REG_PROTO_MAX), tb.u32Be(NFTA_NAT_FLAGS));
    }

    private static Nat parse(DebugReader r) {
        String type = r.next();
        int typeNumber = switch (type) {
            case "snat" -> NFT_NAT_SNAT;
            case "dnat" -> NFT_NAT_DNAT;
            default -> throw r.error("unknown nat type '" + type + "'");
        };
        int family = DebugText.familyOf(r, r.next());
        Integer addrMin = DebugText.optionalRegister(r, "addr_min");
        Integer addrMax = DebugText.optionalRegister(r, "addr_max");
        Integer protoMin = DebugText.optionalRegister(r, "proto_min");
        Integer protoMax = DebugText.optionalRegister(r, "proto_max");
        Integer flags = r.accept("flags") ? DebugText.u32Hex(r) : null;
        return new Nat(typeNumber, family, addrMin, addrMax, protoMin, protoMax, flags);
    }
}
