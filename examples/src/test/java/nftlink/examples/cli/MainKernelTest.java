package nftlink.examples.cli;

import nftlink.testing.NftRef;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import static nftlink.examples.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The tool against the kernel: its whole listings equal nft's (the installed 1.0.6, whose layout the renderer keeps), and the demo. */
@KernelTest
class MainKernelTest {

    private static final String RULESET = """
            table inet filter {
            \tset admins {
            \t\ttype ipv4_addr
            \t\telements = { 10.0.0.1, 10.0.0.2 }
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tct state established,related accept
            \t\tip saddr @admins tcp dport 22 accept
            \t\ttcp dport { 25, 143 } counter packets 0 bytes 0 accept
            \t}

            \tchain apps {
            \t}
            }
            table ip nat {
            \tflags dormant

            \tchain post {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t}
            }
            """;

    @Test
    void listingsEqualNftOutput(TestNamespace ns) {
        NftRef.script(ns, RULESET).orThrow();
        assertThat(run("--netns", ns.name(), "list", "ruleset").out()).isEqualTo(NftRef.run(ns, "list", "ruleset").orThrow());
        assertThat(run("--netns", ns.name(), "list", "tables").out()).isEqualTo(NftRef.run(ns, "list", "tables").orThrow());
        assertThat(run("--netns", ns.name(), "list", "ruleset", "ip").out()).isEqualTo(NftRef.run(ns, "list", "ruleset", "ip").orThrow());
        assertThat(run("--netns", ns.name(), "list", "tables", "inet").out()).isEqualTo(NftRef.run(ns, "list", "tables", "inet").orThrow());
        assertThat(run("--netns", ns.name(), "list", "table", "inet", "filter").out())
                .isEqualTo(NftRef.run(ns, "list", "table", "inet", "filter").orThrow());
        assertThat(run("--netns", ns.name(), "list", "chains").out()).isEqualTo(NftRef.run(ns, "list", "chains").orThrow());
        assertThat(run("-a", "--netns", ns.name(), "list", "ruleset").out()).isEqualTo(NftRef.run(ns, "-a", "list", "ruleset").orThrow());
    }

    @Test
    void missingTableAsNftSaysIt(TestNamespace ns) {
        MainTest.Run r = run("--netns", ns.name(), "list", "table", "ip", "ghost");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error: No such file or directory\nlist table ip ghost\n              ^^^^^\n");
    }

    @Test
    void demoRunsInAThrowawayNamespace(TestNamespace ns) {
        MainTest.Run r = run("demo");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("# the rule appeared ", ": allowed\n", ": rejected (Connection refused)\n",
                "chain apps is empty\n", "# cleaned up: namespace, cgroup subtree and policy file removed");
        assertThat(run("list", "tables").out()).doesNotContain("table inet demo");
    }
}
