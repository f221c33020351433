package nftlink.nftables.lang;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Ruleset;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A whole rule set as {@code nft list ruleset} prints it: tables, named sets and
 * maps with their elements, chains, and rules in the rule language. Read from
 * the kernel in one consistent snapshot (the generation is checked around the
 * dumps and the listing retried when it changed).
 *
 * @param ruleset    tables and chains
 * @param sets       named and anonymous sets
 * @param elements   elements by {@code family table set}
 * @param rules      rules, in kernel order
 * @param objects    stateful objects, in kernel order
 * @param flowtables flowtables, in kernel order
 */
public record RulesetListing(Ruleset ruleset, List<NftSet> sets, Map<String, List<SetElement>> elements, List<Rule> rules,
                             List<NftObject> objects, List<Flowtable> flowtables) {

    /**
     * Reads everything from the kernel ({@link Nftables#listRuleset()}).
     *
     * @param nft the client
     * @return the listing
     */
    public static RulesetListing read(Nftables nft) {
        return of(nft.listRuleset());
    }

    /**
     * Reads everything from the kernel, the rules on several connections at once
     * ({@link Nftables#listRuleset(Executor)}).
     *
     * @param nft the client
     * @param executor where the other dumps run
     * @return the listing
     */
    public static RulesetListing read(Nftables nft, Executor executor) {
        return of(nft.listRuleset(executor));
    }

    /**
     * The listing of {@code listed}, as {@link Nftables#listRuleset()} returns it: anonymous chains
     * ({@code jump { ... }}) are listed inside the rules bound to them, not as chains.
     *
     * @param listed a listed rule set
     * @return the listing of {@code listed}, as {@link Nftables#listRuleset()} returns it
     */
    public static RulesetListing of(Ruleset listed) {
        Ruleset visible = new Ruleset(listed.tables(), listed.chains().stream()
                .filter(c -> !c.isBinding()).toList());
        return new RulesetListing(visible, listed.sets(), listed.elements(), listed.rules(), listed.objects(),
                listed.flowtables());
    }

    /** The key of a set's elements in {@link #elements()}, as {@link Ruleset#setKey} makes it. */
    private static String key(String family, String table, String set) {
        return family + " " + table + " " + set;
    }

    /**
     * The rules of a chain in the rule language.
     *
     * @param chain the chain
     * @return the rules in order; empty when there are none
     */
    public List<RuleSpec> rulesOf(Chain chain) {
        return rulesOf(chain.family(), chain.table(), chain.name(), setIndex());
    }

    private List<RuleSpec> rulesOf(Family family, String table, String chain, Map<String, NftSet> index) {
        List<RuleSpec> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r.family() == family && r.table().equals(table) && r.chain().equals(chain)) {
                out.add(delinearize(r, index));
            }
        }
        return out;
    }

    /** {@code r} in the rule language, a jump to an anonymous chain as {@code jump { ... }} with that chain's rules. */
    private RuleSpec delinearize(Rule r, Map<String, NftSet> index) {
        RuleSpec spec = plainDelinearize(r, index);
        List<Statement> statements = new ArrayList<>(spec.statements());
        boolean bound = false;
        for (int i = 0; i < statements.size(); i++) {
            // the kernel names an anonymous chain __chainN
            if (statements.get(i) instanceof Statement.VerdictStatement v && v.verdict().chain() != null
                    && v.verdict().chain().startsWith("__chain") && !hasChain(r.family(), r.table(), v.verdict().chain())) {
                boolean goTo = v.verdict().code() == NfTablesUapi.NFT_GOTO;
                statements.set(i, new Statement.ChainBinding(goTo, v.verdict().chain(),
                        rulesOf(r.family(), r.table(), v.verdict().chain(), index)));
                bound = true;
            }
        }
        return bound ? new RuleSpec(spec.family(), spec.table(), spec.chain(), statements, spec.comment(), spec.handle()) : spec;
    }

    private boolean hasChain(Family family, String table, String name) {
        return ruleset.chains().stream().anyMatch(c -> c.family() == family && c.table().equals(table) && c.name().equals(name));
    }

    private RuleSpec plainDelinearize(Rule listed, Map<String, NftSet> index) {
        return KnownSets.delinearize(listed, name -> set(listed, name, index),
                name -> elements.get(key(listed.family().nftName(), listed.table(), name)));
    }

    /** The set {@code name} of the table of rule {@code r} in {@code index} ({@link #setIndex}), or {@code null}. */
    private static NftSet set(Rule r, String name, Map<String, NftSet> index) {
        return index.get(key(r.family().nftName(), r.table(), name));
    }

    /**
     * The sets by family, table and name (the first of each, in kernel order): rules look their sets
     * up by name, and a rule set with an anonymous set per rule holds thousands.
     */
    private Map<String, NftSet> setIndex() {
        Map<String, NftSet> index = new HashMap<>();
        for (NftSet s : sets) {
            index.putIfAbsent(key(s.family().nftName(), s.table(), s.name()), s);
        }
        return index;
    }

    /** A chain's key in the rules grouped by chain. */
    record ChainKey(Family family, String table, String chain) {

        static ChainKey of(Chain c) {
            return new ChainKey(c.family(), c.table(), c.name());
        }
    }

    /** The rules grouped by chain, in kernel order: one pass instead of one per chain. */
    private Map<ChainKey, List<Rule>> rulesByChain() {
        Map<ChainKey, List<Rule>> byChain = new HashMap<>();
        ChainKey last = null;
        List<Rule> lastList = null;
        for (Rule r : rules) {
            // a dump lists each chain's rules together: reuse the previous key while it matches
            if (last == null || r.family() != last.family() || !r.chain().equals(last.chain()) || !r.table().equals(last.table())) {
                last = new ChainKey(r.family(), r.table(), r.chain());
                lastList = byChain.computeIfAbsent(last, k -> new ArrayList<>());
            }
            lastList.add(r);
        }
        return byChain;
    }

    /**
     * The text {@code nft list ruleset} prints.
     *
     * @param formatter the formatter of tables and chains
     * @param rules the renderer of rules
     * @return the text
     */
    public String render(NftFormatter formatter, RuleRenderer rules) {
        return formatter.ruleset(ruleset, contents(rules, formatter.handles(), formatter.numericPriority()));
    }

    /**
     * The text {@code nft list ruleset} prints, its rules delinearized and rendered on the calling
     * thread and on {@code executor} at once (see {@link RuleTexts}); the same text as
     * {@link #render(NftFormatter, RuleRenderer)}.
     *
     * @param formatter the formatter of tables and chains
     * @param rules the renderer of rules
     * @param executor where the other rendering threads run
     * @return the text
     */
    public String render(NftFormatter formatter, RuleRenderer rules, Executor executor) {
        RuleTexts texts = RuleTexts.render(rulesByChain(), ruleset.chains(), rules, this::delinearize, setIndex(), executor);
        return formatter.ruleset(ruleset, contents(rules, formatter.handles(), formatter.numericPriority(), texts));
    }

    /**
     * The text {@code nft list table FAMILY NAME} prints, its rules delinearized and rendered on the
     * calling thread and on {@code executor} at once; the same text as
     * {@link #renderTable(NftFormatter, RuleRenderer, Table)}.
     *
     * @param formatter the formatter of tables and chains
     * @param rules the renderer of rules
     * @param table the table
     * @param executor where the other rendering threads run
     * @return the text
     */
    public String renderTable(NftFormatter formatter, RuleRenderer rules, Table table, Executor executor) {
        List<Chain> chains = ruleset.chainsOf(table);
        RuleTexts texts = RuleTexts.render(rulesByChain(), chains, rules, this::delinearize, setIndex(), executor);
        return formatter.table(table, chains, contents(rules, formatter.handles(), formatter.numericPriority(), texts));
    }

    /**
     * The text {@code nft list table FAMILY NAME} prints.
     *
     * @param formatter the formatter of tables and chains
     * @param rules the renderer of rules
     * @param table the table
     * @return the text
     */
    public String renderTable(NftFormatter formatter, RuleRenderer rules, Table table) {
        return formatter.table(table, ruleset.chainsOf(table), contents(rules, formatter.handles(), formatter.numericPriority()));
    }

    /**
     * The block of one chain with its rules, as {@code nft list chain} prints it inside its table.
     *
     * @param formatter the formatter of tables and chains
     * @param rules the renderer of rules
     * @param chain the chain
     * @return the text
     */
    public String renderChain(NftFormatter formatter, RuleRenderer rules, Chain chain) {
        return formatter.chain(chain, contents(rules, formatter.handles(), formatter.numericPriority()));
    }

    /**
     * The elements of {@code set} (none when it has none, or when this listing left them out).
     *
     * @param set the set
     * @return the elements; empty when there are none
     */
    public List<SetElement> elementsOf(NftSet set) {
        return elements.getOrDefault(key(set.family().nftName(), set.table(), set.name()), List.of());
    }

    /**
     * This listing without the elements of named sets and maps, as {@code nft -t} lists: anonymous
     * sets keep theirs, which rules print inline.
     *
     * @return the listing
     */
    public RulesetListing terse() {
        Map<String, List<SetElement>> kept = new HashMap<>();
        for (NftSet s : sets) {
            if ((s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) != 0) {
                kept.put(key(s.family().nftName(), s.table(), s.name()), elementsOf(s));
            }
        }
        return new RulesetListing(ruleset, sets, kept, rules, objects, flowtables);
    }

    private NftFormatter.Contents contents(RuleRenderer renderer, boolean handles, boolean numericPriority) {
        return contents(renderer, handles, numericPriority, null);
    }

    /** The contents of the tables; the rules' texts from {@code texts}, else rendered as the formatter asks. */
    private NftFormatter.Contents contents(RuleRenderer renderer, boolean handles, boolean numericPriority, RuleTexts texts) {
        return new NftFormatter.Contents() {
            @Override
            public List<String> objects(Table t) {
                List<String> blocks = new ArrayList<>();
                // nft's order: objects, sets, flowtables (then chains)
                for (NftObject o : objects) {
                    if (o.family() == t.family() && o.table().equals(t.name())) {
                        blocks.add(ObjectRenderer.render(o, handles));
                    }
                }
                for (NftSet s : sets) {
                    if (s.family() == t.family() && s.table().equals(t.name())
                            && (s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) == 0) {
                        blocks.add(SetRenderer.render(s, elements.getOrDefault(key(s.family().nftName(), s.table(), s.name()), List.of()), handles,
                                renderer));
                    }
                }
                for (Flowtable f : flowtables) {
                    if (f.family() == t.family() && f.table().equals(t.name())) {
                        blocks.add(FlowtableRenderer.render(f, handles, numericPriority));
                    }
                }
                return blocks;
            }

            private Map<ChainKey, List<Rule>> byChain;
            private Map<String, NftSet> setsByName;

            @Override
            public List<Map.Entry<String, Long>> rules(Chain c) {
                if (texts != null) {
                    return texts.of(c);
                }
                if (byChain == null) {
                    byChain = rulesByChain();
                    setsByName = setIndex();
                }
                List<Rule> chainRules = byChain.getOrDefault(ChainKey.of(c), List.of());
                List<Map.Entry<String, Long>> out = new ArrayList<>(chainRules.size());
                for (Rule r : chainRules) {
                    RuleSpec spec = delinearize(r, setsByName);
                    out.add(new AbstractMap.SimpleImmutableEntry<>(renderer.render(spec), spec.handle()));
                }
                return out;
            }
        };
    }
}
