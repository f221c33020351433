package nftlink.examples.cli;

import nftlink.testing.NftRef;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** nft's input and output options, and its usage errors, run by nftlink and by nft-ref (nft 1.1.3) side by side. */
@KernelTest
class OptionsParityKernelTest {

    private static final String TABLE = "table inet e {\n\tchain c {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}\n";

    /** {@code nft: MESSAGE} and {@code nftlink: MESSAGE} alike: the message after the program's name. */
    private static String withoutProgram(String line) {
        return line.replaceFirst("^\\S*(nft|nftlink): ", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Q list tables", "--frob list tables", "-f", "--file", "-i -f x", "-D x=1 list tables",
            "-d foo list tables", "list ruleset -a", "list tables --handle", "-a", "-aQ list tables"})
    void usageMistakesAsNft(String command, TestNamespace ns) {
        String[] args = command.split(" ");
        Cli.Run ours = Cli.in(ns, args);
        Cli.Run theirs = Cli.Run.of(NftRef.run(ns, args));
        assertThat(withoutProgram(ours.gist())).as(command).isEqualTo(withoutProgram(theirs.gist()));
        assertThat(ours.status()).as(command).isEqualTo(theirs.status()).isEqualTo(1);
        assertThat(ours.out()).isEmpty();
    }

    @Test
    void noCommandIsAnError(TestNamespace ns) {
        Cli.Run ours = Cli.in(ns);
        Cli.Run theirs = Cli.Run.of(NftRef.run(ns));
        assertThat(withoutProgram(ours.gist())).isEqualTo(withoutProgram(theirs.gist())).isEqualTo("no command specified");
        assertThat(ours.status()).isEqualTo(theirs.status()).isEqualTo(1);
    }

    /** The generation line without the committing process, which is nft-ref's loader there and java here. */
    private static String withoutProcess(String out) {
        return out.replaceAll("(?m)^(# new generation \\d+ by process) \\d+ \\(.*\\)$", "$1 P");
    }

    @Test
    void echoAsNft(TestNamespace ours, TestNamespace theirs) {
        for (String options : List.of("-e", "-ae", "--echo --handle")) {
            for (String command : List.of("add table inet e", "add chain inet e c { type filter hook input priority 0; policy drop; }",
                    "add rule inet e c tcp dport { 22, 80 } counter accept", "insert rule inet e c ip saddr 10.0.0.1 drop",
                    "delete table inet e")) {
                String[] args = (options + " " + command).split(" ");
                Cli.Run mine = Cli.in(ours, args);
                Cli.Run nft = Cli.Run.of(NftRef.run(theirs, args));
                assertThat(withoutProcess(mine.out())).as(options + " " + command).isEqualTo(withoutProcess(nft.out()));
                assertThat(mine.status()).isEqualTo(nft.status()).isZero();
            }
        }
    }

