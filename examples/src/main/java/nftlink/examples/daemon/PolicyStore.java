package nftlink.examples.daemon;

import nftlink.cgroup.Binding;
import nftlink.cgroup.BindingDiff;
import nftlink.cgroup.BindingStore;
import nftlink.cgroup.Cgroup;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.InvalidCgroupPathException;
import nftlink.cgroup.NftablesMonitor.TableName;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.ParsedOperation;

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
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The daemon's {@link BindingStore}: it puts each binding where its
 * policy entry says, into the user's own tables (which it never creates, flushes or
 * deletes): the entry's rule, compiled with the cgroup's ID, appended (or inserted)
 * to the entry's chain, or the cgroup's ID as an element of the entry's set. Each
 * carries the comment tag {@code nftlinkd ENTRY ID FINGERPRINT /PATH}, by which a
 * later run adopts it and {@code --flush} finds it; tagged rules and elements that
 * no entry of the current policy describes are removed by the next transaction, and
 * so is a tagged rule this store did not commit unless it is exactly the rule its
 * entry compiles to (a forged tag buys nothing).
 *
 * <p>With a {@link StaticRuleset} (the policy's {@code --load} part) the tables it
 * declares are the daemon's: one that someone damaged (deleted, flushed, a chain,
 * set or static rule removed) is rebuilt, with every binding in it, in the next
 * transaction. A chain or set an entry needs that is gone from a table the daemon
 * does not own is waited for: its bindings are left out, with one line when it goes
 * and one when it is back.
 */
final class PolicyStore implements BindingStore {

    /** First word of every tag. */
    static final String TAG = "nftlinkd";
    private static final int MAX_TAG_BYTES = 250;
    /** Above this many changes in one transaction, one summary line instead of a line each. */
    private static final int MAX_CHANGE_LINES = 20;

    /** Where a binding lives: a rule (with its handle) or a set element. */
    sealed interface Installed permits InstalledRule, InstalledElement {
        /** The binding. */
        Binding binding();

        /** In nft syntax, e.g. {@code rule inet filter out handle 7}. */
        String describe();
    }

    /** A rule with its handle. */
    record InstalledRule(Binding binding, Family family, String table, String chain, long handle) implements Installed {
        @Override
        public String describe() {
            return "rule " + family.nftName() + " " + table + " " + chain + " handle " + handle;
        }
    }

    /** An element of a set. */
    record InstalledElement(Binding binding, Family family, String table, String set) implements Installed {
        @Override
        public String describe() {
            return "element " + family.nftName() + " " + table + " " + set + " { " + Long.toUnsignedString(binding.cgroup().id()) + " }";
        }
    }

    /** A change this store committed, for the one-line-per-change log. */
    record Change(boolean added, Installed what) {
        @Override
        public String toString() {
            Binding b = what.binding();
            return (added ? "added " : "removed ") + b.entry() + " cgroup " + Long.toUnsignedString(b.cgroup().id())
                    + " /" + b.cgroup().path() + ": " + what.describe();
        }
    }

    private final Nftables nft;
    private final NftParser parser;
    private final Map<String, PolicyFile.Entry> entries = new HashMap<>();
    private final LongFunction<Optional<CgroupPath>> pathsById;
    private final Consumer<Change> changes;
    private final Map<Binding, Installed> installed = new HashMap<>();
    private final List<Installed> garbage = new ArrayList<>();
    private final StaticRuleset statics;
    private final Consumer<String> notices;
    /** Rules this store committed or adopted, by {@code FAMILY TABLE HANDLE}: a tagged rule not among them is checked. */
    private final Set<String> ownRules = new HashSet<>();
    /** Bindings this store installed or adopted and has not removed: one that must be added again was removed by someone. */
    private final Set<Binding> known = new HashSet<>();
    /** The chains and cgroup sets ({@code FAMILY TABLE NAME}) the last read found, or {@code null} before the first. */
    private Set<String> targets;
    private Set<TableName> damaged = Set.of();
    private Set<TableName> provided = Set.of();
    private Set<TableName> existingTables = Set.of();
    /** Targets that were missing at the last apply, with how many bindings wait for each. */
    private Map<String, Integer> waiting = Map.of();

