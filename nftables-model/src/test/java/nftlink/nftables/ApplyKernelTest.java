package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.parse.AppliedCommand;
import nftlink.nftables.parse.AppliedScript;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Nftables.apply}: nft text committed in one call, with the handles per source line (#16). */
@KernelTest
class ApplyKernelTest {

    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)");

    /** A script of six commands (a table, a base chain, a set, two rules, a counter). */
    static final String TEXT = """
            add table inet app
            add chain inet app input { type filter hook input priority 0; policy accept; }
            add set inet app blocked { type ipv4_addr; flags interval; }
            add rule inet app input ip saddr @blocked drop
            add rule inet app input tcp dport { 22, 2222 } accept
            add counter inet app hits
            """;

    /** The commands of {@link #TEXT} as {@code AppliedScript.commands()} gives them back. */
    static final List<String> COMMANDS = List.of(
            "add table inet app",
            "add chain inet app input { type filter hook input priority filter; policy accept; }",
            "add set inet app blocked",
            "add rule inet app input ip saddr @blocked drop",
            "add rule inet app input tcp dport { 22, 2222 } accept",
            "add counter inet app hits");

    @Test
    void applyTellsTheHandleOfWhatEachLineCreated(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            AppliedScript applied = nft.apply(TEXT);
            assertThat(applied.commands()).extracting(AppliedCommand::command).containsExactlyElementsOf(COMMANDS);
            String listed = NftRef.run(ns, "-a", "list", "ruleset").orThrow();
            long drop = handleOf(listed, "ip saddr @blocked drop");
            assertThat(applied.handle(1)).hasValue(handleOf(listed, "table inet app"));
            assertThat(applied.handle(2)).hasValue(handleOf(listed, "chain input"));
            assertThat(applied.handle(3)).hasValue(handleOf(listed, "set blocked"));
            assertThat(applied.handle(4)).hasValue(drop);
            assertThat(applied.handle(5)).hasValue(handleOf(listed, "tcp dport { 22, 2222 } accept"));
            assertThat(applied.handle(6)).hasValue(handleOf(listed, "counter hits"));
            assertThat(applied.handle(7)).isEqualTo(OptionalLong.empty());
            assertThat(applied.commands().get(3).echo()).isEqualTo("add rule inet app input ip saddr @blocked drop # handle " + drop);
        }
    }

    @Test
    void elementsOfASetOnlyTheKernelKnowsParseThroughTheKernel(TestNamespace ns) {
        NftRef.apply(ns, "table inet app {\n set blocked {\n type ipv4_addr\n flags interval\n }\n}\n");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            String add = "add element inet app blocked { 10.0.0.0/8, 192.0.2.1 }";
            assertThatThrownBy(() -> NftParser.standard().parse(add, "<t>")).isInstanceOf(NftParseException.class);
            NftParser.forKernel(nft).parse(add, "<t>").applyTo(nft);
            nft.apply("add element inet app blocked { 198.51.100.7 }");
        }
        assertThat(NftRef.run(ns, "list", "set", "inet", "app", "blocked").orThrow())
                .contains("elements = { 10.0.0.0/8, 192.0.2.1,", "198.51.100.7 }");
    }

    @Test
    void aFileAppliesWithErrorsNamingIt(TestNamespace ns, @TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.nft"), TEXT);
        Path bad = Files.writeString(dir.resolve("bad.nft"), "add table inet app\nadd rule inet app input tcp dport nope accept\n");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThat(nft.apply(good).commands()).hasSize(6);
            assertThatThrownBy(() -> nft.apply(bad)).isInstanceOf(NftParseException.class).hasMessageContaining("bad.nft:2:");
        }
        assertThat(NftRef.run(ns, "list", "table", "inet", "app").orThrow()).contains("tcp dport { 22, 2222 } accept");
    }

    @Test
    void interfaceNamesResolveInTheConnectionsNamespace(TestNamespace ns) {
        ns.addIfb("ifbapi0");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            nft.apply(TEXT + "add rule inet app input iif \"ifbapi0\" accept\n");
        }
        assertThat(NftRef.run(ns, "list", "table", "inet", "app").orThrow()).contains("iif \"ifbapi0\" accept");
    }

    /** The handle {@code nft -a} lists on the line with {@code text}. */
    static long handleOf(String listing, String text) {
        for (String line : listing.lines().toList()) {
            Matcher m = HANDLE.matcher(line);
            if (line.contains(text + " ") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no handle for " + text + " in\n" + listing);
    }
}
