package nftlink.nftables.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.CtState;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules read from JSON are the rules the nft-syntax parser reads from the same
 * rule; schema errors name the JSON path; any document fails only with
 * {@link JsonException}.
 */
class JsonParserTest {

    private static final JsonParser PARSER = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final NftParser TEXT = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static String rule(String family, String expr) {
        return "{\"nftables\": [{\"add\": {\"rule\": {\"family\": \"" + family + "\", \"table\": \"t\", \"chain\": \"c\", "
                + "\"expr\": [" + expr + "]}}}]}";
    }

    private static RuleSpec spec(String family, String expr) {
        JsonValue doc = JsonValue.parse(rule(family, expr));
        JsonValue body = ((JsonValue.Obj) ((JsonValue.Obj) ((JsonValue.Obj) ((JsonValue.Arr) ((JsonValue.Obj) doc)
                .get("nftables")).items().getFirst()).get("add")).get("rule"));
        return PARSER.ruleSpec(body, "$");
    }

    private static void sameAsText(String family, String expr, String text) {
        RuleSpec fromJson = spec(family, expr);
        RuleSpec fromText = TEXT.parseRule(Family.ofName(family), "t", "c", text);
        assertThat(fromJson.statements()).as(text).isEqualTo(fromText.statements());
        Linearizer.Result a = Linearizer.linearize(fromJson, new BatchIds());
        Linearizer.Result b = Linearizer.linearize(fromText, new BatchIds());
        assertThat(a.rule().toDebugString()).as(text).isEqualTo(b.rule().toDebugString());
        assertThat(a.sets().stream().map(Linearizer.AnonymousSet::elements).toList()).as(text)
                .isEqualTo(b.sets().stream().map(Linearizer.AnonymousSet::elements).toList());
    }

    @Test
    void rulesEqualTheirNftSyntax() {
        sameAsText("inet", "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, "
                + "\"right\": {\"set\": [22, \"https\", {\"range\": [8000, 8080]}]}}}, {\"accept\": null}",
                "tcp dport { 22, 443, 8000-8080 } accept");
        sameAsText("ip", "{\"match\": {\"op\": \"!=\", \"left\": {\"payload\": {\"protocol\": \"ip\", \"field\": \"saddr\"}}, "
                + "\"right\": {\"prefix\": {\"addr\": \"10.0.0.0\", \"len\": 8}}}}, {\"counter\": null}, {\"drop\": null}",
                "ip saddr != 10.0.0.0/8 counter drop");
        sameAsText("inet", "{\"match\": {\"op\": \"in\", \"left\": {\"ct\": {\"key\": \"state\"}}, "
                + "\"right\": [\"established\", \"related\"]}}, {\"jump\": {\"target\": \"x\"}}",
                "ct state established,related jump x");
        sameAsText("inet", "{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"iifname\"}}, \"right\": \"eth*\"}}, "
                + "{\"mangle\": {\"key\": {\"meta\": {\"key\": \"mark\"}}, \"value\": 16}}",
                "iifname \"eth*\" meta mark set 0x10");
        sameAsText("ip", "{\"vmap\": {\"key\": {\"concat\": [{\"payload\": {\"protocol\": \"ip\", \"field\": \"saddr\"}}, "
                + "{\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}]}, \"data\": {\"set\": "
                + "[[{\"concat\": [\"1.2.3.4\", 22]}, {\"accept\": null}]]}}}",
                "ip saddr . tcp dport vmap { 1.2.3.4 . 22 : accept }");
        sameAsText("ip", "{\"log\": {\"prefix\": \"p \", \"level\": \"info\", \"flags\": \"all\"}}, "
                + "{\"limit\": {\"rate\": 3, \"per\": \"minute\", \"burst\": 7}}, {\"quota\": {\"val\": 2, \"val_unit\": \"mbytes\"}}, "
                + "{\"reject\": {\"type\": \"icmp\", \"expr\": \"host-unreachable\"}}",
                "log prefix \"p \" level info flags all limit rate 3/minute burst 7 packets quota 2 mbytes reject with icmp host-unreachable");
        sameAsText("ip", "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, "
                + "\"right\": 80}}, {\"dnat\": {\"addr\": {\"range\": [\"10.0.0.1\", \"10.0.0.3\"]}, \"port\": 8080, \"flags\": [\"random\"]}}",
                "tcp dport 80 dnat to 10.0.0.1-10.0.0.3:8080 random");
        sameAsText("inet", "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"udp\", \"field\": \"dport\"}}, "
                + "\"right\": 53}}, {\"redirect\": {\"port\": {\"range\": [5353, 5354]}}}",
                "udp dport 53 redirect to :5353-5354");
    }