    /**
     * @param nft       the connection, in the rule set's network namespace
     * @param parser    compiles the entries' rules (its set lookup should know the kernel's sets)
     * @param policy    the entries
     * @param pathsById the path of a live cgroup by ID, for tags too long to keep the path
     * @param changes   told of every rule or element added or removed, after the commit
     */
    PolicyStore(Nftables nft, NftParser parser, PolicyFile policy, LongFunction<Optional<CgroupPath>> pathsById,
                Consumer<Change> changes) {
        this(nft, parser, policy, pathsById, changes, null, line -> { });
    }

    /**
     * A store that also keeps the tables of a static rule set whole.
     *
     * @param statics the static rule set loaded with {@code --load}, or {@code null}
     * @param notices told one line per repair, and when a chain or set an entry needs goes or comes back
     */
    PolicyStore(Nftables nft, NftParser parser, PolicyFile policy, LongFunction<Optional<CgroupPath>> pathsById,
                Consumer<Change> changes, StaticRuleset statics, Consumer<String> notices) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.parser = Objects.requireNonNull(parser, "parser");
        policy.entries().forEach(e -> entries.put(e.name(), e));
        this.pathsById = pathsById;
        this.changes = changes;
        this.statics = statics;
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** What is installed now, as the last read or apply left it. */
    synchronized List<Installed> installed() {
        return List.copyOf(installed.values());
    }

    /** Rules and elements the next apply removes because no entry describes them. */
    synchronized List<Installed> garbage() {
        return List.copyOf(garbage);
    }

    @Override
    public synchronized boolean repairPending() {
        return !garbage.isEmpty() || !damaged.isEmpty();
    }

    /** The operations that {@code diff} (and the garbage, and repairs) takes, each with its nft text; the index of rules to echo. */
    synchronized Plan plan(BindingDiff diff) {
        List<NftOperation> ops = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Set<TableName> rebuilt = statics == null ? Set.of() : damaged;
        if (!rebuilt.isEmpty()) {
            for (NftOperation op : statics.rebuild(rebuilt, existingTables)) {
                ops.add(op);
                text.add(op.kind() + " " + op.object());
            }
        }
        List<Installed> removed = new ArrayList<>(garbage);
        for (Binding b : diff.removed()) {
            Installed i = installed.get(b);
            if (i != null) {
                removed.add(i);
            }
        }
        for (Installed i : removed) {
            if (rebuilt.contains(tableOf(i))) {
                continue;
            }
            switch (i) {
                case InstalledRule r -> ops.add(new NftOperation.DeleteRule(r.family(), r.table(), r.chain(), r.handle()));
                case InstalledElement e -> ops.add(new NftOperation.DeleteElements(e.family(), e.table(), e.set(),
                        List.of(SetElement.of(key(e.binding().cgroup().id())))));
            }
            text.add("delete " + i.describe());
        }
        Map<Binding, Integer> echoes = new LinkedHashMap<>();
        Map<Binding, PolicyFile.Entry> added = new LinkedHashMap<>();
        Map<String, Integer> missing = new TreeMap<>();
        for (Binding b : diff.added()) {
            PolicyFile.Entry entry = entries.get(b.entry());
            if (entry == null) {
                throw new IllegalArgumentException("no policy entry \"" + b.entry() + "\"");
            }
            String target = target(entry);
            TableName table = new TableName(entry.family(), entry.table());
            if (targets != null && !targets.contains(target) && !rebuilt.contains(table) && !provided.contains(table)) {
                missing.merge(target, 1, Integer::sum);
                continue;
            }
            String tag = tag(b, entry.fingerprint());
            switch (entry) {
                case PolicyFile.RuleEntry r -> {
                    List<ParsedOperation> parsed = compile(r, b.cgroup().id());
                    for (int k = 0; k < parsed.size(); k++) {
                        NftOperation op = parsed.get(k).operation();
                        if (k == parsed.size() - 1) {
                            op = switch (op) {
                                case NftOperation.AddRule a -> new NftOperation.AddRule(a.rule().withComment(tag), true);
                                case NftOperation.InsertRule in -> new NftOperation.InsertRule(in.rule().withComment(tag), true);
                                default -> throw new IllegalStateException("entry " + r.name() + " compiled to " + op.kind());
                            };
                            String echo = parsed.get(k).echo();
                            text.add((echo == null ? op.kind() + " " + op.object() : echo) + " comment \"" + tag + "\"");
                            echoes.put(b, ops.size());
                        }
                        ops.add(op);
                    }
                }
                case PolicyFile.SetEntry s -> {
                    ops.add(new NftOperation.AddElements(s.family(), s.table(), s.set(), 0,
                            List.of(SetElement.of(key(b.cgroup().id())).withComment(tag)), false));
                    text.add("add element " + s.family().nftName() + " " + s.table() + " " + s.set() + " { "
                            + Long.toUnsignedString(b.cgroup().id()) + " comment \"" + tag + "\" }");
                }
            }
            added.put(b, entry);
        }
        return new Plan(ops, text, removed, echoes, added, rebuilt, missing);
    }

