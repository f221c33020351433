package nftlink.examples.daemon;

import nftlink.cgroup.NftablesMonitor.TableName;
import nftlink.nftables.Chain;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Table;
import nftlink.nftables.parse.NftScript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The static rule set of a policy file loaded with {@code --load}: the tables it
 * declares belong to the daemon. It knows what each of them should hold (chains,
 * named sets, the number of rules of each chain that carry no daemon tag), finds
 * the tables someone damaged, and writes the operations that rebuild them.
 *
 * <p>A table is rebuilt whole, in one transaction ({@code delete table} if it is
 * there, then the script's operations on it), so what is left of it never mixes with a second
 * copy: the same holds for a reload of a script without {@code flush ruleset},
 * which would otherwise gain a copy of its rules each time.
 */
final class StaticRuleset {

    private final NftScript script;
    private final Set<TableName> tables;
    private final Map<TableName, Set<String>> chains = new HashMap<>();
    private final Map<TableName, Set<String>> sets = new HashMap<>();
    private final Map<TableName, Map<String, Integer>> ruleCounts = new HashMap<>();

    /** @param script the static rule set as {@code nft -f} reads it */
    StaticRuleset(NftScript script) {
        this.script = Objects.requireNonNull(script, "script");
        Set<TableName> declared = new LinkedHashSet<>();
        for (NftOperation o : script.operations()) {
            switch (o) {
                case NftOperation.FlushRuleset f -> {
                    declared.clear();
                    chains.clear();
                    sets.clear();
                    ruleCounts.clear();
                }
                case NftOperation.AddTable a -> declared.add(name(a.table()));
                case NftOperation.AddChain a -> chains.computeIfAbsent(name(a.chain()), t -> new HashSet<>()).add(a.chain().name());
                case NftOperation.AddSet a when (a.set().flags() & NfTablesUapi.NFT_SET_ANONYMOUS) == 0 ->
                        sets.computeIfAbsent(new TableName(a.set().family(), a.set().table()), t -> new HashSet<>()).add(a.set().name());
                case NftOperation.AddRule a -> count(a.rule(), 1);
                case NftOperation.InsertRule a -> count(a.rule(), 1);
                case NftOperation.DeleteRule d -> counts(new TableName(d.tableFamily(), d.table())).merge(d.chain(), -1, Integer::sum);
                case NftOperation.FlushChain f -> counts(new TableName(f.tableFamily(), f.table())).remove(f.chain());
                case NftOperation.FlushTable f -> ruleCounts.remove(new TableName(f.tableFamily(), f.table()));
                case NftOperation.DeleteTable d -> {
                    TableName t = new TableName(d.tableFamily(), d.name());
                    declared.remove(t);
                    chains.remove(t);
                    sets.remove(t);
                    ruleCounts.remove(t);
                }
                default -> {
                }
            }
        }
        this.tables = Set.copyOf(declared);
    }

    private static TableName name(Table t) {
        return new TableName(t.family(), t.name());
    }

    private static TableName name(Chain c) {
        return new TableName(c.family(), c.table());
    }

    private Map<String, Integer> counts(TableName t) {
        return ruleCounts.computeIfAbsent(t, x -> new HashMap<>());
    }

    private void count(Rule r, int by) {
        counts(new TableName(r.family(), r.table())).merge(r.chain(), by, Integer::sum);
    }

    /** The script as parsed. */
    NftScript script() {
        return script;
    }

    /** The tables the script declares ({@code table ...} or {@code add table ...}): the daemon's own. */
    Set<TableName> tables() {
        return tables;
    }

    /**
     * The declared tables that lack something the script puts there: the table itself,
     * a chain, a named set, or rules without a daemon tag (fewer than the script adds).
     */
    Set<TableName> damaged(Nftables nft) {
        Set<TableName> present = new HashSet<>();
        nft.listTables().forEach(t -> present.add(name(t)));
        Map<TableName, Set<String>> liveChains = new HashMap<>();
        nft.listChains().forEach(c -> liveChains.computeIfAbsent(name(c), t -> new HashSet<>()).add(c.name()));
        Map<TableName, Set<String>> liveSets = new HashMap<>();
        for (NftSet s : nft.listSets()) {
            liveSets.computeIfAbsent(new TableName(s.family(), s.table()), t -> new HashSet<>()).add(s.name());
        }
        Map<TableName, Map<String, Integer>> liveRules = new HashMap<>();
        for (Rule r : nft.listRules()) {
            if (r.comment() == null || !r.comment().startsWith(PolicyStore.TAG + " ")) {
                liveRules.computeIfAbsent(new TableName(r.family(), r.table()), t -> new HashMap<>()).merge(r.chain(), 1, Integer::sum);
            }
        }
        Set<TableName> damaged = new LinkedHashSet<>();
        for (TableName t : tables) {
            boolean whole = present.contains(t)
                    && liveChains.getOrDefault(t, Set.of()).containsAll(chains.getOrDefault(t, Set.of()))
                    && liveSets.getOrDefault(t, Set.of()).containsAll(sets.getOrDefault(t, Set.of()))
                    && ruleCounts.getOrDefault(t, Map.of()).entrySet().stream().allMatch(e ->
                    liveRules.getOrDefault(t, Map.of()).getOrDefault(e.getKey(), 0) >= e.getValue());
            if (!whole) {
                damaged.add(t);
            }
        }
        return damaged;
    }

    /**
     * The removal of each of {@code rebuilt} that exists, then every operation of the
     * script on them that creates something (tables, chains, sets and elements, rules,
     * objects, flowtables), in the script's order.
     *
     * @param existing the tables the kernel has now
     */
    List<NftOperation> rebuild(Set<TableName> rebuilt, Set<TableName> existing) {
        List<NftOperation> ops = new ArrayList<>();
        for (TableName t : rebuilt) {
            if (existing.contains(t)) {
                ops.add(new NftOperation.DeleteTable(t.family(), t.name(), false));
            }
        }
        for (NftOperation o : script.operations()) {
            if (creates(o) && tableOf(o).filter(rebuilt::contains).isPresent()) {
                ops.add(o);
            }
        }
        return ops;
    }

    /**
     * The whole script as {@code nft -f} applies it, preceded by the removal of each
     * declared table that exists, so that applying it again leaves one copy; a script
     * that starts with {@code flush ruleset} needs none. ({@code destroy table} would
     * not need to know what exists, but kernels before 6.3, such as Debian 12's 6.1,
     * refuse it.)
     *
     * @param existing the tables the kernel has now
     */
    List<NftOperation> replace(Set<TableName> existing) {
        List<NftOperation> ops = new ArrayList<>(removals(existing));
        ops.addAll(script.operations());
        return ops;
    }

    /** The removals {@link #replace} puts before the script's own operations. */
    List<NftOperation> removals(Set<TableName> existing) {
        List<NftOperation> first = script.operations().isEmpty() ? List.of() : List.of(script.operations().getFirst());
        if (first.size() == 1 && first.getFirst() instanceof NftOperation.FlushRuleset f && f.rulesetFamily() == null) {
            return List.of();
        }
        List<NftOperation> ops = new ArrayList<>();
        for (TableName t : tables) {
            if (existing.contains(t)) {
                ops.add(new NftOperation.DeleteTable(t.family(), t.name(), false));
            }
        }
        return ops;
    }

    /** The tables the kernel has now. */
    static Set<TableName> existing(Nftables nft) {
        Set<TableName> present = new HashSet<>();
        nft.listTables().forEach(t -> present.add(name(t)));
        return present;
    }

    private static boolean creates(NftOperation o) {
        return switch (o) {
            case NftOperation.AddTable a -> true;
            case NftOperation.AddChain a -> true;
            case NftOperation.AddSet a -> true;
            case NftOperation.AddElements a -> true;
            case NftOperation.AddRule a -> true;
            case NftOperation.InsertRule a -> a.rule().position() == 0;
            case NftOperation.AddObject a -> true;
            case NftOperation.AddFlowtable a -> true;
            default -> false;
        };
    }

    /** The table an operation works on, if it works on one. */
    static Optional<TableName> tableOf(NftOperation o) {
        return Optional.ofNullable(switch (o) {
            case NftOperation.AddTable a -> name(a.table());
            case NftOperation.DeleteTable d -> new TableName(d.tableFamily(), d.name());
            case NftOperation.FlushRuleset f -> null;
            case NftOperation.AddChain a -> name(a.chain());
            case NftOperation.DeleteChain d -> new TableName(d.tableFamily(), d.table());
            case NftOperation.AddRule a -> new TableName(a.rule().family(), a.rule().table());
            case NftOperation.AddBindingChain a -> new TableName(a.tableFamily(), a.table());
            case NftOperation.AddBoundRule a -> new TableName(a.rule().family(), a.rule().table());
            case NftOperation.InsertRule a -> new TableName(a.rule().family(), a.rule().table());
            case NftOperation.ReplaceRule a -> new TableName(a.rule().family(), a.rule().table());
            case NftOperation.DeleteRule d -> new TableName(d.tableFamily(), d.table());
            case NftOperation.AddSet a -> new TableName(a.set().family(), a.set().table());
            case NftOperation.DeleteSet d -> new TableName(d.tableFamily(), d.table());
            case NftOperation.AddElements a -> new TableName(a.tableFamily(), a.table());
            case NftOperation.DeleteElements d -> new TableName(d.tableFamily(), d.table());
            case NftOperation.FlushSet f -> new TableName(f.tableFamily(), f.table());
            case NftOperation.AddObject a -> new TableName(a.nftObject().family(), a.nftObject().table());
            case NftOperation.DeleteObject d -> new TableName(d.tableFamily(), d.table());
            case NftOperation.AddFlowtable a -> new TableName(a.flowtable().family(), a.flowtable().table());
            case NftOperation.DeleteFlowtable d -> new TableName(d.tableFamily(), d.table());
            case NftOperation.FlushTable f -> new TableName(f.tableFamily(), f.table());
            case NftOperation.FlushChain f -> new TableName(f.tableFamily(), f.table());
        });
    }
}
