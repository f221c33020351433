package nftlink.nftables.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.CtState;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.LogLevel;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.lang.Value;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.SetLookup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated rules rendered by {@link JsonRenderer} read back by {@link JsonParser} as the same statements. */
class JsonRuleProperties {

    private static final JsonParser PARSER = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static Arbitrary<Bytes> bytes(int length) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length).map(Bytes::of);
    }

    private static Arbitrary<Bytes> port() {
        return Arbitraries.integers().between(0, 0xffff).map(Bytes::u16Be);
    }

    private static Arbitrary<Value> singleOrSet(Arbitrary<Bytes> values) {
        Arbitrary<Value> single = values.map(Value.Single::new);
        Arbitrary<Value> set = values.list().ofMinSize(1).ofMaxSize(4)
                .map(l -> new Value.SetLiteral(new ArrayList<>(new LinkedHashSet<>(l)).stream().map(b -> (Value) new Value.Single(b)).toList()));
        return Arbitraries.oneOf(single, set);
    }

    private static Arbitrary<Statement> match(Field field, Arbitrary<Value> values) {
        return Combinators.combine(Arbitraries.of(Match.Op.EQ, Match.Op.NEQ), values).as((op, v) -> new Match(field, op, v));
    }

    private static Arbitrary<Statement> matches() {
        Arbitrary<Value> ports = Arbitraries.oneOf(singleOrSet(port()),
                Combinators.combine(port(), port()).as((a, b) -> a.asBigEndian() <= b.asBigEndian()
                        ? new Value.Range(a, b) : new Value.Range(b, a)));
        Arbitrary<Value> addresses = Arbitraries.oneOf(singleOrSet(bytes(4)),
                Combinators.combine(bytes(4), Arbitraries.integers().between(0, 32)).as((a, bits) -> {
                    Value.Prefix any = new Value.Prefix(Bytes.of(new byte[4]), bits);
                    byte[] raw = a.toArray();
                    byte[] mask = any.mask().toArray();
                    for (int i = 0; i < 4; i++) {
                        raw[i] &= mask[i];
                    }
                    return (Value) new Value.Prefix(Bytes.of(raw), bits);
                }));
        Arbitrary<Value> marks = singleOrSet(Arbitraries.integers().map(Bytes::u32));
        Arbitrary<Value> names = singleOrSet(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(15)
                .map(s -> Bytes.paddedString(s, 16)));
        Arbitrary<Value> states = Arbitraries.subsetOf(CtState.values()).ofMinSize(1)
                .map(s -> new Value.Single(CtState.mask(s.toArray(CtState[]::new))));
        Arbitrary<Value> pairs = Combinators.combine(bytes(4), port())
                .as((a, p) -> (Value) new Value.Single(ConcatField.of(PayloadField.IP_SADDR, PayloadField.TCP_DPORT).key(a, p)));
        return Arbitraries.oneOf(match(PayloadField.TCP_DPORT, ports), match(PayloadField.UDP_SPORT, ports),
                match(PayloadField.IP_SADDR, addresses), match(PayloadField.IP_DADDR, addresses),
                match(MetaField.MARK, marks), match(MetaField.SKUID, marks), match(MetaField.IIFNAME, names),
                match(CtField.MARK, marks), match(CtField.STATE, states),
                match(ConcatField.of(PayloadField.IP_SADDR, PayloadField.TCP_DPORT), pairs));
    }

    private static Arbitrary<Statement> actions() {
        Arbitrary<Statement> verdicts = Arbitraries.of(Verdict.ACCEPT, Verdict.DROP, Verdict.RETURN, Verdict.CONTINUE,
                Verdict.jump("other"), Verdict.goTo("other")).map(Statement.VerdictStatement::new);
        Arbitrary<Statement> counters = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(Statement.CounterStatement::new);
        Arbitrary<Statement> logs = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(10).injectNull(0.3),
                Arbitraries.integers().between(0, 8).injectNull(0.3), Arbitraries.of(0, 1, 2, 3, 4, 8, 0x20, 0x2f))
                .as((prefix, level, flags) -> new Statement.LogStatement(prefix, level == null ? null : LogLevel.of(level).orElseThrow(),
                        LogFlag.of(flags).orElseThrow(), null));
        Arbitrary<Statement> limits = Combinators.combine(Arbitraries.longs().between(1, 100000),
                Arbitraries.of(TimeUnit.values()), Arbitraries.longs().between(0, 100), Arbitraries.of(true, false))
                .as((rate, period, burst, over) -> new Statement.LimitStatement(rate, period, burst, false, over));
        Arbitrary<Statement> quotas = Combinators.combine(Arbitraries.longs().between(1, 1L << 40),
                Arbitraries.longs().between(0, 1L << 30), Arbitraries.of(true, false)).as(Statement.QuotaStatement::new);
        Arbitrary<Statement> rejects = Arbitraries.of(new Statement.RejectStatement(RejectKind.ICMPX, 0),
                new Statement.RejectStatement(RejectKind.ICMPX, 1), new Statement.RejectStatement(RejectKind.ICMPX, 3),
                new Statement.RejectStatement(RejectKind.TCP_RESET, 0));
        Arbitrary<Statement> marks = Arbitraries.integers().map(i -> new Statement.MetaSet(MetaField.MARK, Bytes.u32(i)));
        return Arbitraries.oneOf(verdicts, counters, logs, limits, quotas, rejects, marks, Arbitraries.just(new Statement.NotrackStatement()));
    }

    @Provide
    Arbitrary<RuleSpec> rules() {
        Arbitrary<List<Statement>> statements = Arbitraries.oneOf(matches(), matches(), actions()).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(statements, Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8).injectNull(0.5))
                .as((s, comment) -> new RuleSpec(Family.INET, "t", "c", s, comment, 0));
    }

    @Property(tries = 400)
    void renderedRulesReadBackAsTheSameStatements(@ForAll("rules") RuleSpec rule) {
        JsonValue.Obj json = JsonRenderer.DEFAULT.rule(rule);
        RuleSpec back = PARSER.ruleSpec(JsonValue.parse(json.toJson()), "$");
        assertThat(back.statements()).isEqualTo(rule.statements());
        assertThat(back.comment()).isEqualTo(rule.comment());
        assertThat(JsonRenderer.DEFAULT.rule(back).toJson()).isEqualTo(json.toJson());
    }
}
