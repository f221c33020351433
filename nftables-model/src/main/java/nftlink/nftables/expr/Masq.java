package nftlink.nftables.expr;

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
public record Masq(Integer flags, Integer protoMin, Integer protoMax) implements LocalNat {

    private static final LocalNat.Numbers NUMBERS = new LocalNat.Numbers(NFTA_MASQ_FLAGS, NFTA_MASQ_REG_PROTO_MIN,
            NFTA_MASQ_REG_PROTO_MAX, NFTA_MASQ_MAX);

    private static final LocalNat.Parts<Masq> PARTS = Masq::new;

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("masq",
            a -> LocalNat.decode(a, NUMBERS, PARTS), r -> LocalNat.parse(r, PARTS));

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
        LocalNat.write(w, NUMBERS, this);
    }
}
