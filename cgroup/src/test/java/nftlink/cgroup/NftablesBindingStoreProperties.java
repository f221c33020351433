package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.testing.KernelTestExtension;
import nftlink.testing.TestNamespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static nftlink.cgroup.PolicyFixture.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@link NftablesBindingStore} against the real kernel under arbitrary sequences
 * of cgroups coming and going, restarts and someone else tampering with the
 * table, driven as the {@link Reconciler} drives it (re-read after tampering and
 * restarts, diffs otherwise): after every step the kernel holds exactly one rule
 * or element per wanted binding, and nothing to repair. The cgroups are made up
 * (the store does not look at the file system), one with a path too long for a
 * tag.
 */
@AddLifecycleHook(NftablesBindingStoreProperties.OnlyWithKernel.class)
class NftablesBindingStoreProperties {

    /** Skips the properties where kernel tests cannot run. */
    static final class OnlyWithKernel implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            String missing = KernelTestExtension.missingPrerequisite();
            return missing == null ? SkipResult.doNotSkip() : SkipResult.skip(missing);
        }
    }

    /** One step. */
    sealed interface Step {
    }

    /** Cgroup {@code index} of the universe appears (again, with a new ID if it was gone). */
    record Appear(int index) implements Step {
    }

    /** Cgroup {@code index} vanishes. */
    record Vanish(int index) implements Step {
    }

    /** The reconciler restarts with a new store. */
    record Restart() implements Step {
    }

    /** Someone else changes the table. */
    record Tamper(Kind kind) implements Step {
    }

    /** What someone else does. */
    enum Kind { FLUSH_TABLE, DELETE_TABLE, FLUSH_SET, FLUSH_FIXED_CHAIN, DELETE_A_RULE, ADD_FOREIGN_RULE }

    private static final int UNIVERSE = 8;

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, UNIVERSE - 1).map(Appear::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, UNIVERSE - 1).map(Vanish::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Kind.class).map(Tamper::new)));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    private static CgroupPath path(int index) {
        String kind = index % 2 == 0 ? "r-" : "s-";
        return CgroupPath.of("t/" + kind + (index == UNIVERSE - 1 || index == UNIVERSE - 2 ? "y".repeat(230) : "c" + index) + ".scope");
    }

    @Property(tries = 40)
    void theKernelHoldsExactlyTheWantedBindingsAfterEveryStep(@ForAll("steps") List<Step> steps) {
        Policy policy = Policy.of(new PolicyEntry("ruled", CgroupSelector.Glob.of("t/r-*.scope")),
                new PolicyEntry("member", CgroupSelector.Glob.of("t/s-*.scope")));
        Map<String, BindingTarget> targets = Map.of("ruled", BindingTarget.RulePerCgroup.of("rules", PolicyFixture.ACCEPT),
                "member", new BindingTarget.SetMembership("members"));
        Map<CgroupPath, Cgroup> live = new HashMap<>();
        long[] nextId = {1000};
        try (TestNamespace ns = TestNamespace.create(); NetworkNamespace n = ns.open();
             Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            java.util.function.LongFunction<Optional<CgroupPath>> paths = id -> live.values().stream()
                    .filter(c -> c.id() == id).map(Cgroup::path).findFirst();
            NftablesBindingStore store = new NftablesBindingStore(nft, PolicyFixture.layout(), targets, paths);
            DesiredState state = new DesiredState(policy);
            state.replaceCommitted(store.read());
            converge(store, state);
            List<Step> done = new ArrayList<>();
            for (Step step : steps) {
                done.add(step);
                switch (step) {
                    case Appear a -> {
                        Cgroup c = new Cgroup(path(a.index()), nextId[0]++);
                        live.put(c.path(), c);
                        state.appeared(c);
                    }
                    case Vanish v -> {
                        Cgroup c = live.remove(path(v.index()));
                        if (c != null) {
                            state.vanished(c);
                        }
                    }
                    case Restart r -> {
                        store = new NftablesBindingStore(nft, PolicyFixture.layout(), targets, paths);
                        state = new DesiredState(policy);
                        state.replaceCommitted(store.read());
                        state.replaceLive(live.values());
                    }
                    case Tamper t -> {
                        tamper(observer, t.kind());
                        state.replaceCommitted(store.read());
                    }
                }
                converge(store, state);
                NftablesBindingStore look = new NftablesBindingStore(observer, PolicyFixture.layout(), targets, paths);
                Set<Binding> inKernel = new HashSet<>(look.read());
                assertFalse(look.repairPending(), "nothing left to repair after " + done);
                assertEquals(new HashSet<>(state.desired()), inKernel, "after " + done);
                long rules = state.desired().stream().filter(b -> b.entry().equals("ruled")).count();
                assertEquals(rules, PolicyFixture.bindingRules(observer).size(), "one rule per binding after " + done);
                assertEquals(state.desired().size() - rules, PolicyFixture.members(observer).size(),
                        "one element per binding after " + done);
            }
        }
    }

    /** What the reconciler does with a burst: apply the pending diff (or a repair) in one transaction. */
    private static void converge(NftablesBindingStore store, DesiredState state) {
        BindingDiff diff = state.pending();
        if (diff.isEmpty() && !store.repairPending()) {
            return;
        }
        store.apply(diff);
        state.markCommitted(diff);
    }

    private static void tamper(Nftables nft, Kind kind) {
        Family f = Family.INET;
        if (nft.listTables(f).stream().noneMatch(t -> t.name().equals(TABLE))) {
            return;
        }
        switch (kind) {
            case FLUSH_TABLE -> nft.commit(new NftOperation.FlushTable(f, TABLE));
            case DELETE_TABLE -> nft.commit(new NftOperation.DeleteTable(f, TABLE, false));
            case FLUSH_SET -> nft.commit(new NftOperation.FlushSet(f, TABLE, "members"));
            case FLUSH_FIXED_CHAIN -> nft.commit(new NftOperation.FlushChain(f, TABLE, "out"));
            case DELETE_A_RULE -> {
                List<Rule> rules = PolicyFixture.bindingRules(nft);
                if (!rules.isEmpty()) {
                    nft.commit(new NftOperation.DeleteRule(f, TABLE, "rules", rules.getLast().handle()));
                }
            }
            case ADD_FOREIGN_RULE -> nft.transaction().addAll(Linearizer.operations(RuleSpec.of(f, TABLE, "rules",
                    Match.of(MetaField.L4PROTO, Match.Op.EQ, "udp"), PolicyFixture.ACCEPT), new BatchIds())).commit();
        }
    }
}
