package nftlink.examples.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Option handling of the command-line tool: one clear line and an exit status, never a stack trace. */
class MainTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpDocumentsEveryOption() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--netns NAME", "--handle", "--numeric-priority", "--help", "--version",
                "list ruleset", "list tables", "demo", "--file FILE", "--check", "--echo", "add|create|insert");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--frobnicate", "list", "ruleset");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nftlink: unknown option '--frobnicate'\nTry 'nftlink --help' for more information.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("--netns").err()).startsWith("nftlink: option --netns needs a namespace name");
        assertThat(run("list").err()).startsWith("nftlink: list what?");
        assertThat(run("list", "ruleset", "ip", "extra").status()).isEqualTo(2);
        assertThat(run("list", "tables", "ipx").err()).startsWith("nftlink: unknown family \"ipx\"");
        assertThat(run("frob").err()).startsWith("nftlink: unknown command 'frob'");
        assertThat(run("-f").err()).startsWith("nftlink: option -f needs a file name");
        assertThat(run("-f", "/nonexistent/rules.nft").err()).endsWith("cannot read /nonexistent/rules.nft: no such file\n");
    }

    @Test
    void missingNamespaceIsOneLine() {
        Run r = run("--netns", "nftlink-no-such-namespace", "list", "ruleset");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("nftlink: network namespace \"nftlink-no-such-namespace\" does not exist "
                + "(no /var/run/netns/nftlink-no-such-namespace)\n");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version").out()).startsWith("nftlink ");
    }
}