    @Test
    void statementsAreTheRecordsTheyName() {
        RuleSpec r = spec("inet", "{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"skuid\"}}, \"right\": 1000}}, "
                + "{\"match\": {\"op\": \"==\", \"left\": {\"ct\": {\"key\": \"state\"}}, \"right\": {\"set\": [\"new\", \"untracked\"]}}}, "
                + "{\"goto\": {\"target\": \"g\"}}");
        assertThat(r.statements()).containsExactly(
                new Match(MetaField.SKUID, Match.Op.EQ, new Value.Single(Bytes.u32(1000))),
                new Match(CtField.STATE, Match.Op.EQ, new Value.SetLiteral(List.of(
                        new Value.Single(CtState.mask(CtState.NEW)), new Value.Single(CtState.mask(CtState.UNTRACKED))))),
                new Statement.VerdictStatement(Verdict.goTo("g")));
        RuleSpec concat = spec("ip", "{\"match\": {\"op\": \"==\", \"left\": {\"concat\": [{\"payload\": {\"protocol\": \"ip\", "
                + "\"field\": \"daddr\"}}, {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}]}, \"right\": \"@pairs\"}}");
        assertThat(concat.statements()).containsExactly(new Match(ConcatField.of(PayloadField.IP_DADDR, PayloadField.TCP_DPORT),
                Match.Op.EQ, new Value.SetReference("pairs")));
    }

    private static void fails(String doc, String path, String message) {
        assertThatThrownBy(() -> PARSER.parse(doc)).isInstanceOf(JsonException.class)
                .satisfies(e -> assertThat(((JsonException) e).path()).isEqualTo(path))
                .hasMessageContaining(message);
    }

    @Test
    void errorsNameThePath() {
        fails(rule("ip", "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, "
                + "\"right\": \"nope\"}}"), "$.nftables[0].add.rule.expr[0].match.right", "nope");
        fails(rule("ip", "{\"accept\": null}, {\"match\": {\"op\": \"~\", \"left\": {\"meta\": {\"key\": \"mark\"}}, \"right\": 1}}"),
                "$.nftables[0].add.rule.expr[1].match.op", "unknown operator");
        fails(rule("ip", "{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"nosuch\"}}, \"right\": 1}}"),
                "$.nftables[0].add.rule.expr[0].match.left.meta.key", "unsupported meta key");
        fails(rule("ip", "{\"xt\": null}"), "$.nftables[0].add.rule.expr[0]", "unsupported statement \"xt\"");
        fails(rule("ip", "{\"match\": {\"op\": \"==\", \"left\": {\"socket\": {\"key\": \"cgroupv2\"}}, \"right\": \"5\"}}"),
                "$.nftables[0].add.rule.expr[0].match.left.socket", "level");
        fails(rule("bogus", "{\"accept\": null}"), "$.nftables[0].add.rule.family", "unknown family");
        fails("{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\"}}}]}", "$.nftables[0].add.table", "missing \"name\"");
        fails("{\"nftables\": [{\"add\": {\"table\": {\"name\": \"t\", \"colour\": 1}}}]}", "$.nftables[0].add.table.colour",
                "unknown member");
        fails("{\"nftables\": [{\"add\": {\"set\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"s\", \"type\": \"ipv4_addr\", "
                + "\"elem\": [\"1.2.3.4\", {\"prefix\": {\"addr\": \"10.0.0.0\", \"len\": 8}}]}}}]}",
                "$.nftables[0].add.set.elem[1]", "interval");
        fails("{\"nftables\": [{\"add\": {\"element\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"s\", \"elem\": [1]}}}]}",
                "$.nftables[0].add.element.name", "neither declared");
        fails("{\"nftables\": [{\"add\": {\"table\": {\"name\": \"t\"}, \"chain\": {}}}]}", "$.nftables[0].add", "exactly one member");
        fails("{\"nftables\": {}}", "$.nftables", "expected an array");
        fails(rule("ip", "{\"limit\": {\"rate\": 9223372036854775807, \"rate_unit\": \"mbytes\", \"per\": \"second\"}}"),
                "$.nftables[0].add.rule.expr[0].limit.rate", "larger than");
        fails("{\"tables\": []}", "$.tables", "unknown member");
        // a number that does not parse is named as one, without Java's words for it (FrontEndFuzzTest found one)
        for (String type : List.of("mark", "inet_service", "ether_addr", "ct_state", "ipv6_addr", "inet_proto", "uid")) {
            assertThatThrownBy(() -> PARSER.parse("{\"nftables\": [{\"map\": {\"family\": \"ip\", \"table\": \"t\", "
                    + "\"name\": \"m\", \"type\": \"ipv4_addr\", \"map\": \"" + type + "\", \"elem\": [[\"1.2.3.4\", \"0xc{1ad\"]]}}]}"))
                    .as(type).isInstanceOf(JsonException.class).message()
                    .doesNotContainPattern("For input string|java\\.|Exception|NumberFormat");
        }
        assertThatThrownBy(() -> PARSER.parse("{\"nftables\": [}")).isInstanceOf(JsonException.class)
                .hasMessageContaining("line 1, column 15");
    }

