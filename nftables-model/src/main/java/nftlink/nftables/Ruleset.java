package nftlink.nftables;

import java.util.List;
import java.util.Map;

/**
 * A listed rule set, in kernel order: tables and their chains and, when listed with
 * {@link Nftables#listRuleset()}, the sets and maps with their elements, the rules, the
 * stateful objects and the flowtables, all read at one generation.
 *
 * @param tables     tables in the order the kernel lists them
 * @param chains     chains of all those tables, in kernel order (anonymous chains included)
 * @param sets       named and anonymous sets and maps
 * @param elements   the elements of each set, by {@link #setKey(NftSet)}
 * @param rules      rules of every chain, in kernel order
 * @param objects    stateful objects (counters, quotas, ...)
 * @param flowtables flowtables
 */
public record Ruleset(List<Table> tables, List<Chain> chains, List<NftSet> sets, Map<String, List<SetElement>> elements,
                      List<Rule> rules, List<NftObject> objects, List<Flowtable> flowtables) {

    /** Copies every list. */
    public Ruleset {
        tables = List.copyOf(tables);
        chains = List.copyOf(chains);
        sets = List.copyOf(sets);
        elements = Map.copyOf(elements);
        rules = List.copyOf(rules);
        objects = List.copyOf(objects);
        flowtables = List.copyOf(flowtables);
    }

    /**
     * Tables and chains only ({@link Nftables#listTablesAndChains()}).
     *
     * @param tables the tables
     * @param chains the chains
     */
    public Ruleset(List<Table> tables, List<Chain> chains) {
        this(tables, chains, List.of(), Map.of(), List.of(), List.of(), List.of());
    }

    /**
     * The key of {@code set}'s elements in {@link #elements()}: {@code FAMILY TABLE NAME}, as nft names the set.
     *
     * @param set the set or map
     * @return the key of {@code set}'s elements in {@link #elements()}
     */
    public static String setKey(NftSet set) {
        return set.family().nftName() + " " + set.table() + " " + set.name();
    }

    /**
     * The chains of {@code table}, in kernel order.
     *
     * @param table the table
     * @return the chains of {@code table}, in kernel order
     */
    public List<Chain> chainsOf(Table table) {
        return chains.stream()
                .filter(c -> c.family() == table.family() && c.table().equals(table.name()))
                .toList();
    }

    /**
     * The rules of {@code chain}, in order.
     *
     * @param chain the chain
     * @return the rules of {@code chain}, in order
     */
    public List<Rule> rulesOf(Chain chain) {
        return rules.stream()
                .filter(r -> r.family() == chain.family() && r.table().equals(chain.table()) && r.chain().equals(chain.name()))
                .toList();
    }

    /**
     * The elements of {@code set} (none when it has none, or when they were not listed).
     *
     * @param set the set or map
     * @return the elements of {@code set} (none when it has none, or when they were not listed)
     */
    public List<SetElement> elementsOf(NftSet set) {
        return elements.getOrDefault(setKey(set), List.of());
    }

    /**
     * The table named {@code name} in {@code family}, or {@code null}.
     *
     * @param family the table's family
     * @param name the name
     * @return the table named {@code name} in {@code family}, or {@code null}
     */
    public Table table(Family family, String name) {
        return tables.stream().filter(t -> t.family() == family && t.name().equals(name)).findFirst().orElse(null);
    }
}
