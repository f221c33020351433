package nftlink.cgroup;

import nftlink.testing.KernelTest;
import nftlink.testing.TaskSwitches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KernelTest
class CgroupTreeWatcherKernelTest {

    private TestCgroupTree tree;
    private CgroupResolver resolver;
    private CgroupTreeWatcher watcher;
    private final EventRecorder events = new EventRecorder();

    @BeforeEach
    void setUp() {
        tree = TestCgroupTree.create();
        resolver = new CgroupResolver(tree.hierarchy());
    }

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
        tree.close();
    }

    private void startWatching() {
        watcher = new CgroupTreeWatcher(resolver, tree.root());
        watcher.start(events);
        events.awaitAppeared(tree.root());
    }

    @Test
    void reportsExistingCgroupsOnStart() {
        tree.mkdir("pre");
        tree.mkdir("pre/nested");
        startWatching();
        events.awaitAppeared(tree.path("pre"));
        events.awaitAppeared(tree.path("pre/nested"));
    }

    @Test
    void reportsCreatedAndRemovedCgroupsAtAnyDepth() {
        startWatching();
        CgroupPath a = tree.mkdir("a");
        Cgroup appearedA = events.awaitAppeared(a);
        assertEquals(resolver.resolve(a), appearedA);
        tree.mkdir("a/b");
        CgroupPath c = tree.mkdir("a/b/c");
        Cgroup appearedC = events.awaitAppeared(c);
        assertEquals(Optional.of(c), resolver.index().byId(appearedC.id()).map(Cgroup::path));
        tree.rmdir("a/b/c");
        assertEquals(appearedC, events.awaitVanished(c));
        assertEquals(Optional.empty(), resolver.index().byId(appearedC.id()));
        CgroupPath again = tree.mkdir("a/b/c");
        Cgroup reappeared = events.awaitAppeared(again);
        assertNotEquals(appearedC.id(), reappeared.id());
    }

    @Test
    void neverMissesCgroupsMadeRightAfterTheirParent() throws Exception {
        startWatching();
        Set<CgroupPath> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String deep = "burst" + i + "/l1/l2/l3";
            Files.createDirectories(tree.directory(CgroupPath.of(deep)));
            CgroupPath p = CgroupPath.ROOT;
            for (String part : CgroupPath.of(deep).components()) {
                p = p.child(part);
                expected.add(tree.root().resolve(p));
            }
        }
        Set<CgroupPath> seen = new HashSet<>();
        while (!seen.containsAll(expected)) {
            CgroupEvent e = events.await("the rest of " + expected.size() + " cgroups",
                    ev -> ev instanceof CgroupEvent.Appeared);
            assertTrue(seen.add(((CgroupEvent.Appeared) e).cgroup().path()), "reported twice: " + e);
        }
        tree.rmdirTree("burst7");
        events.awaitVanished(tree.path("burst7"));
        List<CgroupEvent> vanished = events.seen().stream().filter(ev -> ev instanceof CgroupEvent.Vanished).toList();
        assertEquals(4, vanished.size(), "children vanish before their parents: " + vanished);
    }

    @Test
    void reportsEveryCgroupOfAQuickSeriesInTwoDirectories() {
        tree.mkdir("apps");
        tree.mkdir("web");
        startWatching();
        events.awaitAppeared(tree.path("web"));
        Set<CgroupPath> expected = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(tree.mkdir((i % 2 == 0 ? "apps/app-" : "web/web-") + i + ".scope"));
        }
        Set<CgroupPath> missing = new HashSet<>(expected);
        try {
            while (!missing.isEmpty()) {
                CgroupEvent e = events.await("Appeared", ev -> ev instanceof CgroupEvent.Appeared);
                missing.remove(((CgroupEvent.Appeared) e).cgroup().path());
            }
        } catch (AssertionError e) {
            throw new AssertionError(missing.size() + " of " + expected.size() + " cgroups never reported, e.g. "
                    + missing.stream().map(CgroupPath::toString).sorted().limit(5).toList());
        }
    }

    @Test
    void queueOverflowTriggersAFullResyncWithTheDifference() {
        CgroupPath stays = tree.mkdir("stays");
        startWatching();
        Cgroup staysCgroup = events.awaitAppeared(stays);
        // A removal the watcher was told about but which never happened leaves it with a stale
        // picture, as lost events would; the overflow right after must repair it.
        watcher.inject(List.of(
                new InotifyEvent(Integer.MAX_VALUE, InotifyEvent.IN_DELETE | InotifyEvent.IN_ISDIR, 0, "ignored: unknown watch"),
                new InotifyEvent(watcher.watchDescriptor(tree.root()), InotifyEvent.IN_DELETE | InotifyEvent.IN_ISDIR, 0, "stays"),
                new InotifyEvent(-1, InotifyEvent.IN_Q_OVERFLOW, 0, "")));
        CgroupEvent.ResyncNeeded resync = events.awaitResync();
        assertEquals("cgroupfs", resync.source());
        assertTrue(resync.reason().contains("overflow"), resync.reason());
        assertEquals(staysCgroup, events.awaitAppeared(stays), "the resync reports what the stale picture lacked");
        CgroupPath later = tree.mkdir("later");
        events.awaitAppeared(later);
        assertEquals(new HashSet<>(resolver.scan(tree.root())), new HashSet<>(resolver.index().subtree(tree.root())));
    }

    @Test
    void aRealQueueOverflowTriggersAFullResync() throws Exception {
        // Files.readString reads sysctl files in two steps, and they answer the second with EOF
        int queueLimit = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/fs/inotify/max_queued_events")).getFirst().strip());
        org.junit.jupiter.api.Assumptions.assumeTrue(queueLimit <= 200_000,
                "fs.inotify.max_queued_events is " + queueLimit + ", too many events to overflow it in a test");
        tree.mkdir("churn");
        startWatching();
        events.awaitAppeared(tree.path("churn"));
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        watcher.onWatcherThread(() -> {
            paused.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(paused.await(EventRecorder.WAIT_SECONDS, TimeUnit.SECONDS), "the watcher took the pause");
            Path churn = tree.directory(CgroupPath.of("churn"));
            int pairs = queueLimit / 2 + 1_000;
            for (int i = 0; i < pairs; i++) {
                Path d = churn.resolve("c" + i);
                Files.createDirectory(d);
                Files.delete(d);
            }
        } finally {
            resume.countDown();
        }
        CgroupPath survivor = tree.mkdir("churn/survivor");
        CgroupEvent.ResyncNeeded resync = events.awaitResync();
        assertTrue(resync.reason().contains("overflow"), resync.reason());
        events.awaitAppeared(survivor);
        assertEquals(new HashSet<>(resolver.scan(tree.root())), new HashSet<>(resolver.index().subtree(tree.root())));
    }

    @Test
    void survivesItsRootGoingAwayAndComingBack() {
        startWatching();
        tree.mkdir("child");
        events.awaitAppeared(tree.path("child"));
        tree.rmdirTree("");
        events.awaitVanished(tree.path("child"));
        events.awaitVanished(tree.root());
        tree.mkdir("");
        events.awaitResync();
        events.awaitAppeared(tree.root());
        tree.mkdir("later");
        events.awaitAppeared(tree.path("later"));
    }

    @Test
    void survivesItsRootAndItsParentGoingAwayAndComingBack() throws InterruptedException {
        tree.mkdir("p");
        tree.mkdir("p/r");
        watcher = new CgroupTreeWatcher(resolver, tree.path("p/r"));
        watcher.start(events);
        events.awaitAppeared(tree.path("p/r"));
        tree.rmdir("p/r");
        events.awaitVanished(tree.path("p/r"));
        // the watcher goes back to waiting, so that it sees what follows through its watches alone
        Thread.sleep(300);
        tree.rmdir("p");
        tree.mkdir("p");
        tree.mkdir("p/r");
        events.awaitResync();
        events.awaitAppeared(tree.path("p/r"));
        tree.mkdir("p/r/later");
        events.awaitAppeared(tree.path("p/r/later"));
    }

    @Test
    void anIdleWatcherSleepsUntilClosedFromAnotherThread() throws InterruptedException {
        // below the test's own subtree: the watched parent is not the hierarchy's root, where others make cgroups
        tree.mkdir("w");
        tree.mkdir("w/x");
        watcher = new CgroupTreeWatcher(resolver, tree.path("w"));
        watcher.start(events);
        events.awaitAppeared(tree.path("w/x"));
        Thread.sleep(300);
        Thread thread = watcher.thread();
        long before = TaskSwitches.of(thread.getName());
        Thread.sleep(1500);
        long woken = TaskSwitches.of(thread.getName()) - before;
        assertTrue(woken <= 1, "the idle watcher's thread woke " + woken + " times in 1.5 s");
        Thread closer = Thread.ofPlatform().start(watcher::close);
        closer.join(1000);
        assertFalse(closer.isAlive(), "close() returned within a second");
        assertFalse(thread.isAlive(), "the watcher's thread ended");
    }

    @Test
    void requestedResyncReportsOnlyResyncWhenNothingChanged() {
        tree.mkdir("x");
        startWatching();
        events.awaitAppeared(tree.path("x"));
        watcher.requestResync("asked by test");
        assertEquals("asked by test", events.awaitResync().reason());
        tree.mkdir("y");
        events.awaitAppeared(tree.path("y"));
        assertFalse(events.seen().stream().anyMatch(e -> e instanceof CgroupEvent.Vanished), events.seen().toString());
        long appearedX = events.seen().stream()
                .filter(e -> e instanceof CgroupEvent.Appeared a && a.cgroup().path().equals(tree.path("x"))).count();
        assertEquals(1, appearedX, "a resync with no change reports no Appeared again");
    }

    @Test
    void aListenerMayCloseItsSource() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        CgroupTreeWatcher self = new CgroupTreeWatcher(resolver, tree.root());
        self.start(e -> {
            self.close();
            closed.countDown();
        });
        assertTrue(closed.await(EventRecorder.WAIT_SECONDS, TimeUnit.SECONDS), "close from the listener returned");
        self.close();
        assertThrows(IllegalStateException.class, () -> self.start(events));
    }

    @Test
    void startFailsClearlyWithoutTheRoot() {
        watcher = new CgroupTreeWatcher(resolver, tree.path("missing"));
        assertThrows(NoSuchCgroupException.class, () -> watcher.start(events));
        CgroupTreeWatcher twice = new CgroupTreeWatcher(resolver, tree.root());
        try {
            twice.start(events);
            assertThrows(IllegalStateException.class, () -> twice.start(events));
        } finally {
            twice.close();
        }
        assertThrows(IllegalStateException.class, () -> twice.start(events));
    }
}
