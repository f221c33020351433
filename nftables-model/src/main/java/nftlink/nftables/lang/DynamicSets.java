package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.expr.Dynset;
import nftlink.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@code dynamic} flag nft gives a set that rules of the same batch update from the packet path
 * ({@code add @s { ip saddr }}, {@code update @s { ... limit ... }}; not a map statement's map): nft's evaluator sets
 * {@code NFT_SET_EVAL} on such a set's declaration, so that the kernel picks a set type that takes
 * updates; without it the kernel refuses a set statement with stateful expressions (EOPNOTSUPP).
 * Both front ends (text and JSON) pass their operations through {@link #flagged}.
 */
public final class DynamicSets {
    private DynamicSets() {
    }

    /**
     * {@code operations} with {@code NFT_SET_EVAL} added to every set they add that one of their rules
     * updates from the packet path, each operation mapped by {@code rewrap} when it changes.
     *
     * @param <T> the type of the items
     * @param operations the items, in order
     * @param operation the operation an item holds
     * @param rewrap an item with its operation replaced
     * @return the items, with flagged sets
     */
    public static <T> List<T> flagged(List<T> operations, Function<T, NftOperation> operation,
                                      BiFunction<T, NftOperation, T> rewrap) {
        Set<String> updated = new HashSet<>();
        for (T t : operations) {
            Rule rule = rule(operation.apply(t));
            if (rule != null) {
                for (Expression e : rule.expressions()) {
                    if (updates(e)) {
                        updated.add(key(rule.family().nftName(), rule.table(), ((Dynset) e).set()));
                    }
                }
            }
        }
        if (updated.isEmpty()) {
            return operations;
        }
        List<T> out = new ArrayList<>(operations.size());
        for (T t : operations) {
            if (operation.apply(t) instanceof NftOperation.AddSet a && (a.set().flags() & NfTablesUapi.NFT_SET_EVAL) == 0
                    && updated.contains(key(a.set().family().nftName(), a.set().table(), a.set().name()))) {
                NftSet set = a.set().withFlags(a.set().flags() | NfTablesUapi.NFT_SET_EVAL);
                out.add(rewrap.apply(t, new NftOperation.AddSet(set, a.exclusive())));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Whether {@code operation} adds a rule that updates a set from the packet path, so that
     * {@link #flagged} has a set to flag: a front end that asks it of each operation as it makes
     * it may skip {@link #flagged} when none does, rather than walk every rule again.
     *
     * @param operation an operation
     * @return whether it is a rule with a set update
     */
    public static boolean updatesSets(NftOperation operation) {
        Rule rule = rule(operation);
        if (rule != null) {
            for (Expression e : rule.expressions()) {
                if (updates(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Rule rule(NftOperation operation) {
        return switch (operation) {
            case NftOperation.AddRule a -> a.rule();
            case NftOperation.InsertRule i -> i.rule();
            case NftOperation.ReplaceRule r -> r.rule();
            case NftOperation.AddBoundRule b -> b.rule();
            default -> null;
        };
    }

    /**
     * Whether {@code e} updates a named set; a map statement ({@code update @m { KEY : DATA }}) leaves its map as
     * declared, as nft does.
     */
    private static boolean updates(Expression e) {
        return e instanceof Dynset d && d.set() != null && d.sregData() == null;
    }

    /**
     * {@link #flagged} over plain operations.
     *
     * @param operations the operations
     * @return the operations, with flagged sets
     */
    public static List<NftOperation> flagged(List<NftOperation> operations) {
        return flagged(operations, UnaryOperator.identity(), (old, changed) -> changed);
    }

    private static String key(String family, String table, String set) {
        return family + " " + table + " " + set;
    }
}
