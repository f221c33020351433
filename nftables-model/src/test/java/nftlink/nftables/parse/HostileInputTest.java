package nftlink.nftables.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Input that must never change the rule set by accident or exhaust the parser: a family word is never
 * a table name, truncated files fail, and nesting, definitions and includes stay within {@link InputLimits}.
 */
class HostileInputTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static NftParseException error(String text) {
        NftParseException e = catchThrowableOfType(NftParseException.class, () -> PARSER.parse(text, "t.nft"));
        assertThat(e).as("no error for %s", text).isNotNull();
        return e;
    }

    @Test
    void aTruncatedFileAfterFlushRulesetIsRefusedNotReadAsATableNamedAfterAFamily() {
        // nft: "syntax error, unexpected end of file, expecting string"; before, a table "ip inet" was added
        assertThat(error("flush ruleset\ntable inet").getMessage()).startsWith("t.nft:2:11-11: Error: syntax error, unexpected");
        for (String family : new String[] {"ip", "ip6", "inet", "arp", "bridge", "netdev"}) {
            for (String command : new String[] {"table ", "add table ", "create table ", "delete table ", "destroy table ",
                    "flush table ", "add chain ", "add set "}) {
                error(command + family);
                error(command + family + "\n");
                error(command + family + ";");
                error(command + family + " {}");
            }
            error("table ip " + family + " { }");
            error("table inet t { chain " + family + " { } }");
        }
    }

    @Test
    void keywordsAndQuotedStringsAreNoNames() {
        assertThat(error("table ip counter { }").problem()).isEqualTo("syntax error, unexpected counter, expecting a table name");
        error("table ip \"t\" { }");
        error("table ip t { set flags { type ipv4_addr; } }");
        error("add rule ip t c jump accept");
        // words that are keywords only inside some statements are names, as in nft
        assertThat(PARSER.parse("table ip filter { chain input { }; chain name { jump input }; chain last { } }", "t.nft")
                .operations()).hasSize(5);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void deepNestingFailsWithALocatedLine() {
        String sets = "table ip t { chain c { tcp dport " + "{".repeat(10_000) + "22" + "}".repeat(10_000) + " accept } }";
        NftParseException e = error(sets);
        assertThat(e.problem()).contains("nested too deeply");
        assertThat(e.getMessage().lines().count()).isEqualTo(3);
        assertThat(e.getMessage().length()).isLessThan(1_000);
        String parens = "add rule ip t c meta mark set " + "(".repeat(5_000) + "1" + ")".repeat(5_000);
        assertThat(error(parens).problem()).contains("nested too deeply");
        // nft: "Binary operation limit 16 reached"
        assertThat(error("add rule ip t c meta mark set meta mark" + " & meta mark".repeat(4_000) + " accept")
                .getMessage().length()).isLessThan(1_000);
        assertThat(error("add rule ip t c meta mark" + " & 1".repeat(4_000) + " == 1 accept").getMessage().length())
                .isLessThan(1_000);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void definitionsReferToWhatTheyNameAndAreNotCopied() {
        StringBuilder text = new StringBuilder("define a0 = 1\n");
        for (int i = 1; i <= 40; i++) {
            text.append("define a").append(i).append(" = { $a").append(i - 1).append(", $a").append(i - 1).append(" }\n");
        }
        assertThat(PARSER.parse(text.toString(), "t.nft").operations()).isEmpty();
        text.append("add rule ip t c tcp dport $a40 accept\n");
        assertThat(error(text.toString()).problem()).contains("too many variable expansions");
        // a redefinition does not change what an earlier definition meant (nft binds when defining)
        var ops = PARSER.parse("define p = 22\ndefine q = $p\nredefine p = 80\nadd rule ip t c tcp dport $q accept\n", "t.nft");
        assertThat(ops.parsed()).anyMatch(p -> p.echo() != null && p.echo().contains("tcp dport 22 accept"));
        assertThat(error("define q = $nope\n").problem()).isEqualTo("unknown identifier 'nope'");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void includesReadOnlyRegularFilesOfBoundedSize(@TempDir Path dir) throws IOException {
        for (String device : new String[] {"/dev/zero", "/dev/urandom", "/dev/full", "/dev/null"}) {
            assertThat(error("include \"" + device + "\"\n").problem()).contains("not a regular file");
        }
        Path big = dir.resolve("big.nft");
        try (var out = Files.newOutputStream(big)) {
            byte[] line = "# a comment line that makes the file large enough\n".getBytes(StandardCharsets.US_ASCII);
            for (long n = 0; n <= InputLimits.MAX_FILE_BYTES / line.length; n++) {
                out.write(line);
            }
        }
        assertThat(error("include \"" + big + "\"\n").problem()).contains("larger than");
        // a glob over a missing or empty directory includes nothing, as in nft
        assertThat(PARSER.parse("include \"" + dir.resolve("none") + "/*.nft\"\n", "t.nft").operations()).isEmpty();
        Files.createDirectory(dir.resolve("empty"));
        assertThat(PARSER.parse("include \"" + dir.resolve("empty") + "/*.nft\"\n", "t.nft").operations()).isEmpty();
    }

    @Test
    void aLatin1ByteInACommentIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.nft");
        Files.write(file, "table ip t { # caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(PARSER.parseFile(file).operations()).hasSize(1);
    }

    @Test
    void prioritiesAreNumbersAsNftReadsThem() {
        // nft reads priorities with strtol's base 0: 0x10 is 16, 010 is 8
        for (String[] p : new String[][] {{"0x0", "0"}, {"0x10", "16"}, {"-0x10", "-16"}, {"010", "8"}, {"filter + 0x10", "16"}}) {
            var ops = PARSER.parse("table ip t { chain c { type filter hook input priority " + p[0] + "; } }", "t.nft");
            assertThat(ops.operations().get(1).toString()).as(p[0]).contains("priority=" + p[1] + ",");
        }
    }

    @Test
    void aJsonNameWithHalfASurrogatePairIsRefused() {
        var json = new nftlink.nftables.json.JsonParser(CgroupPathResolver.none(), SetLookup.NONE);
        var e = catchThrowableOfType(nftlink.nftables.json.JsonException.class, () -> json.parse(
                "{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"\\ud800\"}}}]}"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("invalid Unicode '\\uD800'");
        assertThat(json.parse("{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"t\\ud83d\\ude00\"}}}]}"))
                .hasSize(1);
    }

    @Test
    void aHugeTokenIsShownCut() {
        String huge = "x".repeat(1 << 20);
        NftParseException e = error("add rule ip t c tcp dport 22 " + huge);
        assertThat(e.getMessage().length()).isLessThan(2_000);
    }
}
