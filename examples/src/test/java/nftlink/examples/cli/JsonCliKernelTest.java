package nftlink.examples.cli;

import nftlink.nftables.json.JsonRenderer;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nftlink -j list ruleset} and {@code nftlink -j -f} against the kernel and nft. */
@KernelTest
class JsonCliKernelTest {

    private static final String RULES = """
            table inet filter {
            \tset ok { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.0.1 } }
            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tct state established,related accept
            \t\tip saddr @ok tcp dport { 22, 443 } counter accept
            \t}
            }
            table ip nat {
            \tchain post {
            \t\ttype nat hook postrouting priority srcnat;
            \t\toifname "eth*" masquerade
            \t}
            }
            """;

    private static MainTest.Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new MainTest.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listRulesetPrintsWhatNftPrints(TestNamespace ns) {
        NftRef.script(ns, RULES).orThrow();
        MainTest.Run r = run("", "--netns", ns.name(), "-j", "list", "ruleset");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(NftRef.run(ns, "-j", "list", "ruleset").orThrow());
        MainTest.Run ip = run("", "--netns", ns.name(), "--json", "list", "ruleset", "ip");
        assertThat(ip.out()).isEqualTo(NftRef.run(ns, "-j", "list", "ruleset", "ip").orThrow());
    }

    @Test
    void fileAppliesLikeNftJF(TestNamespace source, @TempDir Path dir) throws IOException {
        NftRef.script(source, RULES).orThrow();
        Path file = dir.resolve("rules.json");
        Files.writeString(file, NftRef.json(source, JsonRenderer.metainfo().toJson(), "list", "ruleset"));
        try (TestNamespace ours = TestNamespace.create(); TestNamespace theirs = TestNamespace.create()) {
            MainTest.Run r = run("", "--netns", ours.name(), "-j", "-f", file.toString());
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            theirs.exec(NftRef.command(), "-j", "-f", file.toString()).orThrow();
            assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow())
                    .isEqualTo(NftRef.run(source, "list", "ruleset").orThrow());
        }
    }

    @Test
    void elementsOfSetsInTheKernel(TestNamespace ns) {
        NftRef.script(ns, RULES).orThrow();
        String add = """
                {"nftables": [{"add": {"element": {"family": "inet", "table": "filter", "name": "ok",
                  "elem": ["1.2.3.4", {"range": ["172.16.0.1", "172.16.0.9"]}]}}}]}
                """;
        MainTest.Run r = run(add, "--netns", ns.name(), "-j", "-f", "-");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(NftRef.run(ns, "list", "set", "inet", "filter", "ok").orThrow())
                .contains("elements = { 1.2.3.4, 10.0.0.0/8,", "172.16.0.1-172.16.0.9, 192.168.0.1 }");
        MainTest.Run d = run(add.replace("\"add\"", "\"delete\""), "--netns", ns.name(), "-j", "-f", "-");
        assertThat(d.err()).isEmpty();
        assertThat(NftRef.run(ns, "list", "set", "inet", "filter", "ok").orThrow()).contains("elements = { 10.0.0.0/8, 192.168.0.1 }");
    }

    @Test
    void errorsNameTheJsonPathAndChangeNothing(TestNamespace ns) {
        String doc = """
                {"nftables": [{"add": {"table": {"family": "inet", "name": "t"}}},
                  {"add": {"chain": {"family": "inet", "table": "t", "name": "c"}}},
                  {"add": {"rule": {"family": "inet", "table": "t", "chain": "c",
                    "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": "no-such-port"}}]}}}]}
                """;
        MainTest.Run r = run(doc, "--netns", ns.name(), "-j", "-f", "-");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("nftlink: /dev/stdin: $.nftables[2].add.rule.expr[0].match.right: ");
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
        MainTest.Run check = run(doc.replace("no-such-port", "ssh"), "--netns", ns.name(), "-j", "--check", "-f", "-");
        assertThat(check.status()).isZero();
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
        MainTest.Run tables = run("", "--netns", ns.name(), "-j", "list", "tables");
        assertThat(tables.status()).isZero();
        assertThat(tables.out()).isEqualTo(NftRef.run(ns, "-j", "list", "tables").orThrow());
    }
}
