package nftlink.examples.daemon;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.lang.RuleListing;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TaskSwitches;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static nftlink.examples.daemon.DaemonFixture.await;
import static nftlink.examples.daemon.DaemonFixture.nftlinkd;
import static nftlink.examples.daemon.DaemonFixture.ruleset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * nftlinkd against the kernel, each test in a throwaway network namespace and a
 * throwaway cgroup subtree: rules and elements follow cgroups, reload, dry run,
 * status, flush, signals.
 */
@KernelTest
class DaemonKernelTest {

    @TempDir
    Path dir;
    private DaemonFixture f;
    private Path policyFile;

    @BeforeEach
    void setUp() {
        f = new DaemonFixture();
        policyFile = dir.resolve("policy.conf");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String policy(int mailPort) {
        return """
                flush ruleset
                table inet filter {
                	set apps {
                		type cgroupsv2
                	}
                	chain out {
                		type filter hook output priority 0; policy accept;
                		tcp dport 25 jump allow
                		tcp dport 443 socket cgroupv2 level 2 @apps accept
                		tcp dport { 25, 443 } reject
                	}
                	chain allow {
                	}
                }
                # mail.scope :: add rule inet filter allow socket cgroupv2 level 2 "%1$s/mail.scope" \\
                #     tcp dport %2$d accept
                # web@*.scope :: add element inet filter apps { "%1$s/web@*.scope" }
                """.formatted(f.root, mailPort);
    }

    private static List<Rule> allowRules(Nftables nft) {
        return nft.listRules(Family.INET, "filter", "allow");
    }

    private static java.util.Set<nftlink.nftables.Bytes> members(Nftables nft) {
        return nft.listElements(Family.INET, "filter", "apps").stream().map(SetElement::key)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Set<nftlink.nftables.Bytes> keys(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(PolicyStore::key).collect(java.util.stream.Collectors.toSet());
    }

    private static String render(Nftables nft) {
        return RuleListing.list(nft, Family.INET, "filter", "allow").stream().map(RuleRenderer.DEFAULT::render)
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void rulesAndElementsFollowCgroupsThroughReloadStopAndFlush(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(25));
        f.mkdir("web@1.scope");
        long web1 = f.id("web@1.scope");

        DaemonFixture.Run dry = nftlinkd("--netns", ns.name(), "--load", "--watch", f.root.toString(), "--dry-run", policyFile.toString());
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("add table inet filter\n", "add rule inet filter out tcp dport 25 jump allow\n",
                "add element inet filter apps { " + web1 + " comment \"nftlinkd web__.scope " + web1);
        assertThat(ruleset(ns)).as("a dry run changes nothing").isEmpty();

        List<String> log = new CopyOnWriteArrayList<>();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Daemon.Config config = Daemon.Config.of(policyFile).withLoad(true).in(n).watching(f.root);
            Daemon d = Daemon.open(config, log::add);
            try {
                d.start();
                assertThat(log.getFirst()).startsWith("loaded the static rule set of " + policyFile + " (");
                await("web@1's element", () -> members(nft).equals(keys(web1)));
                assertThat(allowRules(nft)).isEmpty();

                f.mkdir("mail.scope");
                long mail = f.id("mail.scope");
                await("mail.scope's rule", () -> allowRules(nft).size() == 1);
                Rule rule = allowRules(nft).getFirst();
                assertThat(render(nft)).isEqualTo("socket cgroupv2 level 2 " + mail + " tcp dport 25 accept comment \"nftlinkd mail.scope "
                        + mail + " " + d.policy().entries().getFirst().fingerprint() + " /" + f.path("mail.scope") + "\"\n");
                await("the log line", () -> log.contains("added mail.scope cgroup " + mail + " /" + f.path("mail.scope")
                        + ": rule inet filter allow handle " + rule.handle()));

                DaemonFixture.Run status = nftlinkd("status", "--netns", ns.name(), "--watch", f.root.toString(), policyFile.toString());
                assertThat(status.status()).as(status.err()).isZero();
                assertThat(status.out()).contains(
                        "mail.scope (" + policyFile + ":15): " + f.path("mail.scope") + " -> rule in inet filter allow\n"
                                + "  cgroup " + mail + " /" + f.path("mail.scope") + ": rule inet filter allow handle " + rule.handle() + "\n",
                        "  cgroup " + web1 + " /" + f.path("web@1.scope") + ": element inet filter apps { " + web1 + " }\n");

                String staticPart = policy(25).substring(0, policy(25).indexOf("# mail.scope"));
                ns.nftScript("flush ruleset\n" + staticPart).orThrow();
                await("mail.scope's rule put back after someone flushed and reloaded the rule set", () -> allowRules(nft).size() == 1);
                await("web@1's element put back", () -> members(nft).equals(keys(web1)));
                await("one line for what was put back", () -> log.stream()
                        .anyMatch(l -> l.startsWith("put back 2 rule(s)/element(s) someone removed (")));
                assertThat(log).filteredOn(l -> l.startsWith("added mail.scope cgroup " + mail + " ")).hasSize(1);

                Files.writeString(policyFile, policy(26));
                d.reload();
                List<Rule> reloaded = allowRules(nft);
                assertThat(reloaded).hasSize(1);
                assertThat(log).contains("reloaded the static rule set of " + policyFile
                        + " with 2 rule(s)/element(s) in one transaction");
                assertThat(members(nft)).isEqualTo(keys(web1));
                assertThat(nft.listRules(Family.INET, "filter", "out")).as("the static rules, reloaded once").hasSize(3);
                assertThat(render(nft)).contains("tcp dport 26 accept");

                String before = ruleset(ns);
                Files.writeString(policyFile, policy(27) + "# x.scope :: add rule inet filtr allow socket cgroupv2 level 2 \""
                        + f.root + "/x.scope\" accept\n");
                assertThatThrownBy(d::reload).isInstanceOf(Daemon.PolicyException.class)
                        .hasMessageStartingWith(policyFile + ":18:28-32: Error: no table inet filtr (policy entry x.scope)");
                assertThat(ruleset(ns)).as("a refused reload changes nothing").isEqualTo(before);
                Files.writeString(policyFile, policy(28).replace("# mail.scope", "add rule inet filter out jump nowhere\n# mail.scope"));
                assertThatThrownBy(d::reload).isInstanceOf(Daemon.PolicyException.class)
                        .hasMessageContaining(policyFile + ":15:").hasMessageContaining("the failed operation comes from here");
                assertThat(ruleset(ns)).as("a reload the kernel refuses changes nothing").isEqualTo(before);

                f.rmdir("mail.scope");
                await("mail.scope's rule removed", () -> allowRules(nft).isEmpty());
                f.mkdir("web@2.scope");
                long web2 = f.id("web@2.scope");
                await("web@2's element", () -> members(nft).equals(keys(web1, web2)));
            } finally {
                d.close();
            }
            assertThat(members(nft)).as("stopping leaves the elements").hasSize(2);

            Files.writeString(policyFile, policy(26));
            DaemonFixture.Run flush = nftlinkd("--netns", ns.name(), "--remove-and-exit", policyFile.toString());
            assertThat(flush.status()).as(flush.err()).isZero();
            assertThat(flush.out()).endsWith("removed 2 rule(s) and element(s)\n");
            assertThat(members(nft)).isEmpty();
            assertThat(nft.listRules(Family.INET, "filter", "out")).as("the static rules stay").hasSize(3);
        }
    }

    @Test
    void anIdleDaemonsThreadsSleepUntilSomethingHappens(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(25));
        // below the test's own subtree: the watched parent is not the hierarchy's root, where others make cgroups
        f.mkdir("idle");
        List<String> threads = List.of("nftlink-cgroupfs", "nftlink-nftables", "nftlink-reconciler");
        try (NetworkNamespace n = ns.open();
             Daemon d = Daemon.open(Daemon.Config.of(policyFile).withLoad(true).in(n).watching(f.path("idle")), line -> { })) {
            d.start();
            Thread.sleep(500);
            long before = threads.stream().mapToLong(TaskSwitches::of).sum();
            Thread.sleep(1500);
            long woken = threads.stream().mapToLong(TaskSwitches::of).sum() - before;
            assertThat(woken).as("wake-ups of the idle daemon's watcher, monitor and reconciler in 1.5 s").isLessThanOrEqualTo(1);
            NftRef.run(ns, "delete", "table", "inet", "filter").orThrow();
            await("the table put back after 'delete table'", () -> ruleset(ns).contains("chain allow"));
        }
    }

