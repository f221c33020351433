package nftlink.nftables.expr;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.RawAttribute;

import java.util.Objects;

/**
 * An expression the library does not interpret (unknown name, or data it cannot
 * model exactly), kept byte for byte so a listed rule re-encodes to the same
 * bytes. Renders as {@code name [unknown: N bytes]}.
 *
 * @param name the kernel name
 * @param data {@code NFTA_EXPR_DATA} as received, or {@code null} when the expression had none
 */
public record RawExpression(String name, RawAttribute data) implements Expression {

    /** Checks the component: {@code name} must not be null. */
    public RawExpression {
        Objects.requireNonNull(name, "name");
    }

    /** Writes the received data attributes back unchanged. */
    @Override
    public void writeData(MessageWriter w) {
        if (data != null) {
            w.putBytes(data.value());
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append(name).append(" [unknown: ").append(data == null ? 0 : data.value().length).append(" bytes]");
    }
}