    private List<ParsedOperation> compile(PolicyFile.RuleEntry r, long cgroup) {
        return parser.withCgroupResolver(p -> cgroup).parse(r.command(), r.location().file()).parsed();
    }

    /** {@code chain FAMILY TABLE NAME} or {@code set FAMILY TABLE NAME}: where an entry's bindings go. */
    private static String target(PolicyFile.Entry entry) {
        String table = entry.family().nftName() + " " + entry.table() + " ";
        return switch (entry) {
            case PolicyFile.RuleEntry r -> "chain " + table + r.chain();
            case PolicyFile.SetEntry s -> "set " + table + s.set();
        };
    }

    private static TableName tableOf(Installed i) {
        return switch (i) {
            case InstalledRule r -> new TableName(r.family(), r.table());
            case InstalledElement e -> new TableName(e.family(), e.table());
        };
    }

    /**
     * A planned transaction.
     *
     * @param rebuilt tables of the static rule set rebuilt first
     * @param missing chains and sets that are gone, with how many bindings wait for each (left out)
     */
    record Plan(List<NftOperation> operations, List<String> text, List<Installed> removed,
                Map<Binding, Integer> echoes, Map<Binding, PolicyFile.Entry> added, Set<TableName> rebuilt,
                Map<String, Integer> missing) {
    }

    @Override
    public synchronized void apply(BindingDiff diff) {
        Plan plan = plan(diff);
        noteWaiting(plan.missing());
        if (plan.operations().isEmpty()) {
            garbage.clear();
            return;
        }
        Transaction t = nft.transaction();
        t.addAll(plan.operations());
        CommitResult result = t.commit();
        List<Change> done = new ArrayList<>();
        List<Binding> putBack = new ArrayList<>();
        for (Installed i : plan.removed()) {
            installed.remove(i.binding());
            known.remove(i.binding());
            done.add(new Change(false, i));
        }
        installed.values().removeIf(i -> plan.rebuilt().contains(tableOf(i)));
        garbage.clear();
        damaged = Set.of();
        for (Map.Entry<Binding, PolicyFile.Entry> e : plan.added().entrySet()) {
            Binding b = e.getKey();
            Installed i = switch (e.getValue()) {
                case PolicyFile.RuleEntry r -> {
                    Rule echoed = Rule.decode(result.echo(plan.echoes().get(b)).orElseThrow(() -> new IllegalStateException(
                            "the kernel did not echo the rule added for " + b)));
                    ownRules.add(ruleKey(echoed.family(), echoed.table(), echoed.handle()));
                    yield new InstalledRule(b, echoed.family(), echoed.table(), echoed.chain(), echoed.handle());
                }
                case PolicyFile.SetEntry s -> new InstalledElement(b, s.family(), s.table(), s.set());
            };
            installed.put(b, i);
            if (known.add(b)) {
                done.add(new Change(true, i));
            } else {
                putBack.add(b);
            }
        }
        if (!putBack.isEmpty() && plan.rebuilt().isEmpty()) {
            Binding first = putBack.getFirst();
            notices.accept("put back " + putBack.size() + " rule(s)/element(s) someone removed (" + first.entry() + " cgroup "
                    + Long.toUnsignedString(first.cgroup().id()) + ": " + installed.get(first).describe()
                    + (putBack.size() > 1 ? ", and others" : "") + ")");
        }
        for (TableName rebuilt : plan.rebuilt()) {
            notices.accept("repaired table " + rebuilt.family().nftName() + " " + rebuilt.name()
                    + ": rebuilt from the static rule set with its rules and elements");
        }
        if (done.size() > MAX_CHANGE_LINES) {
            long added = done.stream().filter(Change::added).count();
            notices.accept("added " + added + " and removed " + (done.size() - added) + " rule(s)/element(s) in one transaction");
        } else {
            done.forEach(changes);
        }
    }

