package nftlink.examples.daemon;

import nftlink.cgroup.Binding;
import nftlink.cgroup.BindingDiff;
import nftlink.cgroup.BindingStore;
import nftlink.cgroup.Cgroup;
import nftlink.cgroup.CgroupPath;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.ParsedOperation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The daemon's {@link nftlink.cgroup.BindingStore}: it puts each binding where its
 * policy entry says, into the user's own tables (which it never creates, flushes or
 * deletes): the entry's rule, compiled with the cgroup's ID, appended (or inserted)
 * to the entry's chain, or the cgroup's ID as an element of the entry's set. Each
 * carries the comment tag {@code nftlinkd ENTRY ID FINGERPRINT /PATH}, by which a
 * later run adopts it and {@code --flush} finds it; tagged rules and elements that
 * no entry of the current policy describes are removed by the next transaction.
 */
final class PolicyStore implements BindingStore {

    /** First word of every tag. */
    static final String TAG = "nftlinkd";
    private static final int MAX_TAG_BYTES = 250;

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

    /**
     * @param nft       the connection, in the rule set's network namespace
     * @param parser    compiles the entries' rules (its set lookup should know the kernel's sets)
     * @param policy    the entries
     * @param pathsById the path of a live cgroup by ID, for tags too long to keep the path
     * @param changes   told of every rule or element added or removed, after the commit
     */
    PolicyStore(Nftables nft, NftParser parser, PolicyFile policy, LongFunction<Optional<CgroupPath>> pathsById,
                Consumer<Change> changes) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.parser = Objects.requireNonNull(parser, "parser");
        policy.entries().forEach(e -> entries.put(e.name(), e));
        this.pathsById = pathsById;
        this.changes = changes;
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
        return !garbage.isEmpty();
    }

    /** The operations that {@code diff} (and the garbage) takes, each with its nft text; the index of rules to echo. */
    synchronized Plan plan(BindingDiff diff) {
        List<NftOperation> ops = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<Installed> removed = new ArrayList<>(garbage);
        for (Binding b : diff.removed()) {
            Installed i = installed.get(b);
            if (i != null) {
                removed.add(i);
            }
        }
        for (Installed i : removed) {
            switch (i) {
                case InstalledRule r -> ops.add(new NftOperation.DeleteRule(r.family(), r.table(), r.chain(), r.handle()));
                case InstalledElement e -> ops.add(new NftOperation.DeleteElements(e.family(), e.table(), e.set(),
                        List.of(SetElement.of(key(e.binding().cgroup().id())))));
            }
            text.add("delete " + i.describe());
        }
        Map<Binding, Integer> echoes = new LinkedHashMap<>();
        Map<Binding, PolicyFile.Entry> added = new LinkedHashMap<>();
        for (Binding b : diff.added()) {
            PolicyFile.Entry entry = entries.get(b.entry());
            if (entry == null) {
                throw new IllegalArgumentException("no policy entry \"" + b.entry() + "\"");
            }
            String tag = tag(b, entry.fingerprint());
            switch (entry) {
                case PolicyFile.RuleEntry r -> {
                    List<ParsedOperation> parsed = parser.withCgroupResolver(p -> b.cgroup().id()).parse(r.command(),
                            r.location().file()).parsed();
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
        return new Plan(ops, text, removed, echoes, added);
    }

    /** A planned transaction. */
    record Plan(List<NftOperation> operations, List<String> text, List<Installed> removed,
                Map<Binding, Integer> echoes, Map<Binding, PolicyFile.Entry> added) {
    }

    @Override
    public synchronized void apply(BindingDiff diff) {
        Plan plan = plan(diff);
        if (plan.operations().isEmpty()) {
            return;
        }
        Transaction t = nft.transaction();
        t.addAll(plan.operations());
        CommitResult result = t.commit();
        List<Change> done = new ArrayList<>();
        for (Installed i : plan.removed()) {
            installed.remove(i.binding());
            done.add(new Change(false, i));
        }
        garbage.clear();
        for (Map.Entry<Binding, PolicyFile.Entry> e : plan.added().entrySet()) {
            Binding b = e.getKey();
            Installed i = switch (e.getValue()) {
                case PolicyFile.RuleEntry r -> {
                    Rule echoed = Rule.decode(result.echo(plan.echoes().get(b)).orElseThrow(() -> new IllegalStateException(
                            "the kernel did not echo the rule added for " + b)));
                    yield new InstalledRule(b, echoed.family(), echoed.table(), echoed.chain(), echoed.handle());
                }
                case PolicyFile.SetEntry s -> new InstalledElement(b, s.family(), s.table(), s.set());
            };
            installed.put(b, i);
            done.add(new Change(true, i));
        }
        done.forEach(changes);
    }

    @Override
    public synchronized Collection<Binding> read() {
        installed.clear();
        garbage.clear();
        for (Rule r : nft.listRules()) {
            Optional<Binding> b = parseTag(r.comment());
            if (b.isEmpty()) {
                continue;
            }
            InstalledRule i = new InstalledRule(b.get(), r.family(), r.table(), r.chain(), r.handle());
            keep(i, r.comment());
        }
        for (NftSet s : nft.listSets()) {
            if (s.keyType() != Datatype.CGROUPV2.id() || s.isMap()) {
                continue;
            }
            for (SetElement e : nft.listElements(s.family(), s.table(), s.name())) {
                Optional<Binding> b = parseTag(e.comment());
                if (b.isPresent()) {
                    keep(new InstalledElement(b.get(), s.family(), s.table(), s.name()), e.comment());
                }
            }
        }
        return List.copyOf(installed.keySet());
    }

    /** Adopts {@code i} when its entry still describes it at that place, else marks it for removal. */
    private void keep(Installed i, String comment) {
        PolicyFile.Entry entry = entries.get(i.binding().entry());
        boolean fits = entry != null && comment.split(" ")[3].equals(entry.fingerprint()) && switch (i) {
            case InstalledRule r -> entry instanceof PolicyFile.RuleEntry re && re.family() == r.family()
                    && re.table().equals(r.table()) && re.chain().equals(r.chain());
            case InstalledElement e -> entry instanceof PolicyFile.SetEntry se && se.family() == e.family()
                    && se.table().equals(e.table()) && se.set().equals(e.set());
        };
        if (fits && !installed.containsKey(i.binding())) {
            installed.put(i.binding(), i);
        } else {
            garbage.add(i);
        }
    }

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
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A cgroup ID as a {@code cgroupsv2} set key. */
    static Bytes key(long id) {
        return Datatype.CGROUPV2.parse(Long.toUnsignedString(id), 8);
    }
}
