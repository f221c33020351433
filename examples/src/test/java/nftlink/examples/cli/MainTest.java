package nftlink.examples.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Option handling of the command-line tool: nft's words for nft's mistakes, exit status 1, never a stack trace. */
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
    void unknownOptionIsAUsageErrorWithStatusOne() {
        Run r = run("--frobnicate", "list", "ruleset");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("nftlink: unrecognized option '--frobnicate'\nTry 'nftlink --help' for more information.\n");
        assertThat(r.out()).isEmpty();
        assertThat(run("-aQ", "list", "tables").err()).startsWith("nftlink: invalid option -- 'Q'\n");
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertThat(run().err()).isEqualTo("nftlink: no command specified\n");
        assertThat(run().status()).isEqualTo(1);
        assertThat(run("--netns").err()).startsWith("nftlink: option '--netns' requires an argument\n");
        assertThat(run("-f").err()).startsWith("nftlink: option requires an argument -- 'f'\n");
        assertThat(run("--netns=", "list", "tables").err()).startsWith("nftlink: option --netns needs a namespace name\n");
        assertThat(run("-f", "/nonexistent/rules.nft").err()).endsWith("cannot read /nonexistent/rules.nft: no such file\n");
    }

    @Test
    void commandWordsAreReadAsNftReadsThem() {
        assertThat(run("list").err()).isEqualTo("Error: syntax error, unexpected newline\nlist\n    ^\n");
        assertThat(run("list", "ruleset", "ip", "extra").err())
                .isEqualTo("Error: syntax error, unexpected string, expecting end of file or newline or semicolon\n"
                        + "list ruleset ip extra\n                ^^^^^\n");
        assertThat(run("list", "tables", "ipx").err()).startsWith("Error: syntax error, unexpected string, expecting end of file");
        assertThat(run("frob").err()).isEqualTo("Error: syntax error, unexpected string\nfrob\n^^^^\n");
        assertThat(run("list", "ruleset", "-a").err()).isEqualTo("Error: syntax error, options must be specified before commands\n"
                + "list ruleset -a\n             ^^\n");
        assertThat(run("list", "ruleset", "-a").status()).isEqualTo(1);
    }

    @Test
    void missingNamespaceIsOneLine() {
        Run r = run("--netns", "nftlink-no-such-namespace", "list", "ruleset");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("nftlink: network namespace \"nftlink-no-such-namespace\" does not exist "
                + "(no /var/run/netns/nftlink-no-such-namespace)\n");
    }

    @Test
    void conflictsAsNftWordsThem() {
        assertThat(run("-i", "-f", "x").err()).isEqualTo("Error: -i/--interactive and -f/--file options cannot be combined\n");
        assertThat(run("-D", "x=1", "list", "tables").err()).isEqualTo("Error: -D/--define can only be used with -f/--filename\n");
        assertThat(run("-d", "foo", "list", "tables").err()).isEqualTo("Error: invalid debug parameter `foo'\n");
        assertThat(run("-f", "x", "list", "tables").err()).isEqualTo("Error: -f takes no command; put the commands in the file\n");
        assertThat(run("-f", "x", "list", "tables").status()).isEqualTo(1);
    }
}
