package nftlink.nftables.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link NftParser#withIncludePath} and {@link NftParser#withDefines}: nft's {@code -I DIR} and {@code -D NAME=VALUE}. */
class IncludePathAndDefinesTest {

    private static final NftParser PARSER = new NftParser(path -> path.length(), SetLookup.NONE);

    private static List<String> objects(NftScript script) {
        return script.operations().stream().map(o -> o.kind() + " " + o.object()).toList();
    }

    @Test
    void plainNamesAreLookedUpInTheIncludePathFirst(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(lib.resolve("chains.nft"), "add chain ip t from_lib\n");
        Files.writeString(dir.resolve("chains.nft"), "add chain ip t beside\n");
        Path main = dir.resolve("main.nft");
        Files.writeString(main, "add table ip t\ninclude \"chains.nft\"\n");

        assertThat(objects(PARSER.withIncludePath(List.of(other, lib)).parseFile(main)))
                .containsExactly("add table ip t", "add chain ip t from_lib");
        assertThat(objects(PARSER.parseFile(main))).containsExactly("add table ip t", "add chain ip t beside");
        assertThat(objects(PARSER.withIncludePath(List.of(other)).parseFile(main)))
                .as("a name found in no include directory resolves as before")
                .containsExactly("add table ip t", "add chain ip t beside");
    }

    @Test
    void dotSlashNamesAndPatternsFollowNft(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("10-a.nft"), "add chain ip t a\n");
        Files.writeString(lib.resolve("20-b.nft"), "add chain ip t b\n");
        Files.writeString(lib.resolve("x.nft"), "add chain ip t from_lib\n");
        Files.writeString(dir.resolve("x.nft"), "add chain ip t beside\n");
        Path main = dir.resolve("main.nft");
        Files.writeString(main, "add table ip t\ninclude \"./x.nft\"\ninclude \"*-*.nft\"\n");

        assertThat(objects(PARSER.withIncludePath(List.of(lib)).parseFile(main)))
                .containsExactly("add table ip t", "add chain ip t beside", "add chain ip t a", "add chain ip t b");
    }

    @Test
    void definesComeBeforeTheText() {
        NftScript script = PARSER.withDefines(List.of("port=22", "nets={ 10.0.0.0/8, 192.168.0.0/16 }"))
                .parse("add table ip t\nadd chain ip t c\nadd rule ip t c ip saddr $nets tcp dport $port accept\n", "f.nft");
        assertThat(script.parsed().getLast().echo()).isEqualTo(
                "add rule ip t c ip saddr { 10.0.0.0/8, 192.168.0.0/16 } tcp dport 22 accept");
        assertThatThrownBy(() -> PARSER.withDefines(List.of("x")).parse("add table ip t\n", "f.nft"))
                .isInstanceOf(NftParseException.class).hasMessageContaining("<cmdline>:1:");
    }
}
