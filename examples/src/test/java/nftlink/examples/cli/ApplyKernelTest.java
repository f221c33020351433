package nftlink.examples.cli;

import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nftlink -f}, {@code -f -}, {@code --check}, {@code -e -a} and single nft commands against the kernel. */
@KernelTest
class ApplyKernelTest {

    private static final String FILE = """
            define web = { 80, 443 }
            table inet filter {
            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tct state established,related accept
            \t\ttcp dport $web counter accept
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
    void fileAppliesLikeNftF(TestNamespace ns, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("rules.nft");
        Files.writeString(file, FILE);
        MainTest.Run r = run("", "--netns", ns.name(), "-f", file.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        try (TestNamespace other = TestNamespace.create()) {
            other.exec("nft", "-f", file.toString()).orThrow();
            assertThat(ns.nft("list", "ruleset").orThrow()).isEqualTo(other.nft("list", "ruleset").orThrow());
        }
    }

    @Test
    void standardInput(TestNamespace ns) {
        MainTest.Run r = run(FILE, "--netns", ns.name(), "-f", "-");
        assertThat(r.status()).isZero();
        assertThat(ns.nft("list", "ruleset").orThrow()).contains("tcp dport { 80, 443 } counter packets 0 bytes 0 accept");
    }

    @Test
    void checkValidatesWithoutCommitting(TestNamespace ns) {
        assertThat(run(FILE, "--netns", ns.name(), "--check", "-f", "-").status()).isZero();
        assertThat(ns.nft("list", "ruleset").orThrow()).isEmpty();
        // "missing" is one of nft's keywords and cannot name a table: "absent" does
        MainTest.Run bad = run("add rule inet absent c accept\n", "--netns", ns.name(), "-c", "-f", "-");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("/dev/stdin:1:15-20: Error: Could not process rule: No such file or directory\n"
                        + "add rule inet absent c accept\n"
                        + " ".repeat(14) + "^".repeat(6) + "\n"
                        + "nftlink: transaction failed at operation 1 of 1 (add rule inet absent c)");
    }

    /**
     * A refused command prints what nft prints: its line, and a caret under the table, name or handle the
     * kernel's extended ACK names (else under all of it) — every refused operation of a file, in order; nftlink
     * adds one line of its own after them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"add rule inet t nosuch tcp dport 22 accept", "add rule inet nosuch c tcp dport 22 accept",
            "delete chain inet t nosuch", "delete table inet nosuch", "delete rule inet t c handle 99",
            "delete rule inet t nosuch handle 99", "flush chain inet t nosuch", "flush table inet nosuch",
            "delete set inet t nosuch", "delete counter inet t nosuch", "insert rule inet t c position 77 accept",
            "add rule inet t c position 77 accept", "replace rule inet t c handle 77 accept", "-f " + REFUSED})
    void refusalsPointWhereNftPoints(String command, TestNamespace ns) throws IOException {
        Files.writeString(Path.of(REFUSED), "add rule inet t nosuch accept\ndelete chain inet t nosuch2\n"
                + "add rule inet t c accept\ndelete rule inet t c handle 4242\n");
        NftRef.apply(ns, "table inet t {\n\tchain c {\n\t}\n}\n");
        String[] args = command.split(" ");
        MainTest.Run ours = run("", Stream.concat(Stream.of("--netns", ns.name()), Stream.of(args)).toArray(String[]::new));
        TestNamespace.Result theirs = NftRef.run(ns, args);
        List<String> lines = ours.err().lines().toList();
        assertThat(lines.getLast()).startsWith("nftlink: transaction failed");
        assertThat(String.join("\n", lines.subList(0, lines.size() - 1))).isEqualTo(theirs.stderr().stripTrailing());
        assertThat(ours.status()).isEqualTo(theirs.exitCode()).isEqualTo(1);
    }

    /**
     * A command given as arguments that does not parse: like nft, no location before {@code Error:} (the caret
     * shows where), and the caret under the same word as nft's (the words of the messages are nftlink's own).
     */
    @ParameterizedTest
    @ValueSource(strings = {"add rule inet t c tcp dport foo accept", "add element inet t s { 1.2.3.4, 10.0.0.300 }"})
    void commandLineParseErrorsAsNft(String command, TestNamespace ns) {
        NftRef.apply(ns, "table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t}\n\n\tchain c {\n\t}\n}\n");
        String[] args = command.split(" ");
        MainTest.Run ours = run("", Stream.concat(Stream.of("--netns", ns.name()), Stream.of(args)).toArray(String[]::new));
        List<String> theirs = NftRef.run(ns, args).stderr().lines().toList();
        List<String> lines = ours.err().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("Error: ");
        assertThat(lines.subList(1, 3)).isEqualTo(theirs.subList(1, 3));
        assertThat(ours.status()).isEqualTo(1);
    }

    /** A file with refused operations (its content is always the same, so runs side by side agree). */
    private static final String REFUSED = "/tmp/nftlink-apply-refusals.nft";

    @Test
    void echoWithHandles(TestNamespace ns) {
        MainTest.Run r = run(FILE, "--netns", ns.name(), "-e", "-a", "-f", "-");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().toList()).hasSize(5);
        assertThat(r.out()).matches("""
                add table inet filter # handle \\d+
                add chain inet filter input \\{ type filter hook input priority filter; policy drop; \\} # handle \\d+
                add rule inet filter input ct state established,related accept # handle \\d+
                add rule inet filter input tcp dport \\{ 80, 443 \\} counter packets 0 bytes 0 accept # handle \\d+
                # new generation \\d+ by process \\d+ \\(.+\\)
                """);
        String handle = r.out().lines().toList().get(3).replaceAll(".*# handle ", "");
        assertThat(ns.nft("-a", "list", "chain", "inet", "filter", "input").orThrow())
                .contains("counter packets 0 bytes 0 accept # handle " + handle);
    }

    @Test
    void singleCommands(TestNamespace ns) {
        assertThat(run("", "--netns", ns.name(), "add", "table", "inet", "t").status()).isZero();
        assertThat(run("", "--netns", ns.name(), "add", "chain", "inet", "t", "c").status()).isZero();
        assertThat(run("", "--netns", ns.name(), "add", "set", "inet", "t", "ports", "{", "type", "inet_service;", "}").status()).isZero();
        assertThat(run("", "--netns", ns.name(), "add", "element", "inet", "t", "ports", "{", "22,", "ssh,", "443", "}").err()).isEmpty();
        MainTest.Run r = run("", "--netns", ns.name(), "-e", "add", "rule", "inet", "t", "c", "tcp", "dport", "@ports", "accept");
        assertThat(r.out()).matches("add rule inet t c tcp dport @ports accept\n# new generation \\d+ by process \\d+ \\(.+\\)\n");
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEqualTo("""
                table inet t {
                \tset ports {
                \t\ttype inet_service
                \t\telements = { 22, 443 }
                \t}

                \tchain c {
                \t\ttcp dport @ports accept
                \t}
                }
                """);
        MainTest.Run bad = run("", "--netns", ns.name(), "add", "rule", "inet", "t", "c", "tcp", "dport", "22", "acept");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("""
                Error: syntax error, unexpected acept, expecting a statement
                add rule inet t c tcp dport 22 acept
                                               ^^^^^
                """);
        assertThat(run("", "--netns", ns.name(), "flush", "ruleset").status()).isZero();
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
    }
}
