package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.NetlinkDecodeException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static nftlink.nftables.NfTablesUapi.*;
import static nftlink.nftables.expr.ExpressionElements.decode;
import static nftlink.nftables.expr.ExpressionElements.element;
import static nftlink.nftables.expr.ExpressionElements.assertKeptRaw;
import static nftlink.nftables.expr.ExpressionElements.attribute;
import static nftlink.nftables.expr.ExpressionElements.withData;
import static nftlink.nftables.expr.ExpressionElements.withMore;
import static nftlink.nftables.expr.ExpressionElements.withoutData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * limit, quota, log, reject, nat, masq, redir, tproxy, dynset, objref, notrack,
 * dup, fwd, connlimit, synproxy, queue, last, match and target: generated
 * instances survive netlink encode/decode and, where the text says everything,
 * libnftnl's text; arbitrary data decodes cleanly and losslessly.
 */
class StatementExpressionProperties {

    private static final List<String> NAMES = List.of("limit", "quota", "log", "reject", "nat", "masq", "redir",
            "tproxy", "dynset", "objref", "notrack", "dup", "fwd", "connlimit", "synproxy", "queue", "last", "match",
            "target");

    private static final Set<String> LOG_KEYWORDS = Set.of("group", "level", "tcpseq", "tcpopt", "ipopt", "uid", "macdecode");

    // ---- generators; "textual" instances are those whose libnftnl text says everything they hold

