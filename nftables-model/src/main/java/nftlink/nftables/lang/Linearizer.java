package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link RuleSpec} into kernel expressions the way nft 1.0.6 does:
 * protocol dependencies first ({@code meta l4proto tcp} before {@code tcp dport},
 * {@code meta nfproto ipv4} before {@code ip daddr} in inet), prefixes as
 * shortened loads or masks, ranges as two comparisons ({@code range neq} for
 * {@code !=}), sets as lookups in anonymous interval-aware sets, values in
 * register 1.
 */
public final class Linearizer {

    /**
     * An anonymous set a rule needs, created in the same transaction.
     *
     * @param set the anonymous set
     * @param elements its elements
     */
    public record AnonymousSet(NftSet set, List<SetElement> elements) {
    }

    /**
     * An anonymous chain a rule jumps to ({@code jump { ... }}), and its linearized rules.
     *
     * @param id    the ID the chain is added with, which its rules and the jump refer to
     * @param rules its rules
     */
    public record Binding(int id, List<Result> rules) {
        /** Copies {@code rules}, which must not be null. */
        public Binding {
            rules = List.copyOf(rules);
        }
    }

    /**
     * A linearized rule, the anonymous sets it uses and the anonymous chains it jumps to.
     *
     * @param rule     the kernel-level rule
     * @param sets     anonymous sets to add before it
     * @param bindings anonymous chains to add, with their rules, before it
     */
    public record Result(Rule rule, List<AnonymousSet> sets, List<Binding> bindings) {
        /** Copies the lists, which must not be null. */
        public Result {
            sets = List.copyOf(sets);
            bindings = List.copyOf(bindings);
        }

        /**
         * A rule without anonymous chains.
         *
         * @param rule the rule
         * @param sets the anonymous sets it needs
         */
        public Result(Rule rule, List<AnonymousSet> sets) {
            this(rule, sets, List.of());
        }

        /**
         * The operations that add the rule: its anonymous chains and their rules, its anonymous sets,
         * then the rule.
         *
         * @return the operations, in order
         */
        public List<NftOperation> operations() {
            List<NftOperation> ops = prerequisites(UnaryOperator.identity());
            ops.add(new NftOperation.AddRule(rule));
            return ops;
        }

        /**
         * The operations to send before the rule, in nft's order: the rule's anonymous sets (each as {@code sets}
         * makes it), then each anonymous chain with its rules and theirs.
         *
         * @param sets how each anonymous set is sent
         * @return the operations, in order
         */
        public List<NftOperation> prerequisites(UnaryOperator<NftSet> sets) {
            List<NftOperation> ops = new ArrayList<>();
            for (AnonymousSet s : this.sets) {
                NftSet set = sets.apply(s.set());
                ops.add(new NftOperation.AddSet(set, false));
                ops.add(new NftOperation.AddElements(set.family(), set.table(), set.name(), set.id(), s.elements(), false));
            }
            for (Binding b : bindings) {
                ops.add(new NftOperation.AddBindingChain(rule.family(), rule.table(), b.id()));
                for (Result inner : b.rules()) {
                    ops.addAll(inner.prerequisites(sets));
                    ops.add(new NftOperation.AddBoundRule(inner.rule(), b.id()));
                }
            }
            return ops;
        }
    }

    private Linearizer() {
    }

    /**
     * Linearizes {@code spec}, numbering its anonymous sets and chains from {@code ids}, the
     * numbering of the batch the rule is sent in.
     *
     * @param spec the rule
     * @param ids the batch's ID numbering
     * @return the rule and what it needs
     * @throws IllegalArgumentException when a statement cannot be expressed in the rule's family
     */
    public static Result linearize(RuleSpec spec, BatchIds ids) {
        return linearize(spec, ids, 0);
    }

