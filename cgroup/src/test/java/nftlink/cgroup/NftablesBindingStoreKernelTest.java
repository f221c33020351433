package nftlink.cgroup;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.SetElement;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static nftlink.cgroup.PolicyFixture.RULE_PORT;
import static nftlink.cgroup.PolicyFixture.SET_PORT;
import static nftlink.cgroup.PolicyFixture.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NftablesBindingStore} driven by the {@link Reconciler} against real
 * cgroups (a test-owned subtree of the host's hierarchy) and real nf_tables in a
 * throwaway network namespace, in both forms at once: per-cgroup rules and set
 * membership. Traffic on the namespace's loopback shows the rules match in the
 * kernel's eyes.
 */
@KernelTest
class NftablesBindingStoreKernelTest {

    private TestCgroupTree tree;
    private PolicyFixture p;

    @BeforeEach
    void setUp() {
        tree = TestCgroupTree.create();
        p = new PolicyFixture(tree);
    }

    @AfterEach
    void tearDown() {
        tree.close();
    }

    private void assertConnects(TestNamespace ns, CgroupPath cgroup, int port) {
        TestNamespace.Result r = p.connect(ns, cgroup, port);
        assertEquals(0, r.exitCode(), "a process in " + cgroup + " connects to port " + port + ": " + r.stdout() + r.stderr());
    }

    private void assertRejected(TestNamespace ns, CgroupPath cgroup, int port) {
        TestNamespace.Result r = p.connect(ns, cgroup, port);
        assertTrue(r.exitCode() != 0 && r.stdout().contains("Connection refused"),
                "a process in " + cgroup + " is refused on port " + port + ": exit " + r.exitCode() + " " + r.stdout() + r.stderr());
    }

    private static ServerSocket listen(NetworkNamespace n, int port) {
        return n.call(() -> new ServerSocket(port, 64, InetAddress.getByName("127.0.0.1")));
    }

    /**
     * Also shows the fail-closed pattern: a matching cgroup whose rule or element
     * is not loaded (the reconciler is down) is refused, never allowed.
     */
    @Test
    void aProcessInAMatchingCgroupIsAllowedAndOneOutsideIsRejected(TestNamespace ns) throws Exception {
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n);
             ServerSocket ruleListener = listen(n, RULE_PORT); ServerSocket setListener = listen(n, SET_PORT)) {
            CgroupPath ruled = tree.mkdir("r-app.scope");
            CgroupPath member = tree.mkdir("s-app.scope");
            CgroupPath other = tree.mkdir("other.scope");
            assertConnects(ns, other, RULE_PORT);
            assertConnects(ns, other, SET_PORT);

            List<BindingDiff> commits = new CopyOnWriteArrayList<>();
            try (Reconciler r = p.reconciler(n, p.store(nft), commits)) {
                r.start();
                p.awaitConverged("start", observer);
                p.assertExact("start", observer);
                assertConnects(ns, ruled, RULE_PORT);
                assertRejected(ns, ruled, SET_PORT);
                assertConnects(ns, member, SET_PORT);
                assertRejected(ns, member, RULE_PORT);
                assertRejected(ns, other, RULE_PORT);
                assertRejected(ns, other, SET_PORT);

                long ruledId = p.resolver.id(ruled);
                long memberId = p.resolver.id(member);
                tree.rmdir("r-app.scope");
                tree.rmdir("s-app.scope");
                p.awaitConverged("removed cgroups lose their rule and element", observer);
                p.assertExact("removed", observer);
                tree.mkdir("r-app.scope");
                tree.mkdir("s-app.scope");
                p.awaitConverged("re-created cgroups get a rule and an element", observer);
                p.assertExact("re-created", observer);
                assertNotEquals(ruledId, p.resolver.id(ruled));
                assertNotEquals(memberId, p.resolver.id(member));
                assertConnects(ns, ruled, RULE_PORT);
                assertConnects(ns, member, SET_PORT);

                CgroupPath late = tree.mkdir("r-late.scope");
                p.awaitConverged("a cgroup created while running gets its rule", observer);
                assertConnects(ns, late, RULE_PORT);
                assertRejected(ns, late, SET_PORT);
            }

            CgroupPath unbound = tree.mkdir("r-while-down.scope");
            CgroupPath unboundMember = tree.mkdir("s-while-down.scope");
            assertRejected(ns, unbound, RULE_PORT);
            assertRejected(ns, unboundMember, SET_PORT);
            try (Reconciler r = p.reconciler(n, p.store(nft), commits)) {
                r.start();
                p.assertExact("restart", observer);
                assertConnects(ns, unbound, RULE_PORT);
                assertConnects(ns, unboundMember, SET_PORT);
            }
        }
    }

    @Test
    void someoneFlushingOrDeletingWhatTheStoreOwnsIsRepairedAndOtherTablesAreLeftAlone(TestNamespace ns) throws Exception {
        ns.nftScript("table inet bystander {\n chain c {\n  tcp dport 9 accept\n }\n}\n").orThrow();
        String bystander = ns.nft("list", "table", "inet", "bystander").orThrow();
        for (String name : List.of("r-1.scope", "r-2.scope", "s-1.scope", "s-2.scope", "other.scope")) {
            tree.mkdir(name);
        }
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            List<BindingDiff> commits = new CopyOnWriteArrayList<>();
            try (Reconciler r = p.reconciler(n, p.store(nft), commits)) {
                r.start();
                p.awaitConverged("start", observer);

                ns.nft("flush", "table", "inet", TABLE).orThrow();
                p.awaitConverged("a flushed table is repaired", observer);
                p.assertExact("after flush table", observer);

                ns.nft("delete", "table", "inet", TABLE).orThrow();
                p.awaitConverged("a deleted table is put back", observer);
                p.assertExact("after delete table", observer);

                long handle = PolicyFixture.bindingRules(observer).getFirst().handle();
                ns.nft("delete", "rule", "inet", TABLE, "rules", "handle", Long.toString(handle)).orThrow();
                p.awaitConverged("a deleted per-cgroup rule is put back", observer);
                p.assertExact("after delete rule", observer);

                ns.nft("flush", "set", "inet", TABLE, "members").orThrow();
                p.awaitConverged("a flushed set is refilled", observer);
                p.assertExact("after flush set", observer);

                ns.nft("flush", "chain", "inet", TABLE, "out").orThrow();
                p.awaitConverged("flushed fixed rules are put back", observer);
                p.assertExact("after flush chain", observer);
                assertEquals(bystander, ns.nft("list", "table", "inet", "bystander").orThrow(), "another table is left alone");

                ns.nft("add", "rule", "inet", TABLE, "rules", "meta", "l4proto", "udp", "accept").orThrow();
                r.resync("rules were added behind the store's back");
                p.awaitConverged("a resync removes a rule added to the owned table", observer);
                p.assertExact("after a resync", observer);

                ns.nft("flush", "ruleset").orThrow();
                p.awaitConverged("a flushed ruleset is repaired", observer);
                p.assertExact("after flush ruleset", observer);
            }
        }
    }

    @Test
    void rulesAndElementsItDidNotMakeAreRemovedAndTheBystanderIsUntouched(TestNamespace ns) throws Exception {
        ns.nftScript("table inet bystander {\n chain c {\n  tcp dport 9 accept\n }\n}\n").orThrow();
        String bystander = ns.nft("list", "table", "inet", "bystander").orThrow();
        tree.mkdir("r-1.scope");
        tree.mkdir("s-1.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            NftablesBindingStore store = p.store(nft);
            DesiredState state = new DesiredState(p.policy);
            state.replaceCommitted(store.read());
            assertTrue(store.repairPending(), "an absent table is to be built");
            state.replaceLive(p.resolver.scan(tree.root()));
            store.apply(state.pending());
            state.markCommitted(state.pending());
            assertEquals(p.wanted(), p.inKernel(observer));

            ns.nft("add", "rule", "inet", TABLE, "rules", "meta", "l4proto", "udp", "accept").orThrow();
            ns.nft("add", "rule", "inet", TABLE, "rules", "tcp", "dport", "7", "accept", "comment",
                    "\"nftlink-cgroup bind ruled 1 00000000 /nowhere\"").orThrow();
            assertEquals(3, PolicyFixture.bindingRules(observer).size());
            long otherId = p.resolver.id(tree.mkdir("other.scope"));
            observer.commit(new NftOperation.AddElements(Family.INET, TABLE, "members", 0,
                    List.of(SetElement.of(NftablesBindingStore.key(otherId))), false));
            assertEquals(2, PolicyFixture.members(observer).size());
            List<Binding> read = new ArrayList<>(store.read());
            assertTrue(store.repairPending(), "an untagged rule and one with a stale fingerprint are to be removed");
            state.replaceCommitted(read);
            assertTrue(state.pending().isEmpty(), "the store's own bindings are all there: " + state.pending());
            int before = store.transactions();
            store.apply(state.pending());
            assertEquals(before + 1, store.transactions());
            assertEquals(1, PolicyFixture.bindingRules(observer).size());
            assertEquals(1, PolicyFixture.members(observer).size());
            store.read();
            assertTrue(!store.repairPending(), "nothing left to repair");
            p.assertExact("after cleaning up", observer);

            long memberId = p.resolver.id(tree.path("s-1.scope"));
            observer.transaction()
                    .add(new NftOperation.DeleteElements(Family.INET, TABLE, "members", List.of(SetElement.of(NftablesBindingStore.key(memberId)))))
                    .add(new NftOperation.AddElements(Family.INET, TABLE, "members", 0,
                            List.of(SetElement.of(NftablesBindingStore.key(memberId)).withComment("someone else's")), false))
                    .commit();
            state.replaceCommitted(store.read());
            assertTrue(store.repairPending());
            assertEquals(1, state.pending().added().size(), "the element is not the store's: " + state.pending());
            store.apply(state.pending());
            state.markCommitted(state.pending());
            assertEquals(p.wanted(), p.inKernel(observer), "the foreign element with the same key was replaced by a tagged one");
            p.assertExact("after replacing an element", observer);
        }
        assertEquals(bystander, ns.nft("list", "table", "inet", "bystander").orThrow());
    }

    @Test
    void aChangedLayoutIsRebuiltWithItsBindings(TestNamespace ns) throws Exception {
        tree.mkdir("r-1.scope");
        tree.mkdir("s-1.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            try (Reconciler r = p.reconciler(n, p.store(nft), new CopyOnWriteArrayList<>())) {
                r.start();
            }
            p.assertExact("first layout", observer);
            TableLayout old = p.layout;
            List<RuleSpec> rules = new ArrayList<>(old.rules());
            rules.set(1, RuleSpec.of(Family.INET, TABLE, "out", Match.of(PayloadField.TCP_DPORT, Match.Op.EQ, "5001"),
                    new Statement.VerdictStatement(Verdict.DROP)));
            TableLayout changed = new TableLayout(old.family(), old.name(), old.chains(), old.sets(), rules);
            NftablesBindingStore store = new NftablesBindingStore(nft, changed, p.targets, p.resolver::path);
            try (Reconciler r = new Reconciler(new DesiredState(p.policy), store, () -> p.resolver.scan(tree.root()),
                    List.of(), d -> { })) {
                r.start();
                assertEquals(1, store.transactions(), "one transaction rebuilds the table");
            }
            String out = ns.nft("list", "chain", "inet", TABLE, "out").orThrow();
            assertTrue(out.contains("tcp dport 5001 drop comment"), out);
            assertTrue(!out.contains("tcp dport 5001 reject"), out);
            p.assertExact("after the rebuild", observer);
            assertEquals(p.wanted(), new HashSet<>(store.read()));
            assertTrue(!store.repairPending());
        }
    }

    @Test
    void targetsMustFitTheLayout(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            TableLayout layout = PolicyFixture.layout();
            assertThrows(IllegalArgumentException.class, () -> new NftablesBindingStore(nft, layout,
                    Map.of("a", BindingTarget.RulePerCgroup.of("nochain", PolicyFixture.ACCEPT)), id -> Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> new NftablesBindingStore(nft, layout,
                    Map.of("a", new BindingTarget.SetMembership("noset")), id -> Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> new NftablesBindingStore(nft, layout,
                    Map.of("a", new BindingTarget.SetMembership("members"), "b", new BindingTarget.SetMembership("members")),
                    id -> Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> new NftablesBindingStore(nft, layout,
                    Map.of("not a name", new BindingTarget.SetMembership("members")), id -> Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> new NftablesBindingStore(nft, layout,
                    Map.of("a", new BindingTarget.SetMembership("members")), id -> Optional.empty(), "two words"));
            NftablesBindingStore store = p.store(nft);
            assertThrows(IllegalArgumentException.class, () -> store.requireTargets(
                    Policy.of(new PolicyEntry("elsewhere", new CgroupSelector.Exact(CgroupPath.ROOT)))));
            assertThrows(IllegalArgumentException.class, () -> store.apply(new BindingDiff(List.of(),
                    List.of(new Binding("elsewhere", new Cgroup(CgroupPath.of("x"), 5))))));
        }
        assertEquals(0, ns.nft("list", "ruleset").orThrow().length(), "nothing was written");
    }

    @Test
    void aRestartAdoptsWhatThePreviousRunLeftAndReplacesRulesWhoseTargetChanged(TestNamespace ns) throws Exception {
        tree.mkdir("r-1.scope");
        tree.mkdir("s-1.scope");
        tree.mkdir("other.scope");
        String longName = "x".repeat(220);
        tree.mkdir("r-" + longName + ".scope");
        tree.mkdir("s-" + longName + ".scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            try (Reconciler r = p.reconciler(n, p.store(nft), new CopyOnWriteArrayList<>())) {
                r.start();
                p.awaitConverged("first run", observer);
            }
            List<Long> handles = PolicyFixture.bindingRules(observer).stream().map(Rule::handle).toList();
            assertEquals(2, handles.size());
            assertTrue(PolicyFixture.bindingRules(observer).stream().anyMatch(rule -> rule.comment().contains(" ?")),
                    "the long path did not fit the tag: " + PolicyFixture.bindingRules(observer));

            NftablesBindingStore second = p.store(nft);
            List<BindingDiff> commits = new CopyOnWriteArrayList<>();
            try (Reconciler r = p.reconciler(n, second, commits)) {
                r.start();
                assertEquals(0, second.transactions(), "nothing changed, nothing committed: " + commits);
                assertEquals(handles, PolicyFixture.bindingRules(observer).stream().map(Rule::handle).toList());
            }

            tree.rmdir("r-1.scope");
            tree.mkdir("r-2.scope");
            tree.mkdir("s-2.scope");
            NftablesBindingStore third = p.store(nft);
            List<BindingDiff> afterRestart = new CopyOnWriteArrayList<>();
            try (Reconciler r = p.reconciler(n, third, afterRestart)) {
                r.start();
                assertEquals(1, third.transactions(), "one transaction at start-up: " + afterRestart);
                BindingDiff d = afterRestart.getFirst();
                assertEquals(List.of("r-1.scope"), d.removed().stream().map(b -> b.cgroup().path().name()).toList());
                assertEquals(List.of("r-2.scope", "s-2.scope"),
                        d.added().stream().map(b -> b.cgroup().path().name()).sorted().toList(),
                        "what the previous run left is adopted, not added again");
                p.assertExact("restart", observer);
            }

            Map<String, BindingTarget> counted = Map.of(
                    "ruled", BindingTarget.RulePerCgroup.of("rules", new Statement.CounterStatement(0, 0), PolicyFixture.ACCEPT),
                    "member", new BindingTarget.SetMembership("members"));
            NftablesBindingStore changed = new NftablesBindingStore(nft, p.layout, counted, p.resolver::path);
            try (Reconciler r = p.reconciler(n, changed, new CopyOnWriteArrayList<>())) {
                r.start();
                List<String> listed = ns.nft("list", "chain", "inet", TABLE, "rules").orThrow().lines()
                        .map(String::strip).filter(l -> l.startsWith("socket cgroupv2")).toList();
                assertEquals(2, listed.size(), listed.toString());
                String r2 = "socket cgroupv2 level 2 " + p.resolver.id(p.tree.path("r-2.scope"))
                        + " counter packets 0 bytes 0 accept comment \"nftlink-cgroup bind ruled ";
                assertTrue(listed.stream().anyMatch(l -> l.startsWith(r2)), listed.toString());
                assertTrue(listed.stream().allMatch(l -> l.contains(" counter packets 0 bytes 0 accept comment ")), listed.toString());
                p.assertExact("changed target", observer);
            }

            Policy ruledOnly = Policy.of(p.policy.entries().getFirst());
            NftablesBindingStore withoutSet = new NftablesBindingStore(nft, p.layout, Map.of("ruled", counted.get("ruled")),
                    p.resolver::path);
            long members = p.wanted().stream().filter(b -> b.entry().equals("member")).count();
            long ruled = p.wanted().size() - members;
            assertEquals(3, members);
            assertEquals(members, PolicyFixture.members(observer).size());
            try (Reconciler r = new Reconciler(new DesiredState(withoutSet.requireTargets(ruledOnly)), withoutSet,
                    () -> p.resolver.scan(tree.root()), List.of(), d -> { })) {
                r.start();
                assertEquals(1, withoutSet.transactions(), "one transaction removes what the dropped entry left");
                assertEquals(0, PolicyFixture.members(observer).size(), "the set the dropped entry filled is emptied");
                assertEquals(ruled, PolicyFixture.bindingRules(observer).size(), "the per-cgroup rules stay");
            }
        }
    }

    @Test
    void aThousandCgroupsInBurstsWithARestartMidwayEndWithExactlyOneRuleOrElementEach(TestNamespace ns) throws Exception {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            List<String> alive = new ArrayList<>();
            int made = 0;
            Reconciler r = p.reconciler(n, p.store(nft), new CopyOnWriteArrayList<>());
            try {
                r.start();
                for (int burst = 0; burst < 10; burst++) {
                    if (burst == 5) {
                        r.close();
                    }
                    for (int i = 0; i < 100; i++, made++) {
                        String name = (made % 2 == 0 ? "r-" : "s-") + made + ".scope";
                        tree.mkdir(name);
                        alive.add(name);
                    }
                    for (int i = alive.size() - 1; i >= 0; i -= 3) {
                        tree.rmdir(alive.remove(i));
                    }
                    if (burst == 5) {
                        r = p.reconciler(n, p.store(nft), new CopyOnWriteArrayList<>());
                        r.start();
                    }
                }
                p.awaitConverged("after the churn", observer);
                p.assertExact("after the churn", observer);
                assertEquals(alive.size(), p.wanted().size());
                for (String name : List.copyOf(alive)) {
                    tree.rmdir(name);
                    alive.remove(name);
                }
                p.awaitConverged("all gone", observer);
                assertEquals(0, PolicyFixture.bindingRules(observer).size());
                assertEquals(0, PolicyFixture.members(observer).size());
            } finally {
                r.close();
            }
            assertEquals(1000, made);
        }
    }
}
