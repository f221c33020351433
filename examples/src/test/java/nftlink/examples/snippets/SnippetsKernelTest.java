package nftlink.examples.snippets;

import nftlink.cgroup.CgroupHierarchy;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupResolver;
import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.UnsupportedLinkKindException;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import nftlink.vrf.CgroupVrfBinding;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every small example runs, in a throwaway namespace (and cgroup where it needs one), and does what it says. */
@KernelTest
class SnippetsKernelTest {

    private static final String TABLE = "table ip t {\n\tchain c {\n\t\tip daddr 10.0.0.1 accept\n\t}\n}\n";

    @Test
    void listRulesetPrintsWhatNftPrints(TestNamespace ns) {
        ns.nftScript(TABLE).orThrow();
        try (NetworkNamespace n = ns.open()) {
            assertThat(ListRuleset.run(n)).isEqualTo(ns.nft("list", "ruleset").orThrow()).isEqualTo(TABLE);
        }
    }

    @Test
    void addRuleWithHandleLearnsTheHandleAndCleansUp(TestNamespace ns) {
        try (NetworkNamespace n = ns.open()) {
            assertThat(AddRuleWithHandle.run(n)).isPositive();
            assertThat(ListRuleset.run(n)).isEmpty();
        }
    }

    @Test
    void aGuardedTransactionIsRefusedAfterAnotherChange(TestNamespace ns) {
        try (NetworkNamespace n = ns.open()) {
            assertThat(GuardedTransaction.run(n)).startsWith("refused: the rule set changed after generation ")
                    .endsWith("; nothing was applied");
            assertThat(ListRuleset.run(n)).isEmpty();
        }
    }

    @Test
    void monitorEventsSeesAnotherProcessesTransaction(TestNamespace ns) throws Exception {
        try (NetworkNamespace n = ns.open()) {
            CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> MonitorEvents.run(n, 1, Duration.ofSeconds(10)));
            Thread.sleep(300);
            ns.nft("add", "table", "ip", "watched").orThrow();
            assertThat(lines.get(20, TimeUnit.SECONDS)).contains("add table ip watched").anyMatch(l -> l.startsWith("# by nft (pid "));
        }
    }

    @Test
    void cgroupIdSetHoldsTheCgroupsIdAndTheRuleRefersToIt(TestNamespace ns) throws Exception {
        try (Subtree t = new Subtree()) {
            Path app = Files.createDirectory(t.dir.resolve("app.scope"));
            CgroupResolver resolver = new CgroupResolver(t.hierarchy);
            long id = resolver.id(t.root.child("app.scope"));
            try (NetworkNamespace n = ns.open()) {
                assertThat(CgroupIdSet.run(n, resolver, t.root + "/app.scope"))
                        .isEqualTo("apps: cgroup " + id + " /" + t.root + "/app.scope\n");
                assertThat(ListRuleset.run(n)).contains("socket cgroupv2 level 2 @apps accept");
            }
            assertThat(app).isDirectory();
        }
    }

    /**
     * On a kernel without VRF support (CONFIG_NET_VRF) the example fails with a
     * message that says so, before binding anything; the vrf module's VM test
     * covers the working case on such hosts.
     */
    @Test
    void vrfForCgroupMakesTheVrfAndAttachesTheBinding(TestNamespace ns) throws Exception {
        boolean kernelHasVrf = ns.exec("ip", "link", "add", "probe", "type", "vrf", "table", "9").exitCode() == 0;
        try (Subtree t = new Subtree()) {
            Path app = Files.createDirectory(t.dir.resolve("vrf-app"));
            try (NetworkNamespace n = ns.open()) {
                if (kernelHasVrf) {
                    List<String> done = VrfForCgroup.run(n, app);
                    assertThat(done.getFirst()).contains("vrf-example");
                    assertThat(done.getLast()).startsWith("bound " + app + " to vrf-example (device index ");
                    assertThat(ns.exec("ip", "-d", "link", "show", "vrf-example").orThrow()).contains("vrf table 100");
                    assertThat(CgroupVrfBinding.attachedPrograms(app)).isEqualTo(1);
                    CgroupVrfBinding.detachFrom(app);
                } else {
                    assertThatThrownBy(() -> VrfForCgroup.run(n, app)).isInstanceOf(UnsupportedLinkKindException.class)
                            .hasMessageContaining("CONFIG_NET_VRF");
                }
                assertThat(CgroupVrfBinding.attachedPrograms(app)).isZero();
            }
        }
    }

    /** A throwaway cgroup subtree. */
    private static final class Subtree implements AutoCloseable {
        final CgroupHierarchy hierarchy = CgroupHierarchy.discover();
        final CgroupPath root = CgroupPath.of("nftlink-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
        final Path dir;

        Subtree() throws java.io.IOException {
            dir = Files.createDirectory(hierarchy.directory(root));
        }

        @Override
        public void close() throws java.io.IOException {
            try (var s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isDirectory).sorted(java.util.Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
