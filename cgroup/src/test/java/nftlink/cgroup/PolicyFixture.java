package nftlink.cgroup;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.BaseChain;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;
import nftlink.testing.TestNamespace;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The fail-closed policy the store's kernel tests use, both forms in one table
 * {@code inet cgpolicy}: TCP to port {@link #RULE_PORT} jumps to chain
 * {@code rules} (one {@code socket cgroupv2 level 2 ID accept} rule per
 * {@code r-*.scope} cgroup) and is rejected otherwise; TCP to port
 * {@link #SET_PORT} is accepted when the socket's level-2 cgroup is in set
 * {@code members} (the IDs of the {@code s-*.scope} cgroups) and rejected otherwise.
 */
final class PolicyFixture {

    static final String TABLE = "cgpolicy";
    static final int RULE_PORT = 5001;
    static final int SET_PORT = 5002;
    static final Statement ACCEPT = new Statement.VerdictStatement(Verdict.ACCEPT);

    final TestCgroupTree tree;
    final CgroupResolver resolver;
    final Policy policy;
    final TableLayout layout;
    final Map<String, BindingTarget> targets;

    PolicyFixture(TestCgroupTree tree) {
        this.tree = tree;
        this.resolver = new CgroupResolver(tree.hierarchy());
        this.policy = Policy.of(new PolicyEntry("ruled", CgroupSelector.Glob.of(tree.root() + "/r-*.scope")),
                new PolicyEntry("member", CgroupSelector.Glob.of(tree.root() + "/s-*.scope")));
        this.layout = layout();
        this.targets = Map.of("ruled", BindingTarget.RulePerCgroup.of("rules", ACCEPT),
                "member", new BindingTarget.SetMembership("members"));
    }

    private static Match dport(int port) {
        return Match.of(PayloadField.TCP_DPORT, Match.Op.EQ, Integer.toString(port));
    }

    static TableLayout layout() {
        Family f = Family.INET;
        Statement reject = Statement.RejectStatement.defaultFor(f);
        return new TableLayout(f, TABLE,
                List.of(Chain.base(f, TABLE, "out", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 0, ChainPolicy.ACCEPT)),
                        Chain.regular(f, TABLE, "rules")),
                List.of(NftSet.of(f, TABLE, "members", Datatype.CGROUPV2)),
                List.of(RuleSpec.of(f, TABLE, "out", dport(RULE_PORT), new Statement.VerdictStatement(Verdict.jump("rules"))),
                        RuleSpec.of(f, TABLE, "out", dport(RULE_PORT), reject),
                        RuleSpec.of(f, TABLE, "out", dport(SET_PORT),
                                new Match(new SocketCgroupField(2), Match.Op.EQ, new Value.SetReference("members")), ACCEPT),
                        RuleSpec.of(f, TABLE, "out", dport(SET_PORT), reject)));
    }

    NftablesBindingStore store(Nftables nft) {
        return new NftablesBindingStore(nft, layout, targets, resolver::path);
    }

    Reconciler reconciler(NetworkNamespace n, NftablesBindingStore store, List<BindingDiff> commits) {
        return new Reconciler(new DesiredState(store.requireTargets(policy)), store, () -> resolver.scan(tree.root()),
                List.of(new CgroupTreeWatcher(resolver, tree.root()),
                        new NftablesMonitor(n, Set.of(new NftablesMonitor.TableName(Family.INET, TABLE)), 0)),
                commits::add);
    }

    /** Policy × the live cgroups of the test tree. */
    Set<Binding> wanted() {
        Set<Binding> out = new HashSet<>();
        for (Cgroup c : resolver.scan(tree.root())) {
            for (PolicyEntry e : policy.entries()) {
                if (e.selector().matches(c.path())) {
                    out.add(new Binding(e.name(), c));
                }
            }
        }
        return out;
    }

    /**
     * What the kernel holds, read through a store of its own on {@code nft} (reading
     * through the reconciler's store would interfere with it): the bindings, or
     * {@code null} while the fixed part is damaged.
     */
    Set<Binding> inKernel(Nftables nft) {
        NftablesBindingStore observer = store(nft);
        Collection<Binding> read = observer.read();
        return observer.repairPending() ? null : new HashSet<>(read);
    }

    /** Every rule of chain {@code rules}, as listed. */
    static List<Rule> bindingRules(Nftables nft) {
        return nft.listRules(Family.INET, TABLE, "rules");
    }

    /** Every element of set {@code members}, as listed. */
    static List<SetElement> members(Nftables nft) {
        return nft.listElements(Family.INET, TABLE, "members");
    }

    /** Waits, with a bound, until the kernel holds exactly {@link #wanted()} and nothing to repair. */
    void awaitConverged(String what, Nftables nft) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EventRecorder.WAIT_SECONDS * 3);
        Set<Binding> want = wanted();
        Set<Binding> have = inKernel(nft);
        while (!want.equals(have)) {
            if (System.nanoTime() > deadline) {
                if (have == null) {
                    throw new AssertionError(what + ": the table stayed damaged");
                }
                Set<Binding> missing = new HashSet<>(want);
                missing.removeAll(have);
                Set<Binding> extra = new HashSet<>(have);
                extra.removeAll(want);
                throw new AssertionError(what + ": the kernel did not get " + want.size() + " bindings; it has "
                        + have.size() + ", lacking " + missing + " and with " + extra + " besides");
            }
            Thread.sleep(20);
            want = wanted();
            have = inKernel(nft);
        }
    }

    /** Exactly one rule or element per wanted binding, none besides. */
    void assertExact(String what, Nftables nft) {
        Set<Binding> want = wanted();
        long rules = want.stream().filter(b -> b.entry().equals("ruled")).count();
        long elements = want.stream().filter(b -> b.entry().equals("member")).count();
        List<Rule> listedRules = bindingRules(nft);
        List<SetElement> listedElements = members(nft);
        if (listedRules.size() != rules || listedElements.size() != elements) {
            throw new AssertionError(what + ": want " + rules + " rules and " + elements + " elements, the kernel has "
                    + listedRules.size() + " and " + listedElements.size());
        }
    }

    /**
     * Opens a TCP connection to 127.0.0.1:{@code port} inside the namespace from a
     * process that first moves itself into {@code cgroup} (so the socket it then
     * opens belongs to it). It moves before entering the namespace because
     * {@code ip netns exec} mounts a fresh sysfs without the cgroup file system.
     */
    TestNamespace.Result connect(TestNamespace ns, CgroupPath cgroup, int port) {
        Path procs = tree.hierarchy().directory(cgroup).resolve("cgroup.procs");
        return TestNamespace.run(List.of("sh", "-c", "echo $$ > " + procs + " && exec ip netns exec " + ns.name()
                + " bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port + "' 2>&1"), null);
    }

    static void awaitTrue(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EventRecorder.WAIT_SECONDS);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + EventRecorder.WAIT_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }
}