    @Test
    void commandsBecomeOperations() {
        List<NftOperation> ops = PARSER.parse("""
                {"nftables": [{"metainfo": {"json_schema_version": 1}}, {"flush": {"ruleset": null}},
                 {"add": {"table": {"family": "inet", "name": "t"}}},
                 {"create": {"chain": {"family": "inet", "table": "t", "name": "c", "type": "filter", "hook": "input", "prio": "filter", "policy": "drop"}}},
                 {"replace": {"rule": {"family": "inet", "table": "t", "chain": "c", "handle": 4, "expr": [{"drop": null}]}}},
                 {"delete": {"rule": {"family": "inet", "table": "t", "chain": "c", "handle": 5}}},
                 {"flush": {"chain": {"family": "inet", "table": "t", "name": "c"}}},
                 {"delete": {"table": {"family": "inet", "name": "t"}}}]}
                """);
        assertThat(ops).extracting(NftOperation::kind).containsExactly("flush ruleset", "add table", "create chain",
                "replace rule", "delete rule", "flush chain", "delete table");
        assertThat(((NftOperation.ReplaceRule) ops.get(3)).rule().handle()).isEqualTo(4);
    }

    @Provide
    Arbitrary<String> documents() {
        List<String> seeds = List.of(rule("ip", "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", "
                        + "\"field\": \"dport\"}}, \"right\": {\"set\": [22, {\"range\": [1, 9]}]}}}, {\"accept\": null}"),
                JsonRenderKernelTestDocuments.SAMPLE);
        return Arbitraries.of(seeds).flatMap(seed -> Arbitraries.integers().list().ofMinSize(1).ofMaxSize(4).map(cuts -> {
            StringBuilder sb = new StringBuilder(seed);
            for (int c : cuts) {
                int at = Math.floorMod(c, sb.length());
                String insert = List.of("1", "\"x\"", "null", "{}", "[]", "-1", "\"@s\"", "true").get(Math.floorMod(c >> 8, 8));
                int end = Math.min(sb.length(), at + Math.floorMod(c >> 16, 12));
                sb.replace(at, end, c % 3 == 0 ? "" : insert);
            }
            return sb.toString();
        }));
    }

    @Property(tries = 1500)
    void anyDocumentParsesOrFailsWithJsonException(@ForAll("documents") String doc) {
        try {
            PARSER.parse(doc);
        } catch (JsonException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
