package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.CtState;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.lang.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NftParserTest {

    private static final NftParser PARSER = new NftParser(path -> path.length(), SetLookup.NONE);

    private static List<NftOperation> ops(String text) {
        return PARSER.parse(text, "test.nft").operations();
    }

    private static List<String> kinds(String text) {
        return ops(text).stream().map(o -> o.kind() + " " + o.object()).toList();
    }

    @Test
    void tableBlockAddsTableChainsSetsThenRules() {
        List<String> kinds = kinds("""
                table inet filter {
                    chain input {
                        type filter hook input priority filter + 10; policy drop;
                        ct state established,related accept
                        jump apps
                    }
                    set admins { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 } }
                    chain apps {
                    }
                }
                """);
        assertThat(kinds).containsExactly("add table inet filter", "add chain inet filter input",
                "add chain inet filter apps", "add set inet filter admins",
                "add element inet filter admins (2 elements)", "add rule inet filter input", "add rule inet filter input");
        NftOperation.AddChain chain = (NftOperation.AddChain) ops("table inet t { chain c { type filter hook input priority filter + 10; policy drop; } }").get(1);
        assertThat(chain.chain().base().priority()).isEqualTo(10);
        assertThat(chain.chain().base().policy().nftName()).isEqualTo("drop");
    }

    @Test
    void rulesCompileThroughTheLanguage() {
        List<NftOperation> ops = ops("add rule inet t c ip saddr 10.0.0.0/8 tcp dport { ssh, 443 } ct state new counter accept comment \"x\"");
        RuleSpec expected = new RuleSpec(Family.INET, "t", "c", List.of(
                new Match(PayloadField.IP_SADDR, Match.Op.EQ, new Value.Prefix(Bytes.of((byte) 10, (byte) 0, (byte) 0, (byte) 0), 8)),
                new Match(PayloadField.TCP_DPORT, Match.Op.EQ, new Value.SetLiteral(List.of(
                        new Value.Single(Bytes.u16Be(22)), new Value.Single(Bytes.u16Be(443))))),
                new Match(CtField.STATE, Match.Op.EQ, new Value.Single(CtState.mask(CtState.NEW))),
                new Statement.CounterStatement(0, 0),
                new Statement.VerdictStatement(Verdict.ACCEPT)), "x", 0);
        assertThat(PARSER.parseRule(Family.INET, "t", "c",
                "ip saddr 10.0.0.0/8 tcp dport { ssh, 443 } ct state new counter accept comment \"x\"")).isEqualTo(expected);
        assertThat(ops).hasSize(3);
        assertThat(((NftOperation.AddRule) ops.getLast()).rule().comment()).isEqualTo("x");
    }

    @Test
    void variablesContinuationsCommentsAndSeparators() {
        List<NftOperation> ops = ops("""
                # comment line
                define ports = { 22, 80 }
                define lan = 10.0.0.0/8
                add table ip t; add chain ip t c
                add rule ip t c ip saddr $lan \\
                    tcp dport $ports accept # trailing comment
                """);
        assertThat(ops).hasSize(5);
        assertThat(ops.getLast()).isInstanceOf(NftOperation.AddRule.class);
    }

    @Test
    void includesResolveRelativeToTheIncludingFileAndCyclesAreRefused(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("main.nft"), "include \"sub/a.nft\"\nadd chain ip t c\n");
        Files.writeString(dir.resolve("sub/a.nft"), "add table ip t\n");
        assertThat(PARSER.parseFile(dir.resolve("main.nft")).operations()).hasSize(2);
        Files.writeString(dir.resolve("sub/a.nft"), "include \"../main.nft\"\n");
        assertThatThrownBy(() -> PARSER.parseFile(dir.resolve("main.nft")))
                .isInstanceOf(NftParseException.class).hasMessageContaining("include cycle");
    }

    @Test
    void includePatternsIncludeTheirMatchesInOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("main.nft"), "add table ip t\ninclude \"conf.d/*.nft\"\ninclude \"none.d/*.nft\"\n");
        Files.createDirectories(dir.resolve("none.d"));
        Files.writeString(dir.resolve("conf.d/20-b.nft"), "add chain ip t b\n");
        Files.writeString(dir.resolve("conf.d/10-a.nft"), "add chain ip t a\ninclude \"../shared.nft\"\n");
        Files.writeString(dir.resolve("conf.d/skip.txt"), "this is not included\n");
        Files.writeString(dir.resolve("shared.nft"), "add chain ip t shared\n");
        NftScript script = PARSER.parseFile(dir.resolve("main.nft"));
        assertThat(script.operations().stream().map(o -> o.object()).toList())
                .containsExactly("ip t", "ip t a", "ip t shared", "ip t b");
        assertThat(script.locationOf(3).file()).endsWith("20-b.nft");
    }

    @Test
    void commandsOfEveryKind() {
        assertThat(kinds("""
                flush ruleset
                create table ip t
                add chain ip t c { type nat hook postrouting priority srcnat; }
                insert rule ip t c position 4 masquerade
                replace rule ip t c handle 7 snat to 10.0.0.1
                delete rule ip t c handle 7
                add map ip t m { type inet_service : verdict; elements = { 22 : accept, 80 : drop } }
                add element ip t m { 443 : accept }
                delete element ip t m { 443 }
                flush set ip t m
                flush chain ip t c
                flush table ip t
                delete chain ip t c
                delete set ip t m
                destroy table ip t
                """)).containsExactly("flush ruleset ", "create table ip t", "add chain ip t c", "insert rule ip t c",
                "replace rule ip t c handle 7", "delete rule ip t c handle 7", "add map ip t m",
                "add element ip t m (2 elements)", "add element ip t m (1 elements)", "delete element ip t m (1 elements)",
                "flush set ip t m", "flush chain ip t c", "flush table ip t", "delete chain ip t c", "delete set ip t m",
                "destroy table ip t");
    }

    @Test
    void namedObjects() {
        List<NftOperation> ops = ops("""
                table inet t {
                    counter c { packets 1 bytes 2; comment "seen"; }
                    quota q { over 25 mbytes used 1 kbytes }
                    limit l { rate over 2 kbytes/minute burst 1 kbytes }
                }
                add counter inet t c2
                delete quota inet t q
                """);
        assertThat(ops.stream().map(o -> o.kind() + " " + o.object()).toList()).containsExactly("add table inet t",
                "add object inet t c (type 1)", "add object inet t q (type 2)", "add object inet t l (type 4)",
                "add object inet t c2 (type 1)", "delete object inet t q");
        NftOperation.AddObject counter = (NftOperation.AddObject) ops.get(1);
        assertThat(counter.nftObject().data()).isEqualTo(new nftlink.nftables.ObjectDefinition.Counter(1, 2));
        assertThat(counter.nftObject().comment()).isEqualTo("seen");
        assertThat(((NftOperation.AddObject) ops.get(2)).nftObject().data())
                .isEqualTo(new nftlink.nftables.ObjectDefinition.Quota(25L << 20, 1024, 1));
        assertThat(((NftOperation.AddObject) ops.get(3)).nftObject().data())
                .isEqualTo(new nftlink.nftables.ObjectDefinition.Limit(2048, 60, 1024, 1, 1));
        assertThatThrownBy(() -> ops("add quota inet t q")).hasMessageContaining("quota q needs its settings in braces");
    }

    @Test
    void interfaceNamesResolveToIndexes() {
        NftParser parser = PARSER.withInterfaceResolver(name -> name.equals("lo") ? 1 : 7);
        assertThat(parser.parseRule(Family.INET, "t", "c", "iif lo oif { \"eth0\", 3 } accept").statements().subList(0, 2))
                .containsExactly(Match.eq(MetaField.IIF, Bytes.u32(1)), new Match(MetaField.OIF, Match.Op.EQ,
                        new Value.SetLiteral(List.of(new Value.Single(Bytes.u32(7)), new Value.Single(Bytes.u32(3))))));
        NftParser refusing = PARSER.withInterfaceResolver(InterfaceResolver.refusing("not here"));
        assertThatThrownBy(() -> refusing.parse("add rule inet t c iif lo accept", "f.nft"))
                .hasMessageStartingWith("f.nft:1:23-24: Error: cannot resolve interface \"lo\": not here");
    }

    @Test
    void userAndGroupNames() {
        assertThat(PARSER.parseRule(Family.INET, "t", "c", "meta skuid \"root\" meta skgid { root, 1000 }").statements())
                .containsExactly(Match.eq(MetaField.SKUID, Bytes.u32(0)), new Match(MetaField.SKGID, Match.Op.EQ,
                        new Value.SetLiteral(List.of(new Value.Single(Bytes.u32(0)), new Value.Single(Bytes.u32(1000))))));
        assertThatThrownBy(() -> PARSER.parseRule(Family.INET, "t", "c", "meta skuid no-such-user-here"))
                .hasMessageContaining("unknown user \"no-such-user-here\"");
    }

    @Test
    void rateSpellings() {
        for (String text : List.of("limit rate 1 kbytes/second", "limit rate 1 kbytes / second", "limit rate 1 kbytes /second")) {
            assertThat(PARSER.parseRule(Family.IP, "t", "c", text).statements())
                    .containsExactly(new Statement.LimitStatement(1024, TimeUnit.SECOND, 0, true, false));
        }
        for (String text : List.of("limit rate 10/minute", "limit rate 10 / minute", "limit rate 10 /minute", "limit rate 10/ minute")) {
            assertThat(PARSER.parseRule(Family.IP, "t", "c", text).statements())
                    .containsExactly(Statement.LimitStatement.packets(10, TimeUnit.MINUTE));
        }
        // a mark takes a port (nft swaps it to host order: MarkFromFieldKernelTest); a priority does not (nft: datatype mismatch)
        assertThat(PARSER.parseRule(Family.IP, "t", "c", "meta mark set tcp dport").statements()).hasSize(1);
        assertThatThrownBy(() -> PARSER.parseRule(Family.IP, "t", "c", "meta priority set tcp dport"))
                .hasMessageContaining("datatype mismatch: expected TC classid, expression has type internet network service");
    }

    @Test
    void commandsAreLocatedAsAWhole() {
        NftScript script = PARSER.parse("add table ip t\n  delete rule ip t c handle 7\nflush chain ip t c", "f.nft");
        assertThat(script.locationOf(1).position()).isEqualTo("f.nft:2:3-29");
        assertThat(script.locationOf(2).position()).isEqualTo("f.nft:3:1-18");
    }

    @Test
    void cgroupPathsGoThroughTheResolver() {
        List<NftOperation> ops = ops("add rule inet t c socket cgroupv2 level 2 \"system.slice/a.service\" accept");
        RuleSpec expected = RuleSpec.of(Family.INET, "t", "c",
                Match.eq(new SocketCgroupField(2), Bytes.of((byte) 22, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0)),
                new Statement.VerdictStatement(Verdict.ACCEPT));
        assertThat(((NftOperation.AddRule) ops.getLast()).rule().expressions())
                .isEqualTo(Linearizer.linearize(expected, new BatchIds()).rule().expressions());
    }

    @Test
    void metaSetVmapNatAndFriends() {
        List<NftOperation> ops = ops("""
                add rule inet t c meta mark set 0x2 iifname "eth*" tcp dport vmap { 22 : accept, 80-90 : jump x }
                add rule inet t c log prefix "p " level info flags all limit rate over 10/second burst 3 packets
                add rule inet t c quota over 10 mbytes reject with tcp reset
                add rule ip6 t c meta l4proto tcp dnat to [::1]:80-90 persistent
                add rule ip t c tcp dport 80 notrack redirect to :8080
                add rule inet t c skuid 1000 meta l4proto tcp ip6 saddr != ::1 ether type ip6 drop
                """);
        assertThat(ops.stream().filter(o -> o instanceof NftOperation.AddRule).count()).isEqualTo(6);
    }

    @Test
    void echoLinesAreNftCommands() {
        List<ParsedOperation> parsed = PARSER.parse("table ip t {\nchain c {\ntype filter hook input priority 0\ntcp dport 22 accept\n}\n}",
                "f").parsed();
        assertThat(parsed.stream().map(ParsedOperation::echo).toList()).containsExactly("add table ip t",
                "add chain ip t c { type filter hook input priority filter; }", "add rule ip t c tcp dport 22 accept");
        assertThat(parsed.get(2).location().line()).isEqualTo(4);
    }

    @Test
    void undeclaredSetsAreLookedUp() {
        NftParser withSets = PARSER.withSetLookup((f, t, n) -> java.util.Optional.of(
                nftlink.nftables.NftSet.of(f, t, n, 13, 2)));
        assertThat(withSets.parseCommand(List.of("add", "element", "inet", "t", "ports", "{", "22,", "ssh", "}")).operations())
                .hasSize(1);
        assertThatThrownBy(() -> PARSER.parseCommand(List.of("add", "element", "inet", "t", "ports", "{", "22", "}")))
                .hasMessageContaining("no such set or map: inet t ports");
    }

    @Test
    void metaFieldConstantsAreUsed() {
        assertThat(MetaField.MARK.text()).isEqualTo("meta mark");
    }
}
