package nftlink.cgroup;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconciler against real cgroups and the real kernel, with bindings kept as
 * chains ({@link ChainBindingStore}), so that the reconciler's own behaviour is
 * tested apart from {@link NftablesBindingStore}: cgroups that appear get one, those
 * that go lose it, a re-created cgroup gets one for its new ID, a deleted table
 * is put back, and a restart adopts what is there instead of duplicating it.
 */
@KernelTest
class ReconcilerKernelTest {

    private static final String TABLE = "cgpolicy";

    private TestCgroupTree tree;
    private CgroupResolver resolver;
    private Policy policy;

    @BeforeEach
    void setUp() {
        tree = TestCgroupTree.create();
        resolver = new CgroupResolver(tree.hierarchy());
        policy = Policy.of(new PolicyEntry("apps", CgroupSelector.Glob.of(tree.root() + "/app-*.scope")));
    }

    @AfterEach
    void tearDown() {
        tree.close();
    }

    private Reconciler reconciler(NetworkNamespace n, ChainBindingStore store, List<BindingDiff> commits) {
        return new Reconciler(new DesiredState(policy), store, () -> resolver.scan(tree.root()),
                List.of(new CgroupTreeWatcher(resolver, tree.root()),
                        new NftablesMonitor(n, Set.of(new NftablesMonitor.TableName(Family.INET, TABLE)), 0)),
                commits::add);
    }

    private static Set<Binding> expected(Policy policy, Collection<Cgroup> live) {
        Set<Binding> out = new HashSet<>();
        for (Cgroup c : live) {
            for (PolicyEntry e : policy.entries()) {
                if (e.selector().matches(c.path())) {
                    out.add(new Binding(e.name(), c));
                }
            }
        }
        return out;
    }

    private void awaitStore(String what, ChainBindingStore store, Supplier<Set<Binding>> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EventRecorder.WAIT_SECONDS);
        Set<Binding> want = expected.get();
        while (!new HashSet<>(store.read()).equals(want)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": within " + EventRecorder.WAIT_SECONDS + " s the kernel did not get "
                        + want + "; it has " + store.read());
            }
            Thread.sleep(20);
            want = expected.get();
        }
    }

    private Set<Binding> wanted() {
        return expected(policy, resolver.scan(tree.root()));
    }

    @Test
    void keepsOneBindingPerLiveMatchingCgroupAndRepairsTampering(TestNamespace ns) throws Exception {
        List<BindingDiff> commits = new CopyOnWriteArrayList<>();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name()); Nftables nft = Nftables.open(n)) {
            ChainBindingStore store = new ChainBindingStore(nft, TABLE);
            tree.mkdir("app-before.scope");
            try (Reconciler r = reconciler(n, store, commits)) {
                r.start();
                assertEquals(1, store.read().size(), "a cgroup that existed before start is bound at start");

                CgroupPath one = tree.mkdir("app-one.scope");
                tree.mkdir("other.scope");
                awaitStore("a new cgroup gets its binding", store, this::wanted);
                long firstId = resolver.id(one);

                tree.rmdir("app-one.scope");
                awaitStore("a removed cgroup loses its binding", store, this::wanted);
                tree.mkdir("app-one.scope");
                awaitStore("a re-created cgroup gets a binding for its new ID", store, this::wanted);
                assertTrue(resolver.id(one) != firstId);

                ns.nft("delete", "table", "inet", TABLE).orThrow();
                awaitStore("a deleted table is put back", store, this::wanted);
                String chain = ChainBindingStore.chainName(store.read().iterator().next());
                ns.nft("delete", "chain", "inet", TABLE, chain).orThrow();
                awaitStore("a deleted binding is put back", store, this::wanted);
            }
            int before = commits.size();
            for (BindingDiff d : commits) {
                assertFalse(d.isEmpty());
            }

            tree.rmdir("app-before.scope");
            tree.mkdir("app-while-down.scope");
            List<BindingDiff> afterRestart = new CopyOnWriteArrayList<>();
            try (Reconciler r = reconciler(n, store, afterRestart)) {
                r.start();
                awaitStore("a restart converges", store, this::wanted);
                assertEquals(1, afterRestart.size(), "one transaction at start-up: " + afterRestart);
                BindingDiff d = afterRestart.getFirst();
                assertEquals(List.of("app-before.scope"), d.removed().stream().map(b -> b.cgroup().path().name()).toList());
                assertEquals(List.of("app-while-down.scope"), d.added().stream().map(b -> b.cgroup().path().name()).toList(),
                        "what the previous run left is adopted, not added again");
            }
            assertTrue(before > 0);
        }
    }

    @Test
    void aBurstOfCgroupsIsBoundExactlyOnce(TestNamespace ns) throws Exception {
        List<BindingDiff> commits = new CopyOnWriteArrayList<>();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name()); Nftables nft = Nftables.open(n)) {
            ChainBindingStore store = new ChainBindingStore(nft, TABLE);
            try (Reconciler r = reconciler(n, store, commits)) {
                r.start();
                for (int i = 0; i < 200; i++) {
                    tree.mkdir("app-" + i + ".scope");
                }
                awaitStore("200 cgroups bound", store, this::wanted);
                assertEquals(200, store.read().size());
                int adds = commits.stream().mapToInt(d -> d.added().size()).sum();
                assertEquals(200, adds, "each binding added exactly once, in " + commits.size() + " transactions");
            }
        }
    }
}
