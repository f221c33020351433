package nftlink.examples.daemon;

import nftlink.examples.cli.Main;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static nftlink.examples.daemon.DaemonFixture.nftlinkd;
import static nftlink.examples.daemon.DaemonFixture.ruleset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kind of policy failure gives one clear message (located at
 * file:line:column where it has a place in the file) and changes nothing: not the
 * static rule set that {@code --load} would apply, not the tables already there.
 */
@KernelTest
class PolicyErrorsKernelTest {

    @TempDir
    Path dir;
    private DaemonFixture f;
    private Path policyFile;

    @BeforeEach
    void setUp() {
        f = new DaemonFixture();
        f.mkdir("mail.scope");
        policyFile = dir.resolve("policy.conf");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static final String STATIC = """
            table inet filter {
            	chain out {
            		type filter hook output priority 0; policy accept;
            		tcp dport 25 jump allow
            		tcp dport 25 reject
            	}
            	chain allow {
            	}
            }
            """;

    private String entry(String table, String chain, String statements) {
        return "# mail.scope :: add rule inet " + table + " " + chain + " socket cgroupv2 level 2 \"" + f.root
                + "/mail.scope\" " + statements + "\n";
    }

    /** Runs nftlinkd --load on {@code text}; checks status 1, nothing changed; returns standard error. */
    private String fails(TestNamespace ns, String text, String... more) throws Exception {
        Files.writeString(policyFile, text);
        String before = ruleset(ns);
        List<String> args = new ArrayList<>(List.of("--netns", ns.name(), "--load", "--watch", f.root.toString()));
        args.addAll(List.of(more));
        args.add(policyFile.toString());
        DaemonFixture.Run r = nftlinkd(args.toArray(String[]::new));
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).as("no change was logged").isEmpty();
        assertThat(ruleset(ns)).as("nothing changed").isEqualTo(before);
        return r.err();
    }

    private static void keepTable(TestNamespace ns) {
        ns.nftScript("table ip keep {\n\tchain c {\n\t\tip daddr 10.0.0.1 accept\n\t}\n}\n").orThrow();
        assertThat(ruleset(ns)).contains("table ip keep");
    }

    @Test
    void aSyntaxErrorInAPolicyEntryNamesFileLineColumn(TestNamespace ns) throws Exception {
        keepTable(ns);
        String err = fails(ns, STATIC + entry("filter", "allow", "tcp dport 25 acept"));
        List<String> lines = err.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("nftlinkd: " + java.util.regex.Pattern.quote(policyFile.toString())
                + ":10:\\d+-\\d+: Error: syntax error, unexpected acept, expecting a statement");
        assertThat(lines.get(1)).startsWith("# mail.scope :: add rule inet filter allow");
        assertThat(lines.get(2).trim()).isEqualTo("^^^^^");
    }

    @Test
    void anUnknownTableOrChainInAPolicyLineIsNamedAtItsPlace(TestNamespace ns) throws Exception {
        keepTable(ns);
        String table = fails(ns, STATIC + entry("filtr", "allow", "accept"));
        assertThat(table.lines().toList().getFirst()).isEqualTo("nftlinkd: " + policyFile
                + ":10:31-35: Error: no table inet filtr (policy entry mail.scope)");
        String chain = fails(ns, STATIC + entry("filter", "nope", "accept"));
        assertThat(chain.lines().toList().getFirst()).isEqualTo("nftlinkd: " + policyFile
                + ":10:38-41: Error: no chain inet filter nope (policy entry mail.scope)");
        String set = fails(ns, STATIC + "# web.scope :: add element inet filter nosuch { \"" + f.root + "/web.scope\" }\n");
        assertThat(set.lines().toList().getFirst()).isEqualTo("nftlinkd: " + policyFile
                + ":10:40-45: Error: no set inet filter nosuch (policy entry web.scope)");
    }

    @Test
    void errorsInTheStaticRuleSetChangeNothingEither(TestNamespace ns) throws Exception {
        keepTable(ns);
        String syntax = fails(ns, STATIC.replace("policy accept", "policy acept") + entry("filter", "allow", "accept"));
        assertThat(syntax.lines().toList().getFirst()).startsWith("nftlinkd: " + policyFile + ":3:");
        String kernel = fails(ns, STATIC + "add rule ip keep c ip daddr 10.0.0.2 jump nowhere\n" + entry("filter", "allow", "accept"));
        assertThat(kernel).contains(policyFile + ":10:").contains("the failed operation comes from here");
    }

    @Test
    void aMissingCgroupHierarchyIsOneLine(TestNamespace ns) throws Exception {
        keepTable(ns);
        Path nowhere = dir.resolve("nowhere");
        String err = fails(ns, STATIC + entry("filter", "allow", "accept"), "--cgroup-root", nowhere.toString());
        assertThat(err).isEqualTo("nftlinkd: no cgroup-v2 hierarchy: " + nowhere
                + " is not a directory, so no cgroup-v2 hierarchy is mounted there\n");
    }

    @Test
    void missingPermissionsAreOneLine(TestNamespace ns) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"))
                        || "true".equals(System.getenv("CI")),
                "setpriv (util-linux) is needed to drop capabilities");
        keepTable(ns);
        String before = ruleset(ns);
        Files.writeString(policyFile, STATIC + entry("filter", "allow", "accept"));
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + ns.name(), "setpriv",
                "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"));
        cmd.addAll(DaemonFixture.javaCommand("--load", "--watch", f.root.toString(), policyFile.toString()));
        TestNamespace.Result r = TestNamespace.run(cmd, null);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        List<String> lines = r.stderr().lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("nftlinkd: ").contains("EPERM").endsWith("(nftlinkd needs CAP_NET_ADMIN, and CAP_SYS_ADMIN for --netns)");
        assertThat(ruleset(ns)).isEqualTo(before);

        List<String> demo = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"));
        demo.addAll(DaemonFixture.javaCommand(Main.class, "demo"));
        TestNamespace.Result d = TestNamespace.run(demo, null);
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.stdout()).isEmpty();
        assertThat(d.stderr()).isEqualTo("nftlink demo needs root (CAP_SYS_ADMIN for a throwaway network namespace and cgroups, "
                + "CAP_NET_ADMIN for its rule set); run it as root, e.g. sudo ./nftlink demo\n");

        // nftlink -f and -j -f refused by the kernel say what they need, as the other commands do
        Path rules = dir.resolve("t.nft");
        Files.writeString(rules, "table ip t { }\n");
        Path json = dir.resolve("t.json");
        Files.writeString(json, "{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"t\"}}}]}");
        for (List<String> args : List.of(List.of("-f", rules.toString()), List.of("-j", "-f", json.toString()))) {
            List<String> apply = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + ns.name(), "setpriv",
                    "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"));
            apply.addAll(DaemonFixture.javaCommand(Main.class, args.toArray(String[]::new)));
            TestNamespace.Result a = TestNamespace.run(apply, null);
            assertThat(a.exitCode()).as(args + ": " + a.stderr()).isEqualTo(1);
            assertThat(a.stderr()).as(args.toString()).contains("EPERM")
                    .contains("(nftlink needs root or CAP_NET_ADMIN, and CAP_SYS_ADMIN to enter a network namespace)");
        }
        assertThat(ruleset(ns)).isEqualTo(before);
    }
}
