package nftlink.cgroup;

import nftlink.testing.KernelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real cgroups created and removed in bursts, watched from the whole hierarchy and from a subtree. */
@KernelTest
class CgroupChurnKernelTest {

    private TestCgroupTree tree;

    @BeforeEach
    void setUp() {
        tree = TestCgroupTree.create();
    }

    @AfterEach
    void tearDown() {
        tree.close();
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EventRecorder.WAIT_SECONDS);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + EventRecorder.WAIT_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void watchingTheWholeHierarchySeesCgroupsInTheTestSubtree() {
        CgroupResolver resolver = new CgroupResolver(tree.hierarchy());
        EventRecorder events = new EventRecorder();
        try (CgroupTreeWatcher watcher = new CgroupTreeWatcher(resolver)) {
            watcher.start(events);
            events.awaitAppeared(tree.root());
            CgroupPath p = tree.mkdir("whole");
            Cgroup c = events.awaitAppeared(p);
            assertEquals(c, resolver.resolve(p));
            tree.rmdir("whole");
            events.awaitVanished(p);
        }
    }

    @Test
    void aThousandCgroupsInBurstsEndWithExactlyTheRightBindings() throws InterruptedException {
        CgroupResolver resolver = new CgroupResolver(tree.hierarchy());
        String prefix = tree.root() + "/";
        Policy policy = Policy.of(
                new PolicyEntry("mail", CgroupSelector.Glob.of(prefix + "user-*.slice/app-mail*.scope")),
                new PolicyEntry("svc", CgroupSelector.Unit.of(new UnitManager(true, 0, tree.root()), "svc.service")));
        DesiredState state = new DesiredState(policy);
        try (CgroupTreeWatcher watcher = new CgroupTreeWatcher(resolver, tree.root())) {
            watcher.start(state);
            for (int u = 0; u < 10; u++) {
                tree.mkdir("user-" + u + ".slice");
            }
            Set<Binding> committed = new HashSet<>();
            for (int burst = 0; burst < 10; burst++) {
                for (int i = 0; i < 100; i++) {
                    int u = i % 10;
                    tree.mkdir("user-" + u + ".slice/app-mail-" + burst + "-" + i + ".scope");
                }
                if (burst % 2 == 1) {
                    for (int i = 0; i < 100; i += 3) {
                        tree.rmdir("user-" + (i % 10) + ".slice/app-mail-" + burst + "-" + i + ".scope");
                    }
                    tree.mkdir("user-0.slice/svc.service");
                    tree.rmdir("user-0.slice/svc.service");
                }
                BindingDiff d = state.pending();
                assertTrue(committed.containsAll(d.removed()));
                d.removed().forEach(committed::remove);
                for (Binding b : d.added()) {
                    assertTrue(committed.add(b), "no duplicate binding " + b);
                }
                state.markCommitted(d);
            }
            tree.mkdir("user-3.slice/svc.service");
            Set<Cgroup> expectedLive = new HashSet<>(resolver.scan(tree.root()));
            awaitTrue("the watcher catching up with " + expectedLive.size() + " cgroups",
                    () -> new HashSet<>(state.live()).equals(expectedLive));
            BindingDiff last = state.pending();
            last.removed().forEach(committed::remove);
            committed.addAll(last.added());
            state.markCommitted(last);

            Set<Binding> expected = new HashSet<>();
            for (Cgroup c : expectedLive) {
                for (PolicyEntry e : policy.entries()) {
                    if (e.selector().matches(c.path())) {
                        expected.add(new Binding(e.name(), c));
                    }
                }
            }
            assertEquals(1000 - 5 * 34 + 1, expected.size());
            assertEquals(expected, committed);
            assertEquals(List.copyOf(state.desired()), state.committed());
        }
    }
}
