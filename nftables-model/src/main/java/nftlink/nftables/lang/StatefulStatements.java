package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.expr.Connlimit;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Last;
import nftlink.nftables.expr.Limit;
import nftlink.nftables.expr.Quota;

/**
 * The statements that keep state per set or per element ({@code counter}, {@code limit},
 * {@code quota}, {@code ct count}, {@code last}) and the kernel expressions they are: a set's
 * {@code NFTA_SET_EXPR(ESSIONS)} and an element's {@code NFTA_SET_ELEM_EXPR(ESSIONS)}.
 */
public final class StatefulStatements {
    private StatefulStatements() {
    }

    /**
     * Whether {@code s} is a statement a set or an element can hold.
     *
     * @param s the statement
     * @return whether it keeps state
     */
    public static boolean isStateful(Statement s) {
        return s instanceof Statement.CounterStatement || s instanceof Statement.LimitStatement
                || s instanceof Statement.QuotaStatement || s instanceof Statement.ConnlimitStatement
                || s instanceof Statement.LastStatement;
    }

    /**
     * The kernel expression of a stateful statement.
     *
     * @param s the statement
     * @return the expression
     * @throws IllegalArgumentException for a statement that keeps no state
     */
    public static Expression expression(Statement s) {
        return switch (s) {
            case Statement.CounterStatement c -> new Counter(c.packets(), c.bytes());
            case Statement.LimitStatement l -> new Limit(l.rate(), l.period().seconds(), (int) l.burst(),
                    l.bytes() ? NfTablesUapi.NFT_LIMIT_PKT_BYTES : NfTablesUapi.NFT_LIMIT_PKTS, l.over() ? NfTablesUapi.NFT_LIMIT_F_INV : 0);
            case Statement.QuotaStatement q -> new Quota(q.bytes(), q.used(), q.over() ? NfTablesUapi.NFT_QUOTA_F_INV : 0);
            case Statement.ConnlimitStatement c -> new Connlimit(c.count(), c.over() ? 1 : 0);
            case Statement.LastStatement l -> l.usedMillis() == null ? Last.never() : new Last(1, l.usedMillis());
            default -> throw new IllegalArgumentException("unsupported: " + s + " in a set (counter, limit, quota, "
                    + "ct count and last keep state per element)");
        };
    }

    /**
     * The statement of a stateful kernel expression, or {@code null} when it is none the language
     * knows.
     *
     * @param e the expression
     * @return the statement, or {@code null}
     */
    public static Statement statement(Expression e) {
        return switch (e) {
            case Counter c -> new Statement.CounterStatement(c.packets(), c.bytes());
            case Limit l when TimeUnit.ofSeconds(l.unit()).isPresent() -> new Statement.LimitStatement(l.rate(),
                    TimeUnit.ofSeconds(l.unit()).orElseThrow(), Integer.toUnsignedLong(l.burst()),
                    l.type() == NfTablesUapi.NFT_LIMIT_PKT_BYTES, (l.flags() & NfTablesUapi.NFT_LIMIT_F_INV) != 0);
            case Quota q -> new Statement.QuotaStatement(q.bytes(), q.consumed(), (q.flags() & NfTablesUapi.NFT_QUOTA_F_INV) != 0);
            case Connlimit c when c.flags() == null || c.flags() <= 1 ->
                    new Statement.ConnlimitStatement(c.count(), c.flags() != null && c.flags() == 1);
            case Last l -> new Statement.LastStatement(l.msecs() == null || l.set() == null || l.set() == 0 ? null : l.msecs());
            default -> null;
        };
    }
}
