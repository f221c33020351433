package nftlink.examples.cli;

import nftlink.testing.NftRef;

import nftlink.testing.TestNamespace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nftlink} run in-process ({@link Main#run}) and compared with nft-ref. */
final class Cli {
    private Cli() {
    }

    /** What a run left: exit status, standard output and standard error. */
    record Run(int status, String out, String err) {
        static Run of(TestNamespace.Result r) {
            return new Run(r.exitCode(), r.stdout(), r.stderr());
        }

        /** The first line of standard error: what went wrong, without the command and caret lines. */
        String gist() {
            return err.lines().findFirst().orElse("");
        }
    }

    /** Runs {@code nftlink ARGS} with {@code stdin} on its standard input. */
    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code nftlink --netns NS ARGS}. */
    static Run in(TestNamespace ns, String... args) {
        return input(ns, "", args);
    }

    /** Runs {@code nftlink --netns NS ARGS} with {@code stdin} on its standard input. */
    static Run input(TestNamespace ns, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--netns", ns.name()));
        all.addAll(List.of(args));
        return run(stdin, all.toArray(String[]::new));
    }

    /** {@code nftlink ARGS} and {@code nft-ref ARGS} in {@code ns}: the same exit status, output and error line. */
    static Run assertLikeNft(TestNamespace ns, String... args) {
        Run ours = in(ns, args);
        Run theirs = Run.of(NftRef.run(ns, args));
        String what = String.join(" ", args);
        assertThat(ours.out()).as("standard output of " + what).isEqualTo(theirs.out());
        assertThat(ours.gist()).as("standard error of " + what).isEqualTo(theirs.gist());
        assertThat(ours.status()).as("exit status of " + what + "; standard error: " + ours.err()).isEqualTo(theirs.status());
        return ours;
    }
}