    @Test
    void theProcessReloadsOnHupAndLeavesTheRuleSetOnTerm(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(25));
        f.mkdir("mail.scope");
        long mail = f.id("mail.scope");
        Process p = new ProcessBuilder(DaemonFixture.javaCommand("--netns", ns.name(), "--load", "--watch", f.root.toString(),
                policyFile.toString())).redirectErrorStream(true).start();
        BlockingQueue<String> lines = follow(p);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            awaitLine(lines, "nftlinkd: running with 2 policy entries");
            assertThat(render(nft)).contains("socket cgroupv2 level 2 " + mail + " tcp dport 25 accept");

            Files.writeString(policyFile, policy(26).replace("\t\ttcp dport { 25, 443 } reject",
                    "\t\ttcp dport 80 accept\n\t\ttcp dport { 25, 443 } reject"));
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            try {
                awaitLine(lines, "reloaded the static rule set of " + policyFile + " with 1 rule(s)/element(s) in one transaction");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + threadDump(p), e);
            }
            awaitLine(lines, "reloaded " + policyFile + ": 2 entries");
            assertThat(render(nft)).contains("socket cgroupv2 level 2 " + mail + " tcp dport 26 accept");
            assertThat(allowRules(nft)).hasSize(1);
            assertThat(nft.listRules(Family.INET, "filter", "out")).as("the static rules, reloaded once").hasSize(4);

            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(DaemonFixture.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            awaitLine(lines, "nftlinkd: SIGTERM: stopping; the rule set stays as it is");
            assertThat(allowRules(nft)).hasSize(1);
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /**
     * A policy the parser cannot take (10,000 nested braces) or an empty one never ends the daemon on
     * SIGHUP: the running policy stays, and a later good policy still reloads. At start-up the same
     * file ends it with an error, not a stack trace.
     */
    @Test
    void aBadOrEmptyPolicyOnHupLeavesTheRunningOne(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(25));
        f.mkdir("mail.scope");
        long mail = f.id("mail.scope");
        String nested = policy(25).replace("tcp dport { 25, 443 } reject",
                "tcp dport " + "{".repeat(10_000) + "22" + "}".repeat(10_000) + " reject");
        Process p = new ProcessBuilder(DaemonFixture.javaCommand("--netns", ns.name(), "--load", "--watch", f.root.toString(),
                policyFile.toString())).redirectErrorStream(true).start();
        BlockingQueue<String> lines = follow(p);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            awaitLine(lines, "nftlinkd: running with 2 policy entries");
            String before = ruleset(ns);
            Files.writeString(policyFile, nested);
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            awaitLine(lines, "nftlinkd: reload refused, the running policy stays: ");
            Files.writeString(policyFile, "");
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            awaitLine(lines, "nftlinkd: reload refused, the running policy stays: " + policyFile + ": the new policy is empty");
            assertThat(p.isAlive()).isTrue();
            assertThat(ruleset(ns)).isEqualTo(before);

            f.rmdir("mail.scope");
            await("mail.scope's rule removed: the cgroups are still followed", () -> allowRules(nft).isEmpty());
            f.mkdir("mail.scope");
            long again = f.id("mail.scope");
            Files.writeString(policyFile, policy(26));
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
            awaitLine(lines, "reloaded " + policyFile + ": 2 entries");
            assertThat(render(nft)).contains("socket cgroupv2 level 2 " + again + " tcp dport 26 accept");
            assertThat(again).isNotEqualTo(mail);
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        Files.writeString(policyFile, nested);
        DaemonFixture.Run start = nftlinkd("--netns", ns.name(), "--load", "--watch", f.root.toString(), policyFile.toString());
        assertThat(start.status()).isEqualTo(1);
        assertThat(start.err()).startsWith("nftlinkd: " + policyFile + ":").contains("nested too deeply")
                .doesNotContain("\tat ").hasLineCount(3);
    }

    /**
     * What the systemd unit gives it: a user that is not root, with CAP_NET_ADMIN
     * and no other capability, suffices to load the static rule set and to keep a
     * cgroup's rule.
     */
    @Test
    void anUnprivilegedUserWithOnlyCapNetAdminSuffices(TestNamespace ns) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"))
                        || "true".equals(System.getenv("CI")),
                "setpriv (util-linux) is needed to drop privileges");
        Files.writeString(policyFile, policy(25));
        f.mkdir("mail.scope");
        long mail = f.id("mail.scope");
        List<String> cmd = new java.util.ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + ns.name(), "setpriv",
                "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all,+net_admin",
                "--ambient-caps=-all,+net_admin", "--bounding-set=-all,+net_admin", "--"));
        cmd.addAll(DaemonFixture.portableJavaCommand(dir, "--load", "--watch", f.root.toString(), policyFile.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BlockingQueue<String> lines = follow(p);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            awaitLine(lines, "nftlinkd: running with 2 policy entries");
            assertThat(render(nft)).contains("socket cgroupv2 level 2 " + mail + " tcp dport 25 accept");
            f.mkdir("web@1.scope");
            long web = f.id("web@1.scope");
            await("web@1's element", () -> members(nft).equals(keys(web)));
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(DaemonFixture.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private static BlockingQueue<String> follow(Process p) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                lines.add("read failed: " + e);
            }
        });
        return lines;
    }

    /** Whether the daemon still runs, and its threads' stacks when it does (jcmd), for a failure message. */
    private static String threadDump(Process p) {
        if (!p.isAlive()) {
            return "the daemon exited with " + p.exitValue();
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(20, TimeUnit.SECONDS);
            return "the daemon still runs; its threads:\n" + out;
        } catch (java.io.IOException | InterruptedException e) {
            return "the daemon still runs; no thread dump: " + e;
        }
    }

    private static void awaitLine(BlockingQueue<String> lines, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DaemonFixture.WAIT_SECONDS);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(part)) {
                    return;
                }
            }
        }
        throw new AssertionError("no line with \"" + part + "\" within " + DaemonFixture.WAIT_SECONDS + " s; saw:\n" + seen);
    }
}
