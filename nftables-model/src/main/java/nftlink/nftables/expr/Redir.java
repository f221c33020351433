package nftlink.nftables.expr;

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
public record Redir(Integer protoMin, Integer protoMax, Integer flags) implements LocalNat {

    private static final LocalNat.Numbers NUMBERS = new LocalNat.Numbers(NFTA_REDIR_FLAGS, NFTA_REDIR_REG_PROTO_MIN,
            NFTA_REDIR_REG_PROTO_MAX, NFTA_REDIR_MAX);

    private static final LocalNat.Parts<Redir> PARTS = (flags, protoMin, protoMax) -> new Redir(protoMin, protoMax, flags);

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("redir",
            a -> LocalNat.decode(a, NUMBERS, PARTS), r -> LocalNat.parse(r, PARTS));

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
        LocalNat.write(w, NUMBERS, this);
    }
}
