package nftlink.nftables.lang;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.expr.Dynset;
import nftlink.nftables.expr.Expression;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic set and map updates with keys and data from the packet or constant, single or concatenated,
 * survive linearizing and delinearizing, with the registers nft 1.1.3 allocates: the data right after a
 * whole 16-byte register for a single key, after the concatenation's 32-bit words for a concatenated one.
 */
class DynsetProperties {

    private static final Datatype[] KEY_CONSTANTS = {Datatype.IPV4_ADDR, Datatype.INET_SERVICE, Datatype.MARK};

    private static Arbitrary<Field> constant(Datatype type) {
        return Arbitraries.bytes().array(byte[].class).ofSize(type.length())
                .map(b -> new ConstantField(List.of(type), List.of(Bytes.of(b))));
    }

    private static Arbitrary<Field> key() {
        Arbitrary<Field> part = Arbitraries.oneOf(Arbitraries.of(PayloadField.IP_SADDR, PayloadField.TCP_DPORT, MetaField.MARK),
                Arbitraries.of(KEY_CONSTANTS).flatMap(DynsetProperties::constant));
        Arbitrary<Field> concat = Combinators.combine(Arbitraries.of(PayloadField.IP_SADDR, PayloadField.IP_DADDR),
                part.list().ofMinSize(1).ofMaxSize(3)).as((first, rest) -> {
                    List<Field> fields = new java.util.ArrayList<>(List.of(first));
                    fields.addAll(rest);
                    return new ConcatField(fields);
                });
        return Arbitraries.oneOf(Arbitraries.of(PayloadField.IP_SADDR, MetaField.MARK), constant(Datatype.IPV4_ADDR), concat);
    }

    private static Arbitrary<Field> data() {
        Arbitrary<Field> constantConcat = Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 65535))
                .as((a, p) -> new ConstantField(List.of(Datatype.IPV4_ADDR, Datatype.INET_SERVICE),
                        List.of(Bytes.u32Be(a), Bytes.u16Be(p))));
        return Arbitraries.oneOf(Arbitraries.of(PayloadField.TCP_SPORT, MetaField.MARK), constant(Datatype.MARK),
                Arbitraries.just(ConcatField.of(PayloadField.IP_DADDR, PayloadField.TCP_DPORT)), constantConcat);
    }

    @Provide
    Arbitrary<Statement.DynsetStatement> updates() {
        Arbitrary<Duration> timeout = Arbitraries.longs().between(1, 86_400).map(Duration::ofSeconds).injectNull(0.3);
        Arbitrary<List<Statement>> stateful = Arbitraries.of(List.<Statement>of(), List.of(new Statement.CounterStatement(0, 0)),
                List.of(Statement.LimitStatement.packets(5, TimeUnit.SECOND), new Statement.CounterStatement(0, 0)));
        return Combinators.combine(Arbitraries.of(SetOperation.values()), key(), data().injectNull(0.3), timeout, stateful)
                .as((op, key, data, t, st) -> new Statement.DynsetStatement(op, "s", key, data, t, st));
    }

    @Property
    void updatesComeBackFromTheirBytecode(@ForAll("updates") Statement.DynsetStatement update) {
        RuleSpec spec = new RuleSpec(Family.IP, "t", "c", List.of(update), null, 0);
        List<Expression> expressions = Linearizer.linearize(spec, new BatchIds()).rule().expressions();
        Dynset dynset = (Dynset) expressions.stream().filter(Dynset.class::isInstance).findFirst().orElseThrow();
        if (update.data() != null) {
            int expected = update.key() instanceof ConcatField c ? ConcatField.registerAt(NfTablesUapi.NFT_REG_1, c.length() / 4)
                    : NfTablesUapi.NFT_REG_1 + 1;
            assertThat(dynset.sregData()).isEqualTo(expected);
        }
        assertThat(dynset.flags() != null && (dynset.flags() & NfTablesUapi.NFT_DYNSET_F_EXPR) != 0)
                .isEqualTo(update.stateful().size() > 1);
        Delinearizer.SetContents sets = new Delinearizer.SetContents() {
            @Override
            public List<SetElement> apply(String name) {
                return null;
            }

            @Override
            public int keyType(String name) {
                return update.key().keyType();
            }

            @Override
            public int dataType(String name) {
                return update.data() == null ? 0 : update.data().keyType();
            }
        };
        List<Statement> back = Delinearizer.delinearize(Linearizer.linearize(spec, new BatchIds()).rule(), sets).statements();
        assertThat(back).containsExactly(update);
    }
}