    private static Arbitrary<Integer> u32() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .edgeCases(c -> c.add(0).add(-1).add(1));
    }

    private static Arbitrary<Long> u64() {
        return Arbitraries.longs().between(Long.MIN_VALUE, Long.MAX_VALUE).edgeCases(c -> c.add(0L).add(-1L));
    }

    private static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    private static Arbitrary<Integer> registers(boolean textual) {
        return textual ? Arbitraries.integers().between(0, 23) : u32();
    }

    private static <T> Arbitrary<T> maybe(Arbitrary<T> a) {
        return Arbitraries.oneOf(Arbitraries.just(null), a);
    }

    /** Strings the kernel can carry (no NUL, no lone surrogates). */
    private static Arbitrary<String> strings() {
        return Arbitraries.strings().withCharRange((char) 1, (char) 0xd7ff).ofMaxLength(40);
    }

    /** Names as libnftnl prints them: one token. */
    private static Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-', '.', '%').ofMinLength(1).ofMaxLength(30);
    }

    private static Arbitrary<String> names(boolean textual) {
        return textual ? tokens() : strings();
    }

    private static Arbitrary<Expression> limit(boolean textual) {
        Arbitrary<Long> units = textual ? Arbitraries.of(1L, 60L, 3600L, 86400L, 604800L) : u64();
        Arbitrary<Integer> types = textual ? Arbitraries.of(NFT_LIMIT_PKTS, NFT_LIMIT_PKT_BYTES) : u32();
        return Combinators.combine(u64(), units, u32(), types, u32()).as(Limit::new);
    }

    private static Arbitrary<Expression> quota() {
        return Combinators.combine(u64(), u64(), u32()).as(Quota::new);
    }

    private static Arbitrary<Expression> log(boolean textual) {
        if (!textual) {
            return Combinators.combine(maybe(strings()), maybe(u32()), maybe(u32()), maybe(u16()), maybe(u32()),
                    maybe(u16())).as(Log::new);
        }
        Arbitrary<String> prefixes = maybe(Arbitraries.strings().alpha().numeric().withChars(' ', ':', '-', '_', '.', '[')
                .ofMaxLength(30).filter(p -> Arrays.stream(p.split(" ")).noneMatch(LOG_KEYWORDS::contains)));
        Arbitrary<Integer> flags = maybe(Arbitraries.integers().between(1, NF_LOG_MASK).map(f -> f & NF_LOG_MASK)
                .filter(f -> f != 0));
        Arbitrary<Expression> kernelLog = Combinators.combine(prefixes, maybe(u32()), flags)
                .as((p, level, f) -> new Log(p, level, f, null, null, null));
        Arbitrary<Expression> nflog = Combinators.combine(prefixes, u16(), u32(), u16())
                .as((p, group, snaplen, threshold) -> new Log(p, null, null, group, snaplen, threshold));
        return Arbitraries.oneOf(kernelLog, nflog);
    }

    private static Arbitrary<Expression> reject(boolean textual) {
        Arbitrary<Integer> codes = Arbitraries.integers().between(0, 255);
        return Combinators.combine(u32(), textual ? codes : maybe(codes)).as(Reject::new);
    }

    private static Arbitrary<Integer> families(boolean textual) {
        return textual ? Arbitraries.of(NFPROTO_INET, NFPROTO_IPV4, NFPROTO_ARP, NFPROTO_NETDEV, NFPROTO_BRIDGE, NFPROTO_IPV6)
                : u32();
    }

    private static Arbitrary<Expression> nat(boolean textual) {
        Arbitrary<Integer> reg = maybe(registers(textual));
        return Combinators.combine(textual ? Arbitraries.of(NFT_NAT_SNAT, NFT_NAT_DNAT) : u32(), families(textual),
                reg, reg, reg, reg, maybe(u32())).as(Nat::new);
    }

    private static Arbitrary<Expression> masq(boolean textual) {
        Arbitrary<Integer> reg = maybe(registers(textual));
        return Combinators.combine(maybe(u32()), reg, reg).as(Masq::new);
    }

    private static Arbitrary<Expression> redir(boolean textual) {
        Arbitrary<Integer> reg = maybe(registers(textual));
        return Combinators.combine(reg, reg, maybe(u32())).as(Redir::new);
    }

    private static Arbitrary<Expression> tproxy(boolean textual) {
        Arbitrary<Integer> reg = maybe(registers(textual));
        Arbitrary<Integer> family = textual ? Arbitraries.oneOf(Arbitraries.just(NFPROTO_UNSPEC), families(true)) : u32();
        return Combinators.combine(family, reg, reg).as(Tproxy::new);
    }

    /** Stateful expressions a dynset attaches to an element. */
    private static Arbitrary<Expression> stateful(boolean textual) {
        return Arbitraries.oneOf(Combinators.combine(u64(), u64()).as(Counter::new), limit(textual), quota(),
                connlimit(textual), last(textual));
    }

    private static Arbitrary<Expression> dynset(boolean textual) {
        Arbitrary<Integer> ops = textual ? Arbitraries.of(NFT_DYNSET_OP_ADD, NFT_DYNSET_OP_UPDATE, NFT_DYNSET_OP_DELETE) : u32();
        return Combinators.combine(ops, registers(textual), maybe(registers(textual)), names(textual),
                        textual ? Arbitraries.just(0) : u32(), maybe(u64()), stateful(textual).list().ofMaxSize(3),
                        textual ? Arbitraries.just((Integer) null) : maybe(u32()))
                .as(Dynset::new);
    }

    private static Arbitrary<Expression> objref(boolean textual) {
        return Arbitraries.oneOf(
                Combinators.combine(u32(), names(textual)).as(Objref.Named::new),
                Combinators.combine(registers(textual), names(textual), textual ? Arbitraries.just(0) : u32())
                        .as(Objref.Mapped::new));
    }

    private static Arbitrary<Expression> dup(boolean textual) {
        Arbitrary<Integer> reg = maybe(registers(textual));
        return Combinators.combine(reg, reg).as(Dup::new);
    }

    private static Arbitrary<Expression> fwd(boolean textual) {
        Arbitrary<Integer> reg = maybe(registers(textual));
        return Combinators.combine(reg, reg, maybe(u32())).as(Fwd::new);
    }

    private static Arbitrary<Expression> connlimit(boolean textual) {
        return Combinators.combine(u32(), textual ? u32() : maybe(u32())).as(Connlimit::new);
    }

    private static Arbitrary<Expression> synproxy(boolean textual) {
        Arbitrary<Integer> wscales = Arbitraries.integers().between(0, 255);
        if (textual) {
            return Arbitraries.oneOf(Arbitraries.just(new Synproxy(null, null, null)),
                    Combinators.combine(u16(), wscales).as((m, w) -> new Synproxy(m, w, null)));
        }
        return Combinators.combine(maybe(u16()), maybe(wscales), maybe(u32())).as(Synproxy::new);
    }

    private static Arbitrary<Expression> queue(boolean textual) {
        if (textual) {
            Arbitrary<Integer> flags = maybe(Arbitraries.of(NFT_QUEUE_FLAG_BYPASS, NFT_QUEUE_FLAG_CPU_FANOUT,
                    NFT_QUEUE_FLAG_BYPASS | NFT_QUEUE_FLAG_CPU_FANOUT));
            return Arbitraries.oneOf(
                    Combinators.combine(u16(), maybe(Arbitraries.integers().between(2, 0xffff)), flags).as(Queue.Fixed::new),
                    Combinators.combine(registers(true), flags).as(Queue.FromRegister::new));
        }
        return Arbitraries.oneOf(
                Combinators.combine(u16(), maybe(u16()), maybe(u16())).as(Queue.Fixed::new),
                Combinators.combine(u32(), maybe(u16())).as(Queue.FromRegister::new));
    }

    private static Arbitrary<Expression> last(boolean textual) {
        if (textual) {
            return Arbitraries.oneOf(Arbitraries.just(Last.never()), u64().map(ms -> new Last(1, ms)));
        }
        return Combinators.combine(maybe(u32()), maybe(u64())).as(Last::new);
    }

    private static Arbitrary<Bytes> info(boolean textual) {
        return textual ? Arbitraries.just(Bytes.empty()) : Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Bytes::of);
    }

    private static Arbitrary<Expression> match(boolean textual) {
        return Combinators.combine(names(textual), u32(), info(textual)).as(XtMatch::new);
    }

    private static Arbitrary<Expression> target(boolean textual) {
        return Combinators.combine(names(textual), u32(), info(textual)).as(XtTarget::new);
    }

    private static Arbitrary<Expression> all(boolean textual) {
        return Arbitraries.oneOf(limit(textual), quota(), log(textual), reject(textual), nat(textual), masq(textual),
                redir(textual), tproxy(textual), dynset(textual), objref(textual), Arbitraries.just(new Notrack()),
                dup(textual), fwd(textual), connlimit(textual), synproxy(textual), queue(textual), last(textual),
                match(textual), target(textual));
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return all(false);
    }

    @Provide
    Arbitrary<Expression> textual() {
        return all(true);
    }

    // ---- helpers

    // ---- properties

    @Property
    void encodeDecodeGivesTheSameExpression(@ForAll("expressions") Expression e) {
        Expression decoded = decode(element(e));
        assertThat(decoded).isNotInstanceOf(RawExpression.class).isEqualTo(e);
        assertThat(element(decoded)).isEqualTo(element(e));
    }

    @Property
    void textParsesBackToTheSameExpression(@ForAll("textual") Expression e) {
        String text = e.toDebugString();
        List<Expression> parsed = Expressions.parseDebug(text);
        assertThat(parsed).containsExactly(e);
        assertThat(parsed.getFirst().toDebugString()).isEqualTo(text);
    }

    @Property
    void arbitraryBytesDecodeCleanly(@ForAll("expressionNames") String name, @ForAll byte[] data) {
        byte[] element = withData(name, data);
        assertThatCode(() -> {
            try {
                Expression e = decode(element);
                assertThat(element(e)).as("re-encodes to the bytes received").isEqualTo(element);
            } catch (NetlinkDecodeException expected) {
                // malformed attributes inside the data: the library's own exception
            }
        }).doesNotThrowAnyException();
    }

    @Property
    void arbitraryAttributesDecodeLosslessly(@ForAll("expressionNames") String name, @ForAll("attributeLists") byte[] data) {
        byte[] element = withData(name, data);
        Expression e = decode(element);
        assertThat(element(e)).isEqualTo(element);
        if (!(e instanceof RawExpression)) {
            assertThat(e.name()).isEqualTo(name);
        }
    }

    @Property
    void presenceOfTheDataAttributeIsKept(@ForAll("expressionNames") String name) {
        byte[] without = withoutData(name);
        byte[] empty = withData(name, new byte[0]);
        assertThat(element(decode(without))).isEqualTo(without);
        assertThat(element(decode(empty))).isEqualTo(empty);
    }

    @Property
    void anAttributeTheModelDoesNotHoldKeepsTheExpressionRaw(@ForAll("expressions") Expression e,
                                                              @ForAll("unmodelledTypes") int type) {
        assertKeptRaw(withMore(e, attribute(type, new byte[]{0, 0, 0, 1})));
    }

    @Property
    void aRepeatedAttributeKeepsTheExpressionRaw(@ForAll("expressions") Expression e) {
        byte[] element = withMore(e, null);
        Assume.that(element != null);
        assertKeptRaw(element);
    }

    /** {@code *_UNSPEC}, which every decoder's table holds but none reads, and types above every table. */
    @Provide
    Arbitrary<Integer> unmodelledTypes() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(12, 0x3fff));
    }

    @Provide
    Arbitrary<String> expressionNames() {
        return Arbitraries.of(NAMES);
    }

    /** Well-formed attribute lists with the types and sizes these expressions use, in any combination. */
    @Provide
    Arbitrary<byte[]> attributeLists() {
        Arbitrary<byte[]> value = Arbitraries.oneOf(
                u32().map(v -> new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) (int) v}),
                u64().map(v -> java.nio.ByteBuffer.allocate(8).putLong(v).array()),
                u16().map(v -> new byte[]{(byte) (v >>> 8), (byte) (int) v}),
                Arbitraries.integers().between(0, 3).map(v -> new byte[]{(byte) (int) v}),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8).map(s -> (s + "\0").getBytes()),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20),
                Arbitraries.of("counter", "limit", "quota").map(StatementExpressionProperties::nestedExpression));
        Arbitrary<byte[]> attribute = Combinators.combine(Arbitraries.integers().between(1, 10), value)
                .as(ExpressionElements::attribute);
        return attribute.list().ofMaxSize(8).map(ExpressionElements::concat);
    }

    /** The inside of dynset's NFTA_DYNSET_EXPR for a zeroed expression of that name. */
    private static byte[] nestedExpression(String name) {
        Expression e = switch (name) {
            case "counter" -> Counter.zero();
            case "limit" -> Limit.packets(10, 1);
            default -> new Quota(1000, 0, 0);
        };
        byte[] element = element(e);
        return Arrays.copyOfRange(element, 4, element.length);
    }
}
