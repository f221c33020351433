package nftlink.nftables.lang;

import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Verdict;

import java.util.Objects;

/**
 * One statement of a rule as a person writes it: a {@link Match}, a verdict,
 * {@code counter}, {@code meta ... set}, or a kernel expression the language does
 * not (yet) express, kept as is.
 */
public sealed interface Statement permits Match, Statement.VerdictStatement, Statement.CounterStatement,
        Statement.MetaSet, Statement.KernelExpression {

    /** {@code accept}, {@code drop}, {@code jump CHAIN}, ... */
    record VerdictStatement(Verdict verdict) implements Statement {
        public VerdictStatement {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * {@code counter}: counts packets and bytes.
     *
     * @param packets initial or listed packet count
     * @param bytes   initial or listed byte count
     */
    record CounterStatement(long packets, long bytes) implements Statement {
    }

    /** {@code meta KEY set VALUE}, e.g. {@code meta mark set 0x2}. */
    record MetaSet(MetaField field, Bytes value) implements Statement {
        public MetaSet {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            if (value.length() != field.length()) {
                throw new IllegalArgumentException(field.text() + " takes " + field.length() + " bytes, not " + value.length());
            }
        }
    }

    /**
     * A kernel expression the rule language does not express; kept so nothing is
     * lost, and rendered in libnftnl's form.
     */
    record KernelExpression(Expression expression) implements Statement {
        public KernelExpression {
            Objects.requireNonNull(expression, "expression");
        }
    }

    static Statement accept() {
        return new VerdictStatement(Verdict.ACCEPT);
    }
}
