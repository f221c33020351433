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

import java.util.List;

import static nftlink.nftables.expr.ExpressionElements.decode;
import static nftlink.nftables.expr.ExpressionElements.element;
import static nftlink.nftables.expr.ExpressionElements.assertKeptRaw;
import static nftlink.nftables.expr.ExpressionElements.attribute;
import static nftlink.nftables.expr.ExpressionElements.withData;
import static nftlink.nftables.expr.ExpressionElements.withMore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * ct, socket, fib, rt, exthdr, numgen, hash, xfrm, osf, byteorder, range and inner:
 * generated instances survive netlink encode/decode and, where the text says
 * everything, libnftnl's text; arbitrary data decodes cleanly and losslessly.
 */
class LoadExpressionProperties {

    private static final List<String> NAMES = List.of("ct", "socket", "fib", "rt", "exthdr", "numgen", "hash", "xfrm",
            "osf", "byteorder", "range", "inner");

    // ---- generators; registers are small in text so that they print as libnftnl's %u does

    private static Arbitrary<Integer> u32() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .edgeCases(c -> c.add(0).add(-1).add(1));
    }

    private static Arbitrary<Integer> registers(boolean small) {
        return small ? Arbitraries.integers().between(0, 23) : u32();
    }

    private static <T> Arbitrary<T> maybe(Arbitrary<T> a) {
        return Arbitraries.oneOf(Arbitraries.just(null), a);
    }

    private static Arbitrary<Expression> ct(boolean small) {
        Arbitrary<Ct.Key> keys = Arbitraries.of(Ct.Key.class);
        Arbitrary<Ct.Direction> dirs = maybe(Arbitraries.of(Ct.Direction.class));
        return Arbitraries.oneOf(
                Combinators.combine(keys, registers(small), dirs).as(Ct.Load::new),
                Combinators.combine(keys, registers(small), dirs).as(Ct.Set::new));
    }

    private static Arbitrary<Expression> socket(boolean small, boolean textual) {
        return Combinators.combine(Arbitraries.of(Socket.Key.class), registers(small),
                textual ? Arbitraries.just(null) : maybe(u32())).as(Socket::new);
    }

    private static Arbitrary<Expression> fib(boolean small) {
        return Combinators.combine(Arbitraries.integers().between(0, 0x3f), Arbitraries.of(Fib.Result.class),
                registers(small)).as(Fib::new);
    }

    private static Arbitrary<Expression> rt(boolean small) {
        return Combinators.combine(Arbitraries.of(Rt.Key.class), registers(small)).as(Rt::new);
    }

    private static Arbitrary<Expression> exthdr(boolean small, boolean textual) {
        Arbitrary<Exthdr.Op> ops = textual
                ? Arbitraries.of(Exthdr.Op.IPV6, Exthdr.Op.TCPOPT, Exthdr.Op.IPV4, Exthdr.Op.SCTP)
                : Arbitraries.of(Exthdr.Op.class);
        Arbitrary<Integer> type = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> number = textual ? Arbitraries.integers().between(0, Integer.MAX_VALUE) : u32();
        return Arbitraries.oneOf(
                Combinators.combine(ops, type, number, number, Arbitraries.of(true, false), registers(small))
                        .as(Exthdr.Load::new),
                Combinators.combine(ops, type, number, number, registers(small),
                        textual ? Arbitraries.just(null) : maybe(u32())).as(Exthdr.Write::new),
                Combinators.combine(type, textual ? Arbitraries.just(false) : Arbitraries.of(true, false))
                        .as(Exthdr.Reset::new));
    }

    private static Arbitrary<Expression> numgen(boolean small) {
        return Combinators.combine(Arbitraries.of(Numgen.Type.class), registers(small), u32(), u32()).as(Numgen::new);
    }

    private static Arbitrary<Expression> hash(boolean small, boolean textual) {
        Arbitrary<Integer> seeds = textual ? maybe(u32().filter(s -> s != 0)) : maybe(u32());
        return Arbitraries.oneOf(
                Combinators.combine(registers(small), registers(small), u32(), u32(), seeds, u32())
                        .as(Hash.Jenkins::new),
                Combinators.combine(registers(small), u32(), u32()).as(Hash.Symmetric::new));
    }

    private static Arbitrary<Expression> xfrm(boolean small) {
        return Combinators.combine(Arbitraries.of(Xfrm.Key.class), Arbitraries.of(Xfrm.Direction.class), u32(),
                registers(small)).as(Xfrm::new);
    }

    private static Arbitrary<Expression> osf(boolean small, boolean textual) {
        if (textual) {
            return registers(true).map(d -> new Osf(d, null, null));
        }
        return Combinators.combine(registers(small), maybe(Arbitraries.integers().between(0, 255)), maybe(u32()))
                .as(Osf::new);
    }

    private static Arbitrary<Expression> byteorder(boolean small) {
        return Combinators.combine(Arbitraries.of(Byteorder.Op.class), registers(small), registers(small), u32(), u32(),
                small ? Arbitraries.just(false) : Arbitraries.of(true, false)).as(Byteorder::new);
    }

    private static Arbitrary<Expression> range(boolean small) {
        return Arbitraries.integers().between(1, 16).flatMap(n -> Combinators.combine(
                Arbitraries.of(Range.Op.class), registers(small),
                Arbitraries.bytes().array(byte[].class).ofSize(n), Arbitraries.bytes().array(byte[].class).ofSize(n))
                .as((op, sreg, from, to) -> new Range(op, sreg, Bytes.of(from), Bytes.of(to))));
    }

    /** A payload or meta load run inside a tunnel. */
    private static Arbitrary<Expression> inner(boolean small) {
        Arbitrary<Expression> load = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Payload.Base.class), small ? Arbitraries.integers().between(0, 255) : u32(),
                        small ? Arbitraries.integers().between(1, 16) : u32(), registers(small)).as(Payload.Load::new),
                Combinators.combine(Arbitraries.of(Meta.Key.class), registers(small)).as(Meta.Load::new));
        return Combinators.combine(small ? Arbitraries.integers().between(0, 4) : u32(),
                small ? Arbitraries.integers().between(0, 64) : u32(), small ? Arbitraries.integers().between(0, 15) : u32(), load)
                .as(Inner::new);
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return Arbitraries.oneOf(ct(false), socket(false, false), fib(false), rt(false), exthdr(false, false),
                numgen(false), hash(false, false), xfrm(false), osf(false, false), byteorder(false), range(false), inner(false));
    }

    /** Instances whose libnftnl text says everything they hold. */
    @Provide
    Arbitrary<Expression> textual() {
        return Arbitraries.oneOf(ct(true), socket(true, true), fib(true), rt(true), exthdr(true, true), numgen(true),
                hash(true, true), xfrm(true), osf(true, true), byteorder(true), range(true), inner(true));
    }

    // ---- helpers

    // ---- properties

    @Property
    void encodeDecodeGivesTheSameExpression(@ForAll("expressions") Expression e) {
        Expression decoded = decode(element(e));
        assertThat(decoded).isNotInstanceOf(RawExpression.class).isEqualTo(e);
    }

    @Property
    void textParsesBackToTheSameExpression(@ForAll("textual") Expression e) {
        String text = e.toDebugString();
        List<Expression> parsed;
        if (e instanceof Range r) {
            // the text does not give the bounds' length: a load of that many bytes into the register does
            String load = new Payload.Load(Payload.Base.NETWORK, 0, r.from().length(), r.sreg()).toDebugString();
            parsed = Expressions.parseDebug(load + "\n" + text);
            assertThat(parsed).hasSize(2);
            parsed = parsed.subList(1, 2);
        } else {
            parsed = Expressions.parseDebug(text);
        }
        assertThat(parsed).containsExactly(e);
        assertThat(parsed.getFirst().toDebugString()).isEqualTo(text);
    }

    @Property
    void arbitraryBytesDecodeCleanly(@ForAll("names") String name, @ForAll byte[] data) {
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
    void arbitraryAttributesDecodeLosslessly(@ForAll("names") String name, @ForAll("attributeLists") byte[] data) {
        byte[] element = withData(name, data);
        Expression e = decode(element);
        assertThat(element(e)).isEqualTo(element);
        if (!(e instanceof RawExpression)) {
            assertThat(e.name()).isEqualTo(name);
        }
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
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    /** Well-formed attribute lists with the types and sizes these expressions use, in any combination. */
    @Provide
    Arbitrary<byte[]> attributeLists() {
        Arbitrary<byte[]> value = Arbitraries.oneOf(
                u32().map(v -> new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) (int) v}),
                Arbitraries.integers().between(0, 8).map(v -> new byte[]{0, 0, 0, (byte) (int) v}),
                Arbitraries.integers().between(0, 3).map(v -> new byte[]{(byte) (int) v}),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(LoadExpressionProperties::dataValue));
        Arbitrary<byte[]> attribute = Combinators.combine(Arbitraries.integers().between(1, 8), value)
                .as(ExpressionElements::attribute);
        return attribute.list().ofMaxSize(8).map(ExpressionElements::concat);
    }

    /** A nested {@code NFTA_DATA_VALUE} holding {@code value}, as range bounds are sent. */
    private static byte[] dataValue(byte[] value) {
        return ExpressionElements.attribute(1, value);
    }
}