    /** {@link #linearize(RuleSpec, BatchIds)} of a rule whose first {@code rejectDependencies} statements a reject needs. */
    private static Result linearize(RuleSpec spec, BatchIds ids, int rejectDependencies) {
        if (LinearizeDependencies.familyMatchFirst(spec)) {
            // meta protocol ip opening a rule of an ip table: nft leaves it out
            List<Statement> rest = spec.statements().subList(1, spec.statements().size());
            spec = new RuleSpec(spec.family(), spec.table(), spec.chain(), rest, spec.comment(), spec.handle());
        }
        LinearizeContext ctx = new LinearizeContext(spec, ids);
        int n = 0;
        for (Statement s : spec.statements()) {
            LinearizeDependencies.refuseNfprotoOutsideInet(spec.family(), s);
            if (!(s instanceof Match)) {
                ctx.boundaries().add(ctx.out().size());
            }
            LinearizeStatements.statement(ctx, s);
            if (++n == rejectDependencies) {
                // nft inserts what reject needs at the rule's start last: before what a header option put there
                ctx.head()[0] = ctx.out().size();
            }
        }
        if (!ctx.atStart().isEmpty()) {
            // nft puts what reject needs at the start of the rule (so that a log before it logs only what is rejected)
            List<Statement> statements = new ArrayList<>(ctx.atStart());
            statements.addAll(spec.statements());
            return linearize(new RuleSpec(spec.family(), spec.table(), spec.chain(), statements, spec.comment(), spec.handle()), ids,
                    ctx.atStart().size());
        }
        LinearizePayloadMerge.mergePayloads(ctx);
        Rule rule = new Rule(spec.family(), spec.table(), spec.chain(), spec.handle(), 0, ctx.out(), spec.comment(), List.of());
        return new Result(rule, ctx.sets(), ctx.bindings());
    }

    /**
     * Linearizes and returns the operations; convenience for {@code linearize(spec,
     * ids).operations()}.
     *
     * @param spec the rule
     * @param ids the batch's ID numbering
     * @return the operations, in order
     */
    public static List<NftOperation> operations(RuleSpec spec, BatchIds ids) {
        return linearize(spec, ids).operations();
    }

    /**
     * Whether {@code FIELD VALUE} tests for any of the value's bits, as nft does for ct state or tcp
     * flags.
     *
     * @param field the field
     * @return whether the match is a flag test
     */
    public static boolean flagTest(Field field) {
        return LinearizeMatches.flagTest(field);
    }

    /** Whether ordered comparisons of the field need its host-order value swapped to big endian, as nft does. */
    static boolean ordersHostBytes(Field field) {
        return LinearizeByteOrder.ordersHostBytes(field);
    }

    /** The items of {@code literal} with their bytes reversed (host order to big endian and back). */
    static Value.SetLiteral reversedItems(Value.SetLiteral literal) {
        return LinearizeByteOrder.reversedItems(literal);
    }

    /** Whether a part of {@code concat} holds host-order integers (a mark, a uid), which intervals hold as big-endian numbers. */
    static boolean hasHostOrderPart(ConcatField concat) {
        return LinearizeByteOrder.hasHostOrderPart(concat);
    }

    /** The items of a set of concatenations with each host-order part's bytes reversed (host order to big endian and back). */
    static Value.SetLiteral bigEndianParts(ConcatField concat, Value.SetLiteral literal) {
        return LinearizeByteOrder.bigEndianParts(concat, literal);
    }

    /** A concatenation's bytes with each host-order part reversed. */
    static Bytes bigEndianParts(ConcatField concat, Bytes key) {
        return LinearizeByteOrder.bigEndianParts(concat, key);
    }

    /** The matches a reject needs first: the address family for icmp/icmpv6 in inet, tcp for resets. */
    static List<Match> rejectDependencies(Family family, Statement.RejectStatement r) {
        return LinearizeDependencies.rejectDependencies(family, r);
    }

    /** The unsigned number of the bytes, big endian. */
    static BigInteger number(Bytes b) {
        return LinearizeSets.number(b);
    }
}
