package nftlink.nftables.lang;

import nftlink.nftables.Family;

import java.util.List;
import java.util.Objects;

/**
 * A rule in the rule language: where it goes and its statements, as a person
 * writes them ({@code ip daddr 10.0.0.0/8 tcp dport { 25, 143 } counter accept}).
 * {@link Linearizer} turns it into kernel expressions exactly as nft does;
 * {@link Delinearizer} turns a listed rule back into one; {@link RuleRenderer}
 * prints it in nft syntax.
 *
 * @param family     table family
 * @param table      table name
 * @param chain      chain name
 * @param statements the statements, in order
 * @param comment    the rule's comment, or {@code null}
 * @param handle     the kernel handle of a listed rule, or 0
 */
public record RuleSpec(Family family, String table, String chain, List<Statement> statements, String comment, long handle) {

    /** Checks the components: family, table and chain must not be null; copies the statements. */
    public RuleSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        statements = List.copyOf(statements);
    }

    /**
     * A new rule.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param statements the statements, in order
     * @return the rule
     */
    public static RuleSpec of(Family family, String table, String chain, Statement... statements) {
        return new RuleSpec(family, table, chain, List.of(statements), null, 0);
    }

    /**
     * This rule with another comment.
     *
     * @param newComment the comment, or {@code null} for none
     * @return the changed copy
     */
    public RuleSpec withComment(String newComment) {
        return new RuleSpec(family, table, chain, statements, newComment, handle);
    }

    @Override
    public String toString() {
        return RuleRenderer.DEFAULT.render(this);
    }
}