    /**
     * What {@code -e} and {@code -ea} print for a file: every object, element, anonymous set and rule as nft's monitor
     * would. No element timeouts: the expiry both print is the time left when the kernel reported it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-e", "-ea", "-je"})
    void echoOfAFileAsNft(String options, TestNamespace ours, TestNamespace theirs, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("echo.nft"), """
                table inet t {
                \tflags dormant
                \tcounter cnt { comment "cc" }
                \tquota q { over 25 mbytes used 1 mbytes }
                \tct helper h { type "ftp" protocol tcp; l3proto inet; }
                \tsynproxy sp { mss 1460; wscale 7; timestamp sack-perm; }
                \tset s { type ipv4_addr; flags interval; elements = { 1.1.1.0/24, 2.2.2.2 } }
                \tset c { type ipv4_addr . inet_service; flags interval; elements = { 10.0.0.0/8 . 22-25, 1.1.1.1 . 80 } }
                \tmap m { type mark : mark; flags interval; elements = { 0x10-0x20 : 0x1, 0x40 : 0x2 } }
                \tmap v { type ipv4_addr : verdict; elements = { 1.1.1.1 : accept } }
                \tmap om { type ipv4_addr : counter; elements = { 1.1.1.1 : "cnt" } }
                \tmap dm { typeof ip daddr : meta mark; size 65535; timeout 1m; }
                \tchain b { type filter hook input priority 0; policy drop; }
                \tchain x {
                \t\tip saddr 1.1.1.1 accept comment "rc"
                \t\tip saddr { 10.0.0.0/8, 172.16.0.0/12 } counter name "cnt" accept
                \t\ttcp dport { 22-25, 80 } accept
                \t\tmeta mark set ip saddr map { 10.0.0.0/8 : 0x1 }
                \t\tip saddr vmap @v
                \t\tcounter name ip saddr map @om
                \t\tupdate @dm { ip saddr : 0x2 }
                \t\tct helper set tcp dport map { 21 : "h" }
                \t}
                }
                """);
        NftRef.run(ours, "flush", "ruleset").orThrow();
        NftRef.run(theirs, "flush", "ruleset").orThrow();
        String[] args = (options + " -f " + file).split(" ");
        Cli.Run mine = Cli.in(ours, args);
        Cli.Run nft = Cli.Run.of(NftRef.run(theirs, args));
        assertThat(withoutProcess(mine.out())).isEqualTo(withoutProcess(nft.out())).containsAnyOf("add element inet t s { 1.1.1.0/24",
                "{\"element\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"s\", \"elem\": {\"set\": [{\"prefix\"");
        for (String command : List.of("add element inet t s { 3.3.3.0/24 }", "delete element inet t m { 0x40 }",
                "flush set inet t c", "delete rule inet t x handle 12", "delete counter inet t cnt")) {
            String[] words = (options + " " + command).split(" ");
            Cli.Run ourCommand = Cli.in(ours, words);
            Cli.Run theirCommand = Cli.Run.of(NftRef.run(theirs, words));
            assertThat(withoutProcess(ourCommand.out())).as(command).isEqualTo(withoutProcess(theirCommand.out()));
            assertThat(ourCommand.status()).as(command).isEqualTo(theirCommand.status());
        }
    }

    /** {@code -j -e -f} of a JSON document: the document back, with the kernel's handles of what it added, byte for byte. */
    @Test
    void jsonEchoAsNft(TestNamespace ours, TestNamespace theirs, @TempDir Path dir) throws IOException {
        String ruleset = """
                table inet t {
                \tcounter cnt { comment "cc" }
                \tset s { type ipv4_addr; flags interval; elements = { 1.1.1.0/24, 2.2.2.2 } }
                \tmap v { type ipv4_addr : verdict; elements = { 1.1.1.1 : accept } }
                \tchain b { type filter hook input priority 0; policy drop; }
                \tchain x {
                \t\tip saddr 1.1.1.1 accept comment "rc"
                \t\tip saddr { 10.0.0.0/8, 172.16.0.0/12 } counter name "cnt" accept
                \t\tip saddr vmap @v
                \t}
                }
                """;
        // the same history in both namespaces: table handles count on after a flush
        NftRef.apply(theirs, ruleset);
        NftRef.apply(ours, ruleset);
        Path document = Files.writeString(dir.resolve("echo.json"), NftRef.run(theirs, "-j", "list", "ruleset").orThrow());
        NftRef.run(theirs, "flush", "ruleset").orThrow();
        NftRef.run(ours, "flush", "ruleset").orThrow();
        Cli.Run mine = Cli.in(ours, "-j", "-e", "-f", document.toString());
        Cli.Run nft = Cli.Run.of(NftRef.run(theirs, "-j", "-e", "-f", document.toString()));
        assertThat(mine.out()).isEqualTo(nft.out()).contains("\"handle\": 3");
        assertThat(mine.status()).isEqualTo(nft.status()).isZero();
    }

