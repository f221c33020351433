package nftlink.cgroup;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.NftSet;
import nftlink.nftables.lang.RuleSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed part of a table that an {@link NftablesBindingStore} owns: its chains,
 * named sets and fixed rules. The store creates the table from it, checks on
 * every read that the kernel still has all of it (and nothing else besides the
 * bindings), and rebuilds the whole table in one transaction when it does not.
 *
 * <p>Fixed rules are tagged with the store's comments, so the comments given here
 * are not kept. Rules made for bindings are appended to their chain after the
 * fixed rules there; a chain that ends in {@code reject} therefore must not take
 * per-cgroup rules; jump from it to a chain of its own instead (the fail-closed
 * pattern in the package overview).
 *
 * @param family the table's family
 * @param name   the table's name
 * @param chains its chains, base chains and regular ones
 * @param sets   its named sets, including those that {@link BindingTarget.SetMembership} fills
 * @param rules  its fixed rules, in order within each chain
 */
public record TableLayout(Family family, String name, List<Chain> chains, List<NftSet> sets, List<RuleSpec> rules) {

    /** Checks the components: family and name not null; copies the lists. */
    public TableLayout {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        chains = List.copyOf(chains);
        sets = List.copyOf(sets);
        rules = List.copyOf(rules);
        Set<String> chainNames = new HashSet<>();
        for (Chain c : chains) {
            if (c.family() != family || !c.table().equals(name)) {
                throw new IllegalArgumentException("chain " + c.qualifiedName() + " is not in table " + family.nftName() + " " + name);
            }
            if (!chainNames.add(c.name())) {
                throw new IllegalArgumentException("chain \"" + c.name() + "\" appears twice");
            }
        }
        Set<String> setNames = new HashSet<>();
        for (NftSet s : sets) {
            if (s.family() != family || !s.table().equals(name)) {
                throw new IllegalArgumentException("set " + s.qualifiedName() + " is not in table " + family.nftName() + " " + name);
            }
            if (s.name().startsWith("__") || !setNames.add(s.name())) {
                throw new IllegalArgumentException("set \"" + s.name() + "\" appears twice or is not a named set");
            }
        }
        for (RuleSpec r : rules) {
            if (r.family() != family || !r.table().equals(name) || !chainNames.contains(r.chain())) {
                throw new IllegalArgumentException("fixed rule " + r + " is not in a chain of the layout");
            }
        }
    }

    /**
     * Whether the layout has a chain named {@code chain}.
     *
     * @param chain the chain's name
     * @return whether it is there
     */
    public boolean hasChain(String chain) {
        return chains.stream().anyMatch(c -> c.name().equals(chain));
    }

    /**
     * The layout's set named {@code set}.
     *
     * @param set the set's name
     * @return the set, or empty when the layout has none of that name
     */
    public Optional<NftSet> set(String set) {
        return sets.stream().filter(s -> s.name().equals(set)).findFirst();
    }
}
