package nftlink.cgroup;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.testing.KernelTest;
import nftlink.testing.TaskSwitches;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KernelTest
class NftablesMonitorKernelTest {

    private static final Set<NftablesMonitor.TableName> OWNED = Set.of(new NftablesMonitor.TableName(Family.INET, "owned"));

    private static CgroupEvent.RulesetChanged awaitChange(EventRecorder events) {
        return (CgroupEvent.RulesetChanged) events.await("RulesetChanged", e -> e instanceof CgroupEvent.RulesetChanged);
    }

    @Test
    void reportsWhatOtherProcessesRemoveFromWatchedTables(TestNamespace ns) {
        ns.nftScript("""
                table inet owned {
                    set s { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 } }
                    chain c { counter; counter; }
                    chain d { }
                }
                table inet other {
                    chain x { }
                }
                """).orThrow();
        EventRecorder events = new EventRecorder();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name());
             NftablesMonitor monitor = new NftablesMonitor(n, OWNED, 0)) {
            monitor.start(events);
            ns.nft("delete", "chain", "inet", "other", "x").orThrow();
            ns.nft("delete", "chain", "inet", "owned", "d").orThrow();
            CgroupEvent.RulesetChanged chain = awaitChange(events);
            assertEquals(1, chain.changes().size(), chain.toString());
            RulesetChange.ChainDeleted deleted = (RulesetChange.ChainDeleted) chain.changes().getFirst();
            assertEquals("owned", deleted.deleted().table());
            assertEquals("d", deleted.deleted().name());
            assertEquals("nft", chain.processName());
            assertNotEquals(ProcessHandle.current().pid(), chain.pid());

            ns.nft("flush", "chain", "inet", "owned", "c").orThrow();
            CgroupEvent.RulesetChanged flushed = awaitChange(events);
            assertEquals(2, flushed.changes().size(), flushed.toString());
            for (RulesetChange r : flushed.changes()) {
                RulesetChange.RuleDeleted rule = (RulesetChange.RuleDeleted) r;
                assertEquals(new RulesetChange.RuleDeleted(Family.INET, "owned", "c", rule.handle()), rule);
                assertTrue(rule.handle() > 0);
            }

            ns.nft("delete", "element", "inet", "owned", "s", "{ 10.0.0.1 }").orThrow();
            assertEquals(List.of(new RulesetChange.SetElementsDeleted(Family.INET, "owned", "s")), awaitChange(events).changes());

            ns.nft("delete", "table", "inet", "owned").orThrow();
            CgroupEvent.RulesetChanged table = awaitChange(events);
            assertTrue(table.changes().stream().anyMatch(c -> c instanceof RulesetChange.TableDeleted t
                    && t.deleted().name().equals("owned")), table.toString());
            assertTrue(table.changes().contains(new RulesetChange.SetDeleted(Family.INET, "owned", "s")), table.toString());
            assertTrue(table.generation() > chain.generation());
        }
    }

    @Test
    void ignoresChangesCommittedByThisProcess(TestNamespace ns) {
        ns.nftScript("table inet owned {\n chain a { }\n chain b { }\n}\n").orThrow();
        EventRecorder events = new EventRecorder();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name());
             NftablesMonitor monitor = new NftablesMonitor(n, OWNED, 0);
             Nftables nft = Nftables.open(n)) {
            monitor.start(events);
            nft.commit(new NftOperation.DeleteChain(Family.INET, "owned", "a", false));
            ns.nft("delete", "chain", "inet", "owned", "b").orThrow();
            CgroupEvent.RulesetChanged first = awaitChange(events);
            assertEquals("b", ((RulesetChange.ChainDeleted) first.changes().getFirst()).deleted().name(),
                    "our own deletion of chain a is not reported: " + first);
        }
    }

    @Test
    void reconnectsOnRequestAndKeepsReporting(TestNamespace ns) {
        ns.nftScript("table inet owned {\n chain a { }\n chain b { }\n}\n").orThrow();
        EventRecorder events = new EventRecorder();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name());
             NftablesMonitor monitor = new NftablesMonitor(n, OWNED, 0)) {
            monitor.start(events);
            ns.nft("delete", "chain", "inet", "owned", "a").orThrow();
            awaitChange(events);
            monitor.requestResync("reconnect requested by test");
            assertEquals("reconnect requested by test", events.awaitResync().reason());
            ns.nft("delete", "chain", "inet", "owned", "b").orThrow();
            assertEquals("b", ((RulesetChange.ChainDeleted) awaitChange(events).changes().getFirst()).deleted().name());
        }
    }

    @Test
    void anIdleMonitorSleepsUntilClosedFromAnotherThread(TestNamespace ns) throws InterruptedException {
        ns.nftScript("table inet owned {\n chain a { }\n}\n").orThrow();
        EventRecorder events = new EventRecorder();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name());
             NftablesMonitor monitor = new NftablesMonitor(n, OWNED, 0)) {
            monitor.start(events);
            Thread.sleep(300);
            Thread thread = monitor.thread();
            long before = TaskSwitches.of(thread.getName());
            Thread.sleep(1500);
            long woken = TaskSwitches.of(thread.getName()) - before;
            assertTrue(woken <= 1, "the idle monitor's thread woke " + woken + " times in 1.5 s");
            Thread closer = Thread.ofPlatform().start(monitor::close);
            closer.join(1000);
            assertFalse(closer.isAlive(), "close() returned within a second");
            assertFalse(thread.isAlive(), "the monitor's thread ended");
        }
    }

    @Test
    void receiveBufferOverrunTriggersAResync(TestNamespace ns) {
        StringBuilder script = new StringBuilder("table inet owned {\n");
        for (int i = 0; i < 400; i++) {
            script.append("chain c").append(i).append(" { }\n");
        }
        script.append("}\n");
        EventRecorder events = new EventRecorder();
        try (NetworkNamespace n = NetworkNamespace.named(ns.name());
             NftablesMonitor monitor = new NftablesMonitor(n, OWNED, 1)) {
            monitor.open();
            ns.nftScript(script.toString()).orThrow();
            monitor.start(events);
            CgroupEvent.ResyncNeeded resync = events.awaitResync();
            assertEquals("nftables", resync.source());
            assertTrue(resync.reason().contains("ENOBUFS"), resync.reason());
            ns.nft("delete", "chain", "inet", "owned", "c7").orThrow();
            CgroupEvent.RulesetChanged after = awaitChange(events);
            assertEquals("c7", ((RulesetChange.ChainDeleted) after.changes().getFirst()).deleted().name());
        }
    }
}
