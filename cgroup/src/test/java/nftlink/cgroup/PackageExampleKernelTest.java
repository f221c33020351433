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
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The set-up of the package overview, with the globs moved into the test subtree
 * (so the level is 2, not 5): the table nft lists is the one the overview's
 * comment shows, and a cgroup of each entry gets its rule or element.
 */
@KernelTest
class PackageExampleKernelTest {

    private TestCgroupTree tree;

    @BeforeEach
    void setUp() {
        tree = TestCgroupTree.create();
    }

    @AfterEach
    void tearDown() {
        tree.close();
    }

    @Test
    void theOverviewsSetUpBuildsTheTableItShowsAndBindsBothForms(TestNamespace ns) throws Exception {
        int level = 2;
        Family f = Family.INET;
        Field dport = PayloadField.TCP_DPORT;
        Value mailPorts = new Value.SetLiteral(List.of(new Value.Single(Bytes.u16Be(25)), new Value.Single(Bytes.u16Be(143))));
        Statement accept = new Statement.VerdictStatement(Verdict.ACCEPT);
        Statement reject = Statement.RejectStatement.defaultFor(f);
        TableLayout layout = new TableLayout(f, "cgpolicy",
                List.of(Chain.base(f, "cgpolicy", "out", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 0, ChainPolicy.ACCEPT)),
                        Chain.regular(f, "cgpolicy", "mail")),
                List.of(NftSet.of(f, "cgpolicy", "web", Datatype.CGROUPV2)),
                List.of(RuleSpec.of(f, "cgpolicy", "out", new Match(dport, Match.Op.EQ, mailPorts),
                                new Statement.VerdictStatement(Verdict.jump("mail"))),
                        RuleSpec.of(f, "cgpolicy", "out", new Match(dport, Match.Op.EQ, mailPorts), reject),
                        RuleSpec.of(f, "cgpolicy", "out", Match.of(dport, Match.Op.EQ, "443"),
                                new Match(new SocketCgroupField(level), Match.Op.EQ, new Value.SetReference("web")), accept),
                        RuleSpec.of(f, "cgpolicy", "out", Match.of(dport, Match.Op.EQ, "443"), reject)));
        String apps = tree.root() + "/";
        Policy policy = Policy.of(
                new PolicyEntry("mail", CgroupSelector.Glob.of(apps + "app-mail*.scope")),
                new PolicyEntry("web", CgroupSelector.Glob.of(apps + "app-browser*.scope")));

        CgroupResolver resolver = new CgroupResolver(tree.hierarchy());
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Nftables observer = Nftables.open(n)) {
            NftablesBindingStore store = new NftablesBindingStore(nft, layout, Map.of(
                    "mail", BindingTarget.RulePerCgroup.of("mail", accept),
                    "web", new BindingTarget.SetMembership("web")), resolver::path);
            try (Reconciler reconciler = new Reconciler(new DesiredState(store.requireTargets(policy)), store,
                    () -> resolver.scan(tree.root()),
                    List.of(new CgroupTreeWatcher(resolver, tree.root()),
                            new NftablesMonitor(n, Set.of(new NftablesMonitor.TableName(f, "cgpolicy")), 0)),
                    new CopyOnWriteArrayList<>()::add)) {
                reconciler.start();
                assertEquals("""
                        table inet cgpolicy {
                        \tset web {
                        \t\ttype cgroupsv2
                        \t}

                        \tchain out {
                        \t\ttype filter hook output priority filter; policy accept;
                        \t\ttcp dport { 25, 143 } jump mail comment "nftlink-cgroup fixed 0 FP"
                        \t\ttcp dport { 25, 143 } reject comment "nftlink-cgroup fixed 1 FP"
                        \t\ttcp dport 443 socket cgroupv2 level 2 @web accept comment "nftlink-cgroup fixed 2 FP"
                        \t\ttcp dport 443 reject comment "nftlink-cgroup fixed 3 FP"
                        \t}

                        \tchain mail {
                        \t}
                        }
                        """, ns.nft("list", "table", "inet", "cgpolicy").orThrow()
                        .replaceAll("(fixed [0-9]+) [0-9a-f]{8}\"", "$1 FP\""));

                Cgroup mail = resolver.resolve(tree.mkdir("app-mail-1.scope"));
                Cgroup browser = resolver.resolve(tree.mkdir("app-browser-1.scope"));
                tree.mkdir("app-editor-1.scope");
                PolicyFixture.awaitTrue("the mail rule and the browser element", () ->
                        observer.listRules(f, "cgpolicy", "mail").size() == 1 && observer.listElements(f, "cgpolicy", "web").size() == 1);
                String rule = ns.nft("list", "chain", "inet", "cgpolicy", "mail").orThrow().lines().map(String::strip)
                        .filter(l -> l.startsWith("socket")).findFirst().orElseThrow();
                assertEquals("socket cgroupv2 level 2 " + mail.id() + " accept comment \"nftlink-cgroup bind mail "
                        + mail.id() + " " + rule.split(" ")[11] + " /" + mail.path() + "\"", rule);
                List<SetElement> web = observer.listElements(f, "cgpolicy", "web");
                assertEquals(NftablesBindingStore.key(browser.id()), web.getFirst().key());
            }
        }
    }
}
