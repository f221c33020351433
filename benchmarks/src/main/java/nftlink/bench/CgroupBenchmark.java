package nftlink.bench;

import nftlink.cgroup.Binding;
import nftlink.cgroup.BindingDiff;
import nftlink.cgroup.BindingTarget;
import nftlink.cgroup.CgroupHierarchy;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupResolver;
import nftlink.cgroup.CgroupSelector;
import nftlink.cgroup.CgroupTreeWatcher;
import nftlink.cgroup.DesiredState;
import nftlink.cgroup.NftablesBindingStore;
import nftlink.cgroup.Policy;
import nftlink.cgroup.PolicyEntry;
import nftlink.cgroup.Reconciler;
import nftlink.cgroup.TableLayout;
import nftlink.nftables.BaseChain;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 5's latency: from {@code mkdir} of a new cgroup to the reconciler's commit
 * of its rule ({@code form = rule}: {@code socket cgroupv2 level 2 ID accept} in a
 * chain of per-cgroup rules) or of its set element ({@code form = set}: the ID in
 * a {@code cgroupsv2} set that a fixed rule looks up).
 *
 * <p>Each trial runs in a fresh network namespace with a throwaway cgroup subtree
 * {@code nftlink-bench-XXXX} directly below the host's cgroup-v2 mount; a
 * {@link Reconciler} with a {@link CgroupTreeWatcher} (inotify) on that subtree
 * keeps the fail-closed table of the cgroup package's overview true: port 443
 * jumps to the per-cgroup rules and is rejected after them, port 80 is accepted
 * for members of the set and rejected otherwise. The policy binds every
 * {@code c-*} child of the subtree.
 *
 * <p>The measured call is {@code mkdir} of the next {@code c-N} and the wait until
 * the reconciler's {@code onCommit} callback reports a committed diff that adds
 * it (after the kernel acknowledged the transaction). Before each call a fresh
 * latch is armed; after it the cgroup is removed again and the teardown waits
 * until the reconciler has committed the removal, so every call starts with an
 * idle reconciler and an empty chain or set; none of that is timed. The
 * namespace, the reconciler and the subtree are removed at the end of the trial,
 * when the set-up fails half-way, and, should the JVM end first, by a shutdown
 * hook.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CgroupBenchmark {

    /** Longest wait for one commit before the call fails (a stuck reconciler, not a slow one). */
    static final long COMMIT_TIMEOUT_SECONDS = 30;

    static final String TABLE = "cgbench";
    static final String RULE_CHAIN = "percgroup";
    static final String SET = "members";
    static final String ENTRY = "bench";

    /** The policy form: {@code rule} (a rule per cgroup) or {@code set} (set membership). */
    @Param({"rule", "set"})
    public String form;

    BenchNamespace ns;
    CgroupHierarchy hierarchy;
    CgroupPath root;
    Nftables nft;
    Reconciler reconciler;
    private Thread subtreeCleanup;

    private int next;
    private volatile CgroupPath awaitedAdd;
    private volatile CgroupPath awaitedRemoval;
    private volatile CountDownLatch committed;
    private Path current;

    /** The table of the package overview's fail-closed example, with both forms' places. */
    static TableLayout layout() {
        Family f = Family.INET;
        Statement accept = new Statement.VerdictStatement(Verdict.ACCEPT);
        Statement reject = Statement.RejectStatement.defaultFor(f);
        return new TableLayout(f, TABLE,
                List.of(Chain.base(f, TABLE, "out", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 0, ChainPolicy.ACCEPT)),
                        Chain.regular(f, TABLE, RULE_CHAIN)),
                List.of(NftSet.of(f, TABLE, SET, Datatype.CGROUPV2)),
                List.of(RuleSpec.of(f, TABLE, "out", Match.of(PayloadField.TCP_DPORT, Match.Op.EQ, "443"),
                                new Statement.VerdictStatement(Verdict.jump(RULE_CHAIN))),
                        RuleSpec.of(f, TABLE, "out", Match.of(PayloadField.TCP_DPORT, Match.Op.EQ, "443"), reject),
                        RuleSpec.of(f, TABLE, "out", Match.of(PayloadField.TCP_DPORT, Match.Op.EQ, "80"),
                                new Match(new SocketCgroupField(2), Match.Op.EQ, new Value.SetReference(SET)), accept),
                        RuleSpec.of(f, TABLE, "out", Match.of(PayloadField.TCP_DPORT, Match.Op.EQ, "80"), reject)));
    }

    BindingTarget target() {
        return switch (form) {
            case "rule" -> BindingTarget.RulePerCgroup.of(RULE_CHAIN, new Statement.VerdictStatement(Verdict.ACCEPT));
            case "set" -> new BindingTarget.SetMembership(SET);
            default -> throw new IllegalArgumentException("form must be rule or set, not " + form);
        };
    }

    @Setup(Level.Trial)
    public void setup() {
        try {
            BindingTarget target = target();
            ns = BenchNamespace.create();
            hierarchy = CgroupHierarchy.discover();
            root = CgroupPath.of(BenchNamespace.PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL));
            Path top = hierarchy.directory(root);
            subtreeCleanup = new Thread(() -> removeTree(top));
            Runtime.getRuntime().addShutdownHook(subtreeCleanup);
            Files.createDirectory(top);
            nft = Nftables.open(ns.namespace());
            CgroupResolver resolver = new CgroupResolver(hierarchy);
            NftablesBindingStore store = new NftablesBindingStore(nft, layout(), Map.of(ENTRY, target), resolver::path);
            Policy policy = Policy.of(new PolicyEntry(ENTRY, CgroupSelector.Glob.of(root + "/c-*")));
            reconciler = new Reconciler(new DesiredState(store.requireTargets(policy)), store, () -> resolver.scan(root),
                    List.of(new CgroupTreeWatcher(resolver, root)), this::committed);
            reconciler.start();
        } catch (IOException e) {
            tearDown();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            tearDown();
            throw e;
        }
    }

    /** The reconciler's onCommit: releases the waiting call when the awaited cgroup was added or removed. */
    private void committed(BindingDiff diff) {
        CgroupPath add = awaitedAdd;
        CgroupPath removal = awaitedRemoval;
        if ((add != null && contains(diff.added(), add)) || (removal != null && contains(diff.removed(), removal))) {
            CountDownLatch latch = committed;
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    private static boolean contains(List<Binding> bindings, CgroupPath path) {
        for (Binding b : bindings) {
            if (b.cgroup().path().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** Arms the latch for the next cgroup (not timed). */
    @Setup(Level.Invocation)
    public void prepare() {
        CgroupPath path = root.resolve(CgroupPath.of("c-" + next++));
        current = hierarchy.directory(path);
        awaitedRemoval = null;
        committed = new CountDownLatch(1);
        awaitedAdd = path;
    }

    /** mkdir of a new cgroup, then the wait for the commit that binds it. */
    @Benchmark
    public void mkdirToCommit() throws IOException, InterruptedException {
        Files.createDirectory(current);
        await("the commit that binds " + current);
    }

    /** Removes the cgroup and waits until the reconciler committed its removal (not timed). */
    @TearDown(Level.Invocation)
    public void removeCgroup() throws IOException, InterruptedException {
        if (current == null || !Files.isDirectory(current)) {
            return;
        }
        awaitedAdd = null;
        committed = new CountDownLatch(1);
        awaitedRemoval = root.resolve(CgroupPath.of(current.getFileName().toString()));
        Files.delete(current);
        await("the commit that unbinds " + current);
        current = null;
    }

    private void await(String what) throws InterruptedException {
        if (!committed.await(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no commit within " + COMMIT_TIMEOUT_SECONDS + " s: " + what);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (reconciler != null) {
                reconciler.close();
            }
        } finally {
            try {
                if (nft != null) {
                    nft.close();
                }
            } finally {
                try {
                    if (subtreeCleanup != null) {
                        removeTree(hierarchy.directory(root));
                        try {
                            Runtime.getRuntime().removeShutdownHook(subtreeCleanup);
                        } catch (IllegalStateException shuttingDown) {
                            // the hook runs anyway; removing twice is harmless
                        }
                    }
                } finally {
                    if (ns != null) {
                        ns.close();
                    }
                }
            }
        }
    }

    /** Removes {@code top} and every cgroup below it, deepest first (cgroups must be empty of processes). */
    static void removeTree(Path top) {
        if (!Files.isDirectory(top)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(top)) {
            dirs = s.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
