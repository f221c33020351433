package nftlink.nftables;

import java.util.List;

/**
 * A listed rule set: tables and their chains, in kernel order.
 *
 * @param tables tables in the order the kernel lists them
 * @param chains chains of all those tables, in kernel order
 */
public record Ruleset(List<Table> tables, List<Chain> chains) {

    public Ruleset {
        tables = List.copyOf(tables);
        chains = List.copyOf(chains);
    }

    /** The chains of {@code table}, in kernel order. */
    public List<Chain> chainsOf(Table table) {
        return chains.stream()
                .filter(c -> c.family() == table.family() && c.table().equals(table.name()))
                .toList();
    }

    /** The table named {@code name} in {@code family}, or {@code null}. */
    public Table table(Family family, String name) {
        return tables.stream().filter(t -> t.family() == family && t.name().equals(name)).findFirst().orElse(null);
    }
}
