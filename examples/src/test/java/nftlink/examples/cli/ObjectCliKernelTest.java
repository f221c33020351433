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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nftlink} with stateful objects: files and commands that declare and delete them,
 * {@code list} and {@code reset} of objects (listings compared with nft-ref, nft 1.1.3), JSON, and
 * {@code --resolve-hostnames}, each compared with nft in a twin namespace.
 */
@KernelTest
class ObjectCliKernelTest {

    private static final String FILE = """
            table inet t {
            \tcounter c { packets 5 bytes 100; comment "cnt"; }
            \tcounter c2 { }
            \tquota q { over 25 mbytes used 1 mbytes; }
            \tct helper h { type "ftp" protocol tcp; l3proto inet; }
            \tct timeout tt { protocol tcp; l3proto ip; policy = { established: 100, close: 4 }; }
            \tct expectation e { protocol tcp; dport 2121; timeout 1m; size 12; l3proto ip; }
            \tsynproxy s { mss 1460; wscale 7; timestamp sack-perm; }
            \tmap m { typeof ip saddr : meta mark; elements = { 10.0.0.1 : 0x10 }; }
            }
            table ip u {
            \tcounter cu { packets 1 bytes 1 }
            \tsynproxy su { mss 1400; wscale 2; }
            }
            """;

    private static MainTest.Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new MainTest.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String ok(String... args) {
        MainTest.Run r = run(args);
        assertThat(r.err()).as(String.join(" ", args)).isEmpty();
        assertThat(r.status()).isZero();
        return r.out();
    }

    private static String[] in(TestNamespace ns, String... command) {
        List<String> all = new ArrayList<>(List.of("--netns", ns.name()));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    @Test
    void fileAndCommandsLikeNft(TestNamespace ours, TestNamespace theirs, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("objects.nft");
        Files.writeString(file, FILE);
        ok(in(ours, "-f", file.toString()));
        theirs.exec("nft", "-f", file.toString()).orThrow();
        assertThat(ok(in(ours, "list", "ruleset"))).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow());
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow());

        for (String command : List.of("add ct helper ip u hu { type \"ftp\" protocol tcp; }", "delete synproxy ip u su",
                "add synproxy ip u s3 { mss 536; wscale 0; sack-perm; }", "delete ct timeout inet t tt")) {
            ok(in(ours, command.split(" ")));
            NftRef.script(theirs, command + "\n").orThrow();
        }
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow())
                .contains("ct helper hu {", "synproxy s3 {").doesNotContain("synproxy su", "ct timeout tt");
    }

    @Test
    void listsAndResetsLikeNft(TestNamespace ours, TestNamespace theirs) {
        NftRef.script(ours, FILE).orThrow();
        NftRef.script(theirs, FILE).orThrow();
        for (String command : List.of("list counters", "list quotas", "list synproxys", "list counters table inet t",
                "list ct helpers table inet t", "list ct expectation inet t e",
                "list counter inet t c", "list synproxy ip u su", "list quota inet t q")) {
            String[] words = command.split(" ");
            assertThat(ok(in(ours, words))).as(command).isEqualTo(NftRef.run(ours, words).orThrow());
            List<String> handles = new ArrayList<>(List.of("-a"));
            handles.addAll(List.of(words));
            assertThat(ok(in(ours, handles.toArray(String[]::new)))).as("-a " + command)
                    .isEqualTo(NftRef.run(ours, handles.toArray(String[]::new)).orThrow());
        }
        // ct timeout policies as durations (1m40s), as nft 1.1.3 lists them
        assertThat(ok(in(ours, "list", "ct", "timeout", "inet", "t", "tt")))
                .isEqualTo(NftRef.run(ours, "list", "ct", "timeout", "inet", "t", "tt").orThrow());
        for (String command : List.of("reset counter inet t c", "reset counters", "reset quotas table inet t")) {
            String[] words = command.split(" ");
            assertThat(ok(in(ours, words))).as(command).isEqualTo(NftRef.run(theirs, words).orThrow());
        }
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow())
                .contains("counter c {\n\t\tcomment \"cnt\"\n\t\tpackets 0 bytes 0");
        assertThat(run(in(ours, "list", "ct", "helpers")).err()).isEqualTo(NftRef.run(ours, "list", "ct", "helpers").stderr());
        assertThat(run(in(ours, "list", "counter", "inet", "t", "nope")).err())
                .isEqualTo("Error: No such file or directory\nlist counter inet t nope\n                    ^^^^\n");
    }

    @Test
    void aBrokenOrRejectedFileChangesNothing(TestNamespace ours, @TempDir Path dir) throws IOException {
        NftRef.script(ours, "table ip keep {\n\tcounter k {\n\t}\n}\n").orThrow();
        String before = NftRef.run(ours, "list", "ruleset").orThrow();
        Path broken = dir.resolve("broken.nft");
        Files.writeString(broken, FILE + "table ip v {\n\tsynproxy s { mss 1460; wscale 7; ecn; }\n}\n");
        MainTest.Run r = run(in(ours, "-f", broken.toString()));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith(broken + ":16:35-37: Error: ");
        assertThat(r.err()).contains("syntax error, unexpected ecn, expecting mss, wscale, timestamp or sack-perm");
        // the kernel refuses a ct expectation in an inet table without l3proto (as it does nft's)
        Path rejected = dir.resolve("rejected.nft");
        Files.writeString(rejected, FILE + "table inet v {\n\tct expectation x { protocol tcp; dport 1; timeout 1s; size 1; }\n}\n");
        r = run(in(ours, "-f", rejected.toString()));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("ct expectation").contains(rejected + ":16");
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(before);
    }

    @Test
    void jsonListsObjectsLikeNft(TestNamespace ours) {
        NftRef.script(ours, FILE).orThrow();
        assertThat(ok(in(ours, "-j", "list", "ruleset"))).isEqualTo(NftRef.run(ours, "-j", "list", "ruleset").orThrow());
    }

    @Test
    void hostnamesOnlyWhenAsked(TestNamespace ours, TestNamespace theirs) {
        ok(in(ours, "add", "table", "ip", "t"));
        ok(in(ours, "add", "chain", "ip", "t", "c"));
        MainTest.Run refused = run(in(ours, "add", "rule", "ip", "t", "c", "ip", "daddr", "localhost", "accept"));
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("hostnames are not resolved unless enabled", "--resolve-hostnames");
        assertThat(NftRef.run(ours, "list", "chain", "ip", "t", "c").orThrow()).doesNotContain("127.0.0.1");
        List<String> resolving = new ArrayList<>(List.of("--resolve-hostnames"));
        resolving.addAll(List.of(in(ours, "add", "rule", "ip", "t", "c", "ip", "daddr", "localhost", "accept")));
        ok(resolving.toArray(String[]::new));
        NftRef.script(theirs, "add table ip t\nadd chain ip t c\nadd rule ip t c ip daddr localhost accept\n").orThrow();
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow())
                .contains("ip daddr 127.0.0.1 accept");
    }
}
