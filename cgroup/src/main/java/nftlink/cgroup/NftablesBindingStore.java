package nftlink.cgroup;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.Chain;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftOperations;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.zip.CRC32;

/**
 * The {@link BindingStore} over nf_tables: one table that it owns, laid out by a
 * {@link TableLayout}, and for every policy entry a {@link BindingTarget} that
 * says what a binding becomes: a rule per cgroup ({@code socket cgroupv2 level N
 * ID ...}, added with an echo so its handle is known and deleted by that handle)
 * or the cgroup's ID as an element of a named set. Both forms can be mixed in one
 * table.
 *
 * <p>Every rule and element it makes carries a comment tag ({@code PREFIX bind
 * ENTRY ID FP /PATH}; fixed rules {@code PREFIX fixed N FP}; FP fingerprints what
 * the rule was made from), so a later run adopts
 * them instead of adding them again. {@link #read()} lists the table and checks
 * it against the layout: when the table, a chain, a set or a fixed rule is
 * missing or changed, the next {@link #apply} rebuilds the whole table in one
 * transaction (so that someone deleting or flushing it is repaired, fail-closed
 * rules included); rules and elements in the table that it did not make, that
 * are duplicates, or that an entry's target no longer describes are deleted by
 * the next transaction (in a {@code cgroupsv2} set that no entry fills, only the
 * elements it tagged, which an earlier policy's entry left). It touches no other
 * table.
 *
 * <p>The package overview shows a complete, fail-closed set-up in both forms.
 *
 * <p>A read lists several dumps; it is repeated (a few times at most) when the
 * rule set's generation changed meanwhile, and anything still inconsistent is
 * caught by the next read, which the {@link NftablesMonitor}'s report triggers.
 * What {@link #read} returns decides what the next {@link #apply} builds (after a
 * rebuild, every binding the diff adds), so only the one driving it, normally the
 * {@link Reconciler}, may call it; to look at the table, use another instance.
 *
 * <p>Calls are serialised; the {@link Nftables} connection must not be used by
 * anyone else meanwhile.
 */
public final class NftablesBindingStore implements BindingStore {

    /** The tag prefix unless another is given. */
    public static final String DEFAULT_TAG_PREFIX = "nftlink-cgroup";

    private static final System.Logger LOG = System.getLogger(NftablesBindingStore.class.getName());

    private record RuleRef(String chain, long handle) {
    }

    private final Nftables nft;
    private final TableLayout layout;
    private final Map<String, BindingTarget> targets;
    private final Map<String, String> fingerprints = new HashMap<>();
    private final List<String> fixedTags = new ArrayList<>();
    private final LongFunction<Optional<CgroupPath>> pathsById;
    private final BindingTags tags;

    private final Map<Binding, RuleRef> rules = new HashMap<>();
    private final Map<Binding, String> elements = new HashMap<>();
    private final List<RuleRef> garbageRules = new ArrayList<>();
    private final Map<String, List<Bytes>> garbageElements = new LinkedHashMap<>();
    private boolean rebuild = true;
    private int transactions;

    /**
     * A store with the default tag prefix.
     *
     * @param nft       the connection, in the network namespace of the table
     * @param layout    the table it owns
     * @param targets   what each policy entry's bindings become, by entry name
     * @param pathsById the path of a live cgroup by ID (e.g. {@code resolver::path}); asked only for
     *                  tags whose path was too long to keep in full
     */
    public NftablesBindingStore(Nftables nft, TableLayout layout, Map<String, BindingTarget> targets,
                                LongFunction<Optional<CgroupPath>> pathsById) {
        this(nft, layout, targets, pathsById, DEFAULT_TAG_PREFIX);
    }