    /** One line when a target goes missing or comes back; nothing while it stays as it was. */
    private void noteWaiting(Map<String, Integer> missing) {
        for (Map.Entry<String, Integer> m : missing.entrySet()) {
            if (!waiting.containsKey(m.getKey())) {
                notices.accept(m.getKey() + " is gone: " + m.getValue() + " rule(s)/element(s) wait for it to come back");
            }
        }
        for (String gone : waiting.keySet()) {
            if (!missing.containsKey(gone) && targets != null && targets.contains(gone)) {
                notices.accept(gone + " is back");
            }
        }
        waiting = Map.copyOf(missing);
    }

    /**
     * Tables whose chains and sets a transaction before this store's provides (the
     * static rule set, in a dry run): entries there are never left out as waiting.
     */
    synchronized void assumeProvided(Set<TableName> tables) {
        provided = Set.copyOf(tables);
    }

    /** What an entry needs that is missing now, after the last read, with the number of bindings that wait. */
    synchronized Map<String, Integer> waiting() {
        return waiting;
    }

    @Override
    public synchronized Collection<Binding> read() {
        installed.clear();
        garbage.clear();
        damaged = statics == null ? Set.of() : statics.damaged(nft);
        existingTables = statics == null ? Set.of() : StaticRuleset.existing(nft);
        Set<String> found = new HashSet<>();
        nft.listChains().forEach(c -> found.add("chain " + c.family().nftName() + " " + c.table() + " " + c.name()));
        List<NftSet> cgroupSets = nft.listSets().stream().filter(s -> s.keyType() == Datatype.CGROUPV2.id() && !s.isMap()).toList();
        cgroupSets.forEach(s -> found.add("set " + s.family().nftName() + " " + s.table() + " " + s.name()));
        for (Rule r : nft.listRules()) {
            Optional<Binding> b = parseTag(r.comment());
            if (b.isEmpty() || damaged.contains(new TableName(r.family(), r.table()))) {
                continue;
            }
            keep(new InstalledRule(b.get(), r.family(), r.table(), r.chain(), r.handle()), r.comment(), r);
        }
        for (NftSet s : cgroupSets) {
            if (damaged.contains(new TableName(s.family(), s.table()))) {
                continue;
            }
            for (SetElement e : nft.listElements(s.family(), s.table(), s.name())) {
                Optional<Binding> b = e.comment().flatMap(this::parseTag);
                if (b.isPresent()) {
                    keep(new InstalledElement(b.get(), s.family(), s.table(), s.name()), e.comment().get(), null);
                }
            }
        }
        targets = found;
        return List.copyOf(installed.keySet());
    }

    /**
     * Adopts {@code i} when its entry still describes it at that place and, for a rule
     * this store did not commit, when it is the rule the entry compiles to; else marks
     * it for removal (a forged rule carrying the tag, a stale or duplicate one).
     */
    private void keep(Installed i, String comment, Rule rule) {
        PolicyFile.Entry entry = entries.get(i.binding().entry());
        boolean fits = entry != null && comment.split(" ")[3].equals(entry.fingerprint()) && switch (i) {
            case InstalledRule r -> entry instanceof PolicyFile.RuleEntry re && re.family() == r.family()
                    && re.table().equals(r.table()) && re.chain().equals(r.chain())
                    && (ownRules.contains(ruleKey(r.family(), r.table(), r.handle())) || compilesTo(re, i.binding(), rule));
            case InstalledElement e -> entry instanceof PolicyFile.SetEntry se && se.family() == e.family()
                    && se.table().equals(e.table()) && se.set().equals(e.set());
        };
        if (fits && !installed.containsKey(i.binding())) {
            installed.put(i.binding(), i);
            known.add(i.binding());
            if (i instanceof InstalledRule r) {
                ownRules.add(ruleKey(r.family(), r.table(), r.handle()));
            }
        } else {
            garbage.add(i);
        }
    }