    /** {@code -j -f} of a file in nft syntax: nft reads what is not JSON as nft syntax. */
    @Test
    void jsonOptionReadsNftSyntaxToo(TestNamespace ours, TestNamespace theirs, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain.nft"), TABLE);
        Cli.Run mine = Cli.in(ours, "-j", "-f", file.toString());
        Cli.Run nft = Cli.Run.of(NftRef.run(theirs, "-j", "-f", file.toString()));
        assertThat(mine.status()).isEqualTo(nft.status()).isZero();
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow())
                .isEqualTo(TABLE);
    }

    @Test
    void checkAppliesNothing(TestNamespace ns, @TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.nft"), TABLE);
        Path bad = Files.writeString(dir.resolve("bad.nft"), "add rule inet nosuch c accept\n");
        for (Path file : List.of(good, bad)) {
            Cli.Run ours = Cli.in(ns, "-c", "-f", file.toString());
            Cli.Run theirs = Cli.Run.of(NftRef.run(ns, "--check", "--file", file.toString()));
            assertThat(ours.status()).as(file.toString()).isEqualTo(theirs.status());
            assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
        }
        String nft = NftRef.run(ns, "-c", "-f", bad.toString()).stderr();
        assertThat(Cli.in(ns, "-c", "-f", bad.toString()).err()).startsWith(nft)
                .startsWith(bad + ":1:15-20: Error: Could not process rule: No such file or directory\n");
    }

    @Test
    void includePathAndDefinesAsNft(TestNamespace ours, TestNamespace theirs, @TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("chains.nft"), "add chain inet e extra\nadd rule inet e extra tcp dport $port accept\n");
        Path main = Files.writeString(dir.resolve("main.nft"), TABLE + "include \"chains.nft\"\nadd rule inet e c ip saddr $nets drop\n");
        String[] args = {"-I", lib.toString(), "-D", "port=2222", "--define=nets={ 10.0.0.0/8, 192.168.0.0/16 }", "-f", main.toString()};
        Cli.Run mine = Cli.in(ours, args);
        assertThat(mine.err()).isEmpty();
        assertThat(mine.status()).isZero();
        NftRef.run(theirs, args).orThrow();
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow())
                .contains("tcp dport 2222 accept", "ip saddr { 10.0.0.0/8, 192.168.0.0/16 } drop");
    }

    @Test
    void interactiveReadsLinesAsNftDoes(TestNamespace ns) {
        NftRef.apply(ns, TABLE);
        String lines = "list tables\nlist table inet nosuch\nlist chains inet\n\nquit\nlist tables\n";
        Cli.Run ours = Cli.input(ns, lines, "-i");
        Cli.Run theirs = Cli.Run.of(NftRef.input(ns, lines, "-i"));
        assertThat(ours.out()).isEqualTo(theirs.out()).isEqualTo("table inet e\n" + TABLE.replace("priority filter; policy accept;\n",
                "priority filter; policy accept;\n"));
        assertThat(ours.err()).isEqualTo(theirs.err());
        assertThat(ours.status()).isEqualTo(theirs.status()).isZero();
    }

    @Test
    void severalCommandsInOneArgumentAsNft(TestNamespace ns) {
        NftRef.apply(ns, TABLE);
        Cli.assertLikeNft(ns, "list tables; list chains");
        Cli.assertLikeNft(ns, "list table inet e");
        Cli.assertLikeNft(ns, "-a", "list", "chain inet e c");
    }

    @Test
    void netlinkDebugPrintsTheRulesBytecodeAsNft(TestNamespace ours, TestNamespace theirs) {
        NftRef.apply(ours, TABLE);
        NftRef.apply(theirs, TABLE);
        for (String rule : List.of("add rule inet e c tcp dport 22 counter accept", "insert rule inet e c ip saddr 10.0.0.0/8 meta mark set 0x1")) {
            String[] args = ("--debug=netlink " + rule).split(" ");
            Cli.Run mine = Cli.in(ours, args);
            assertThat(mine.out()).as(rule).isEqualTo(NftRef.run(theirs, args).orThrow());
        }
        assertThat(NftRef.run(ours, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(theirs, "list", "ruleset").orThrow());
    }

    @Test
    void whatNftlinkRefusesItSaysSo(TestNamespace ns, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.nft"), TABLE);
        Cli.Run optimize = Cli.in(ns, "-o", "-f", file.toString());
        assertThat(optimize.status()).isEqualTo(1);
        assertThat(optimize.err()).isEqualTo("nftlink: -o/--optimize is not supported: nftlink applies rule sets as written\n");
        Cli.Run scanner = Cli.in(ns, "--debug=scanner,netlink", "list", "tables");
        assertThat(scanner.status()).isEqualTo(1);
        assertThat(scanner.err()).isEqualTo("Error: debug level 'scanner' is nft's own and not supported; nftlink has --debug=netlink\n");
        Cli.Run imports = Cli.in(ns, "import", "ruleset", "json");
        assertThat(imports.status()).isEqualTo(1);
        assertThat(imports.gist()).isEqualTo("Error: nftlink has no 'import' command; nftlink --help lists those it has");
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
        Cli.Run listing = Cli.in(ns, "-o", "list", "tables");
        assertThat(listing.status()).as("nft takes -o with a listing, and ignores it").isZero();
    }

    @Test
    void longOptionsWithEqualsAndRepeatedFlags(TestNamespace ns) {
        NftRef.apply(ns, TABLE);
        Cli.Run ours = Cli.run("", "--netns=" + ns.name(), "-nnn", "-a", "-a", "--numeric-priority", "list", "ruleset");
        assertThat(ours.err()).isEmpty();
        assertThat(ours.out()).isEqualTo(NftRef.run(ns, "-nnn", "-a", "-a", "--numeric-priority", "list", "ruleset").orThrow());
    }

    @Test
    void versions() {
        assertThat(Cli.run("", "-v").out()).matches("nftlink \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
        Cli.Run extended = Cli.run("", "-V");
        assertThat(extended.status()).isZero();
        assertThat(extended.out()).startsWith(Cli.run("", "-v").out() + "  nft:\t\t1.1.3");
        assertThat(extended.out().lines().toList()).hasSize(7).element(3).isEqualTo("  json:\t\tyes");
        assertThat(Cli.run("", "--version").out()).isEqualTo(Cli.run("", "-v").out());
    }
}
