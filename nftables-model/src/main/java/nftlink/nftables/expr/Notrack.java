package nftlink.nftables.expr;

import nftlink.netlink.MessageWriter;

/**
 * {@code notrack}: keeps the packet out of connection tracking. It has no
 * parameters and, as the kernel lists it, no {@code NFTA_EXPR_DATA} attribute.
 */
public record Notrack() implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("notrack", attributes -> {
        if (!attributes.isEmpty()) {
            throw Expressions.unexpected("notrack", attributes.list().getFirst());
        }
        return new Notrack();
    }, r -> new Notrack());

    @Override
    public String name() {
        return "notrack";
    }

    /** None: the expression travels without {@code NFTA_EXPR_DATA}. */
    @Override
    public boolean hasData() {
        return false;
    }

    @Override
    public void writeData(MessageWriter w) {
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("notrack");
    }
}