    /**
     * A store whose tags start with {@code tagPrefix} (one word).
     *
     * @param nft the client
     * @param layout the table the store owns
     * @param targets where each policy target's bindings go, by target name
     * @param pathsById the path of a cgroup ID, for descriptions of adopted bindings
     * @param tagPrefix the first word of the comments that tag the store's rules and elements
     * @throws IllegalArgumentException when a target names a chain or set the layout lacks, a set is
     *                                  no set of {@code cgroupsv2} keys, or two entries fill one set
     */
    public NftablesBindingStore(Nftables nft, TableLayout layout, Map<String, BindingTarget> targets,
                                LongFunction<Optional<CgroupPath>> pathsById, String tagPrefix) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.targets = Map.copyOf(targets);
        this.pathsById = Objects.requireNonNull(pathsById, "pathsById");
        this.tags = new BindingTags(tagPrefix);
        Set<String> filled = new HashSet<>();
        for (Map.Entry<String, BindingTarget> e : this.targets.entrySet()) {
            new PolicyEntry(e.getKey(), new CgroupSelector.Exact(CgroupPath.ROOT));
            switch (e.getValue()) {
                case BindingTarget.RulePerCgroup r -> {
                    if (!layout.hasChain(r.chain())) {
                        throw new IllegalArgumentException("entry " + e.getKey() + ": no chain \"" + r.chain() + "\" in the layout");
                    }
                    Linearizer.linearize(ruleSpec(r, new Binding(e.getKey(), new Cgroup(CgroupPath.of("x"), 1)), "check"),
                            new BatchIds());
                }
                case BindingTarget.SetMembership s -> {
                    NftSet set = layout.set(s.set()).orElse(null);
                    if (set == null || set.keyType() != Datatype.CGROUPV2.id() || set.keyLength() != 8 || set.isMap()
                            || set.isInterval()) {
                        throw new IllegalArgumentException("entry " + e.getKey() + ": \"" + s.set()
                                + "\" is no set of cgroupsv2 keys in the layout");
                    }
                    if (!filled.add(s.set())) {
                        throw new IllegalArgumentException("two entries fill set \"" + s.set() + "\"");
                    }
                }
            }
            fingerprints.put(e.getKey(), fingerprint(e.getValue()));
        }
        for (int i = 0; i < layout.rules().size(); i++) {
            RuleSpec r = layout.rules().get(i);
            fixedTags.add(tags.fixed(i, crc("fixed " + r.chain() + " " + RuleRenderer.DEFAULT.render(r.withComment(null)))));
        }
    }

    /**
     * Checks that every entry of {@code policy} has a target here (a binding of an
     * entry without one makes {@link #apply} fail); returns {@code policy}.
     *
     * @param policy the policy
     * @return {@code policy}
     * @throws IllegalArgumentException naming the entries without a target
     */
    public Policy requireTargets(Policy policy) {
        List<String> missing = policy.entries().stream().map(PolicyEntry::name).filter(n -> !targets.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("policy entries without a binding target: " + missing);
        }
        return policy;
    }

    /**
     * The table this store owns.
     *
     * @return the layout
     */
    public TableLayout layout() {
        return layout;
    }

    /**
     * Number of transactions committed so far.
     *
     * @return the number of transactions
     */
    public synchronized int transactions() {
        return transactions;
    }

    @Override
    public synchronized boolean repairPending() {
        return rebuild || !garbageRules.isEmpty() || !garbageElements.isEmpty();
    }

    @Override
    public synchronized void apply(BindingDiff diff) {
        Transaction t = nft.transaction();
        BatchIds ids = new BatchIds();
        boolean rebuilding = rebuild;
        if (rebuilding) {
            addRebuild(t, ids);
        } else {
            addRemovals(t, diff);
        }
        Map<Binding, Integer> echoes = new HashMap<>();
        Map<Binding, String> addedElements = new HashMap<>();
        addAdditions(t, ids, diff, echoes, addedElements);
        if (t.size() == 0) {
            return;
        }
        CommitResult result = t.commit();
        transactions++;
        if (rebuilding) {
            LOG.log(System.Logger.Level.INFO, "built table {0} {1}", layout.family().nftName(), layout.name());
            rules.clear();
            elements.clear();
            rebuild = false;
        }
        garbageRules.clear();
        garbageElements.clear();
        for (Binding b : diff.removed()) {
            rules.remove(b);
            elements.remove(b);
        }
        elements.putAll(addedElements);
        for (Map.Entry<Binding, Integer> e : echoes.entrySet()) {
            Rule echoed = Rule.decode(result.echo(e.getValue()).orElseThrow(() -> new IllegalStateException(
                    "the kernel did not echo the rule added for " + e.getKey())));
            rules.put(e.getKey(), new RuleRef(echoed.chain(), echoed.handle()));
        }
    }

    /** The table made anew: added, deleted and added again (so that it is empty), with its fixed part. */
    private void addRebuild(Transaction t, BatchIds ids) {
        Table table = Table.of(layout.family(), layout.name());
        t.add(NftOperations.addTable(table));
        t.add(NftOperations.deleteTable(layout.family(), layout.name()));
        t.add(NftOperations.addTable(table));
        for (Chain c : layout.chains()) {
            t.add(NftOperations.addChain(c));
        }
        for (NftSet s : layout.sets()) {
            t.add(NftOperations.addSet(s.withId(ids.nextSet())));
        }
        for (int i = 0; i < layout.rules().size(); i++) {
            t.addAll(Linearizer.operations(layout.rules().get(i).withComment(fixedTags.get(i)), ids));
        }
    }

    /** Deletes what a repair found to remove and the rules and elements of the cgroups that went. */
    private void addRemovals(Transaction t, BindingDiff diff) {
        for (RuleRef r : garbageRules) {
            t.add(new NftOperation.DeleteRule(layout.family(), layout.name(), r.chain(), r.handle()));
        }
        garbageElements.forEach((set, keys) -> t.addAll(NftOperation.deleteElements(layout.family(), layout.name(), set,
                keys.stream().map(SetElement::of).toList())));
        Map<String, List<SetElement>> gone = new LinkedHashMap<>();
        for (Binding b : diff.removed()) {
            RuleRef r = rules.get(b);
            if (r != null) {
                t.add(new NftOperation.DeleteRule(layout.family(), layout.name(), r.chain(), r.handle()));
            }
            String set = elements.get(b);
            if (set != null) {
                gone.computeIfAbsent(set, k -> new ArrayList<>()).add(SetElement.of(key(b.cgroup().id())));
            }
        }
        gone.forEach((set, list) -> t.addAll(NftOperation.deleteElements(layout.family(), layout.name(), set, list)));
    }

    /**
     * Adds a rule or an element per new binding; notes which operation's echo carries each rule's handle
     * ({@code echoes}) and which set each element went into ({@code addedElements}).
     */
    private void addAdditions(Transaction t, BatchIds ids, BindingDiff diff, Map<Binding, Integer> echoes,
                              Map<Binding, String> addedElements) {
        Map<String, List<SetElement>> fresh = new LinkedHashMap<>();
        for (Binding b : diff.added()) {
            BindingTarget target = targets.get(b.entry());
            if (target == null) {
                throw new IllegalArgumentException("policy entry \"" + b.entry() + "\" has no binding target");
            }
            String tag = tags.binding(b, fingerprints.get(b.entry()));
            switch (target) {
                case BindingTarget.RulePerCgroup r -> {
                    t.addAll(Linearizer.operations(ruleSpec(r, b, tag), ids));
                    echoes.put(b, t.size() - 1);
                }
                case BindingTarget.SetMembership s -> {
                    fresh.computeIfAbsent(s.set(), k -> new ArrayList<>()).add(SetElement.of(key(b.cgroup().id())).withComment(tag));
                    addedElements.put(b, s.set());
                }
            }
        }
        fresh.forEach((set, list) -> t.addAll(NftOperation.addElements(layout.family(), layout.name(), set, list)));
    }

    @Override
    public synchronized Collection<Binding> read() {
        Map<Binding, RuleRef> foundRules = new HashMap<>();
        Map<Binding, String> foundElements = new HashMap<>();
        List<RuleRef> junkRules = new ArrayList<>();
        Map<String, List<Bytes>> junkElements = new LinkedHashMap<>();
        String damage = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            foundRules.clear();
            foundElements.clear();
            junkRules.clear();
            junkElements.clear();
            try {
                int generation = nft.generation();
                damage = inspect(foundRules, foundElements, junkRules, junkElements);
                if (nft.generation() == generation) {
                    break;
                }
            } catch (NetlinkKernelException e) {
                damage = "listing it failed (" + e.getMessage() + ")";
            }
        }
        rules.clear();
        elements.clear();
        garbageRules.clear();
        garbageElements.clear();
        if (damage != null) {
            LOG.log(System.Logger.Level.INFO, "table {0} {1} will be rebuilt: {2}", layout.family().nftName(), layout.name(), damage);
            rebuild = true;
            return List.of();
        }
        rebuild = false;
        rules.putAll(foundRules);
        elements.putAll(foundElements);
        garbageRules.addAll(junkRules);
        garbageElements.putAll(junkElements);
        if (!junkRules.isEmpty() || !junkElements.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "table {0} {1}: {2} rule(s) and {3} element(s) to remove",
                    layout.family().nftName(), layout.name(), junkRules.size(),
                    junkElements.values().stream().mapToInt(List::size).sum());
        }
        List<Binding> all = new ArrayList<>(foundRules.keySet());
        all.addAll(foundElements.keySet());
        return all;
    }

    /** Lists the table; returns what is wrong with its fixed part, or {@code null}. */
    private String inspect(Map<Binding, RuleRef> foundRules, Map<Binding, String> foundElements,
                           List<RuleRef> junkRules, Map<String, List<Bytes>> junkElements) {
        String damage = inspectFixedPart();
        if (damage == null) {
            damage = inspectRules(foundRules, junkRules);
        }
        if (damage == null) {
            inspectElements(foundElements, junkElements);
        }
        return damage;
    }

    /** What is wrong with the table, its chains and its sets, or {@code null}. */
    private String inspectFixedPart() {
        if (nft.listTables(layout.family()).stream().noneMatch(t -> t.name().equals(layout.name()))) {
            return "there is no such table";
        }
        Map<String, Chain> chains = new HashMap<>();
        for (Chain c : nft.listChains(layout.family(), layout.name())) {
            if (c.table().equals(layout.name())) {
                chains.put(c.name(), c);
            }
        }
        if (chains.size() != layout.chains().size()) {
            return "it has chains " + chains.keySet();
        }
        for (Chain want : layout.chains()) {
            Chain have = chains.get(want.name());
            if (have == null) {
                return "chain " + want.name() + " is missing";
            }
            if (want.isBase() != have.isBase() || want.isBase() && (want.base().hook() != have.base().hook()
                    || want.base().type() != have.base().type() || want.base().priority() != have.base().priority()
                    || want.base().policy() != null && have.base().policy() != null
                    && want.base().policy() != have.base().policy())) {
                return "chain " + want.name() + " has another hook, priority or policy";
            }
        }
        Map<String, NftSet> sets = new HashMap<>();
        for (NftSet s : nft.listSets(layout.family(), layout.name())) {
            if (s.table().equals(layout.name()) && (s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) == 0 && !s.name().startsWith("__")) {
                sets.put(s.name(), s);
            }
        }
        if (sets.size() != layout.sets().size()) {
            return "it has sets " + sets.keySet();
        }
        for (NftSet want : layout.sets()) {
            NftSet have = sets.get(want.name());
            if (have == null || have.keyType() != want.keyType() || have.keyLength() != want.keyLength()
                    || have.isMap() != want.isMap() || have.isInterval() != want.isInterval()) {
                return "set " + want.name() + " is missing or of another type";
            }
        }
        return null;
    }

    /** Sorts the rules into those of current bindings and those to remove; what is wrong with the fixed rules, or {@code null}. */
    private String inspectRules(Map<Binding, RuleRef> foundRules, List<RuleRef> junkRules) {
        Map<String, List<String>> fixedByChain = new HashMap<>();
        for (int i = 0; i < layout.rules().size(); i++) {
            fixedByChain.computeIfAbsent(layout.rules().get(i).chain(), k -> new ArrayList<>()).add(fixedTags.get(i));
        }
        for (Chain c : layout.chains()) {
            List<String> fixed = new ArrayList<>();
            for (Rule r : nft.listRules(layout.family(), layout.name(), c.name())) {
                if (!r.table().equals(layout.name()) || !r.chain().equals(c.name())) {
                    continue;
                }
                int index = tags.fixedIndex(r.comment());
                if (index >= 0) {
                    fixed.add(r.comment());
                    continue;
                }
                Optional<BindingTags.Tag> tag = tags.parseBinding(r.comment());
                RuleRef ref = new RuleRef(c.name(), r.handle());
                if (tag.isEmpty()) {
                    junkRules.add(ref);
                    continue;
                }
                BindingTags.Tag t = tag.get();
                Binding b = binding(t);
                boolean current = targets.get(t.entry()) instanceof BindingTarget.RulePerCgroup target
                        && target.chain().equals(c.name()) && t.fingerprint().equals(fingerprints.get(t.entry()));
                if (!current && targets.containsKey(t.entry()) || foundRules.containsKey(b)) {
                    junkRules.add(ref);
                } else {
                    foundRules.put(b, ref);
                }
            }
            if (!fixed.equals(fixedByChain.getOrDefault(c.name(), List.of()))) {
                return "the fixed rules of chain " + c.name() + " are " + fixed;
            }
        }
        return null;
    }

    /** Sorts the elements of the cgroup sets into those of current bindings and those to remove. */
    private void inspectElements(Map<Binding, String> foundElements, Map<String, List<Bytes>> junkElements) {
        Map<String, String> fillers = new HashMap<>();
        targets.forEach((entry, target) -> {
            if (target instanceof BindingTarget.SetMembership s) {
                fillers.put(s.set(), entry);
            }
        });
        for (NftSet set : layout.sets()) {
            if (set.keyType() != Datatype.CGROUPV2.id() || set.keyLength() != 8 || set.isMap()) {
                continue;
            }
            String filler = fillers.get(set.name());
            for (SetElement el : nft.listElements(layout.family(), layout.name(), set.name())) {
                Optional<BindingTags.Tag> tag = el.comment().flatMap(tags::parseBinding);
                if (filler == null) {
                    if (tag.isPresent()) {
                        // filled by an entry of an earlier policy
                        junkElements.computeIfAbsent(set.name(), k -> new ArrayList<>()).add(el.key());
                    }
                    continue;
                }
                Binding b = tag.map(this::binding).orElse(null);
                if (b == null || !tag.get().entry().equals(filler) || !el.key().equals(key(b.cgroup().id()))
                        || !tag.get().fingerprint().equals(fingerprints.get(filler)) || foundElements.containsKey(b)) {
                    junkElements.computeIfAbsent(set.name(), k -> new ArrayList<>()).add(el.key());
                } else {
                    foundElements.put(b, set.name());
                }
            }
        }
    }

    private Binding binding(BindingTags.Tag t) {
        CgroupPath path = t.path();
        if (t.truncated()) {
            path = pathsById.apply(t.id()).orElse(path != null ? path : CgroupPath.of("nftlink-gone-" + Long.toUnsignedString(t.id())));
        }
        return new Binding(t.entry(), new Cgroup(path, t.id()));
    }

    private RuleSpec ruleSpec(BindingTarget.RulePerCgroup target, Binding b, String tag) {
        List<Statement> statements = new ArrayList<>();
        statements.add(new Match(new SocketCgroupField(b.cgroup().level()), Match.Op.EQ, new Value.Single(key(b.cgroup().id()))));
        statements.addAll(target.statements());
        return new RuleSpec(layout.family(), layout.name(), target.chain(), statements, tag, 0);
    }

    /** The key {@code socket cgroupv2} loads for cgroup {@code id}: 8 bytes in host order. */
    static Bytes key(long id) {
        return Datatype.CGROUPV2.parse(Long.toUnsignedString(id), 8);
    }

    private String fingerprint(BindingTarget target) {
        String text = switch (target) {
            case BindingTarget.RulePerCgroup r -> "rule " + r.chain() + " "
                    + RuleRenderer.DEFAULT.render(new RuleSpec(layout.family(), layout.name(), r.chain(), r.statements(), null, 0));
            case BindingTarget.SetMembership s -> "set " + s.set();
        };
        return crc(text);
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