    /**
     * Whether the kernel's {@code rule} has the expressions {@code entry} compiles to for
     * the binding's cgroup; a lookup in an anonymous set compares by the set's elements
     * (the kernel names the set {@code __set0} where the compiled rule has {@code __set%d}).
     */
    private boolean compilesTo(PolicyFile.RuleEntry entry, Binding b, Rule rule) {
        try {
            List<ParsedOperation> parsed = compile(entry, b.cgroup().id());
            Rule wanted = switch (parsed.getLast().operation()) {
                case NftOperation.AddRule a -> a.rule();
                case NftOperation.InsertRule in -> in.rule();
                default -> null;
            };
            if (wanted == null) {
                return false;
            }
            Map<Integer, Set<List<Bytes>>> compiledSets = new HashMap<>();
            for (ParsedOperation p : parsed) {
                if (p.operation() instanceof NftOperation.AddElements add) {
                    compiledSets.computeIfAbsent(add.setId(), k -> new HashSet<>()).addAll(add.elements().stream()
                            .map(PolicyStore::elementKey).toList());
                }
            }
            List<Object> compiled = normalized(wanted.expressions(), l -> compiledSets.getOrDefault(l.setId(), Set.of()));
            List<Object> kernel = normalized(rule.expressions(), l -> new HashSet<>(nft.listElements(rule.family(), rule.table(),
                    l.set()).stream().map(PolicyStore::elementKey).toList()));
            return compiled.equals(kernel);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Bytes> elementKey(SetElement e) {
        return e.keyEnd() == null ? List.of(e.key()) : List.of(e.key(), e.keyEnd());
    }

    /** A lookup in an anonymous set, by what the set holds. */
    private record AnonymousLookup(Set<List<Bytes>> elements, int sreg, int dreg, int flags) {
    }

    private static List<Object> normalized(List<Expression> expressions, Function<Lookup, Set<List<Bytes>>> anonymous) {
        List<Object> out = new ArrayList<>();
        for (Expression x : expressions) {
            if (x instanceof Lookup l) {
                // no flags and flags 0 are the same lookup; a named set is known by its name alone
                int flags = l.flags() == null ? 0 : l.flags();
                out.add(l.set().startsWith("__set") ? new AnonymousLookup(anonymous.apply(l), l.sreg(), l.dreg(), flags)
                        : new Lookup(l.set(), 0, l.sreg(), l.dreg(), flags));
            } else {
                out.add(x);
            }
        }
        return out;
    }

    private static String ruleKey(Family family, String table, long handle) {
        return family.nftName() + " " + table + " " + handle;
    }

    /** {@code nftlinkd ENTRY ID FP /PATH}, or {@code ?} instead of the path when it is too long. */
    /** {@code nftlinkd ENTRY ID FP /PATH}, or {@code ?} instead of the path when it is too long. */
    static String tag(Binding b, String fingerprint) {
        String head = TAG + " " + b.entry() + " " + Long.toUnsignedString(b.cgroup().id()) + " " + fingerprint + " ";
        String full = head + "/" + b.cgroup().path();
        return full.getBytes(StandardCharsets.UTF_8).length <= MAX_TAG_BYTES ? full : head + "?";
    }

    private Optional<Binding> parseTag(String comment) {
        if (comment == null || !comment.startsWith(TAG + " ")) {
            return Optional.empty();
        }
        String[] parts = comment.split(" ", 5);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            long id = Long.parseUnsignedLong(parts[2]);
            CgroupPath path;
            if (parts[4].equals("?")) {
                Optional<CgroupPath> p = pathsById.apply(id);
                path = p.orElse(CgroupPath.of("unknown-cgroup-" + parts[2]));
            } else if (parts[4].startsWith("/")) {
                path = CgroupPath.of(parts[4].substring(1));
            } else {
                return Optional.empty();
            }
            return Optional.of(new Binding(parts[1], new Cgroup(path, id)));
        } catch (InvalidCgroupPathException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A cgroup ID as a {@code cgroupsv2} set key. */
    static Bytes key(long id) {
        return Datatype.CGROUPV2.parse(Long.toUnsignedString(id), 8);
    }
}
