package nftlink.netlink;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips of the attribute and message codecs over generated values. */
class AttributeCodecProperties {

    /** A value of one of the attribute encodings, with the type it is written under. */
    sealed interface Value permits U8, U16, U16Be, U32, U32Be, U64, U64Be, Str, StrUnterminated, Bin, Nest {
        int type();
    }

    record U8(int type, int v) implements Value { }
    record U16(int type, int v) implements Value { }
    record U16Be(int type, int v) implements Value { }
    record U32(int type, int v) implements Value { }
    record U32Be(int type, int v) implements Value { }
    record U64(int type, long v) implements Value { }
    record U64Be(int type, long v) implements Value { }
    record Str(int type, String v) implements Value { }
    record StrUnterminated(int type, String v) implements Value { }
    record Bin(int type, byte[] v) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bin b && b.type == type && Arrays.equals(b.v, v);
        }

        @Override
        public int hashCode() {
            return type;
        }
    }
    record Nest(int type, List<Value> children) implements Value { }

    static void write(MessageWriter w, Value v) {
        switch (v) {
            case U8 x -> w.attrU8(x.type, x.v);
            case U16 x -> w.attrU16(x.type, x.v);
            case U16Be x -> w.attrU16Be(x.type, x.v);
            case U32 x -> w.attrU32(x.type, x.v);
            case U32Be x -> w.attrU32Be(x.type, x.v);
            case U64 x -> w.attrU64(x.type, x.v);
            case U64Be x -> w.attrU64Be(x.type, x.v);
            case Str x -> w.attrString(x.type, x.v);
            case StrUnterminated x -> w.attrStringUnterminated(x.type, x.v);
            case Bin x -> w.attrBytes(x.type, x.v);
            case Nest x -> {
                int n = w.beginNested(x.type);
                x.children.forEach(c -> write(w, c));
                w.endNested(n);
            }
        }
    }

    /** Reads an attribute back as the same kind of value as {@code expected}. */
    static Value read(Attribute a, Value expected) {
        return switch (expected) {
            case U8 x -> new U8(a.type(), a.u8());
            case U16 x -> new U16(a.type(), a.u16());
            case U16Be x -> new U16Be(a.type(), a.u16Be());
            case U32 x -> new U32(a.type(), a.u32());
            case U32Be x -> new U32Be(a.type(), a.u32Be());
            case U64 x -> new U64(a.type(), a.u64());
            case U64Be x -> new U64Be(a.type(), a.u64Be());
            case Str x -> new Str(a.type(), a.string());
            case StrUnterminated x -> {
                assertThat(a.length()).as("no NUL").isEqualTo(x.v.getBytes(StandardCharsets.UTF_8).length);
                yield new StrUnterminated(a.type(), a.string());
            }
            case Bin x -> new Bin(a.type(), a.bytes());
            case Nest x -> {
                assertThat(a.isNestedFlagSet()).isTrue();
                List<Attribute> children = a.nested().list();
                assertThat(children).hasSameSizeAs(x.children);
                Value[] values = new Value[children.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = read(children.get(i), x.children.get(i));
                }
                yield new Nest(a.type(), List.of(values));
            }
        };
    }

    @Provide
    Arbitrary<Value> values() {
        return value(3);
    }

    private Arbitrary<Value> value(int depth) {
        Arbitrary<Integer> type = Arbitraries.integers().between(0, 0x3fff);
        Arbitrary<Value> leaf = Arbitraries.oneOf(
                Combinators.combine(type, Arbitraries.integers().between(0, 255)).as(U8::new),
                Combinators.combine(type, Arbitraries.integers().between(0, 0xffff)).as(U16::new),
                Combinators.combine(type, Arbitraries.integers().between(0, 0xffff)).as(U16Be::new),
                Combinators.combine(type, Arbitraries.integers()).as(U32::new),
                Combinators.combine(type, Arbitraries.integers()).as(U32Be::new),
                Combinators.combine(type, Arbitraries.longs()).as(U64::new),
                Combinators.combine(type, Arbitraries.longs()).as(U64Be::new),
                Combinators.combine(type, Arbitraries.strings().ofMaxLength(40)
                        .filter(s -> s.indexOf('\0') < 0 && StandardCharsets.UTF_8.newEncoder().canEncode(s))).as(Str::new),
                Combinators.combine(type, Arbitraries.strings().ofMaxLength(40)
                        .filter(s -> s.indexOf('\0') < 0 && StandardCharsets.UTF_8.newEncoder().canEncode(s))).as(StrUnterminated::new),
                Combinators.combine(type, Arbitraries.bytes().array(byte[].class).ofMaxSize(70)).as(Bin::new));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, Combinators.combine(type, value(depth - 1).list().ofMaxSize(5)).as(Nest::new)));
    }

    /** Padding is written, never left over: a reused buffer full of other bytes gives the same output. */
    @Property
    void outputDoesNotDependOnWhatTheBufferHeldBefore(@ForAll @Size(max = 12) List<@From("values") Value> values,
                                                       @ForAll byte filler) {
        MessageWriter fresh = new MessageWriter(64);
        values.forEach(v -> write(fresh, v));
        MessageWriter reused = new MessageWriter(64);
        byte[] junk = new byte[fresh.position() + 64];
        Arrays.fill(junk, filler == 0 ? (byte) 0xa5 : filler);
        reused.putBytes(junk).reset();
        values.forEach(v -> write(reused, v));
        assertThat(reused.toByteArray()).isEqualTo(fresh.toByteArray());
        assertThat(reused.segment().asSlice(0, reused.position()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                .as("the native copy").isEqualTo(fresh.toByteArray());
    }

    @net.jqwik.api.Example
    void stringsWithAndWithoutTheirNul() {
        MessageWriter w = new MessageWriter(64);
        w.attrString(3, "meta").attrStringUnterminated(3, "meta").attrStringUnterminated(4, "cmp").attrStringUnterminated(5, "é")
                .attrString(5, "é");
        assertThat(w.toByteArray()).containsExactly(
                9, 0, 3, 0, 'm', 'e', 't', 'a', 0, 0, 0, 0,
                8, 0, 3, 0, 'm', 'e', 't', 'a',
                7, 0, 4, 0, 'c', 'm', 'p', 0,
                6, 0, 5, 0, (byte) 0xc3, (byte) 0xa9, 0, 0,
                7, 0, 5, 0, (byte) 0xc3, (byte) 0xa9, 0, 0);
        for (String refused : List.of("a\0b", "é\0")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> w.attrStringUnterminated(6, refused));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> w.attrString(6, refused));
        }
        assertThat(w.position()).as("nothing written by the refused strings").isEqualTo(44);
    }

    @Property
    void attributesRoundTripThroughAMessage(@ForAll @Size(max = 12) List<@From("values") Value> values,
                                            @ForAll @IntRange(min = 0x10, max = 0xffff) int type,
                                            @ForAll int sequence) {
        MessageWriter w = new MessageWriter(64);
        int m = w.beginMessage(type, Netlink.NLM_F_REQUEST, sequence);
        w.putU8(2).putU8(0).putU16Be(0);
        values.forEach(v -> write(w, v));
        w.endMessage(m);

        byte[] bytes = w.toByteArray();
        assertThat(bytes.length % 4).isZero();
        NetlinkMessage msg = NetlinkMessage.parseOne(bytes);
        assertThat(msg.length()).isEqualTo(bytes.length);
        assertThat(msg.type()).isEqualTo(type);
        assertThat(msg.sequence()).isEqualTo(sequence);
        List<Attribute> attrs = msg.attributes(4).list();
        assertThat(attrs).hasSameSizeAs(values);
        for (int i = 0; i < attrs.size(); i++) {
            assertThat(read(attrs.get(i), values.get(i))).isEqualTo(values.get(i));
        }
    }

    @Property
    void severalMessagesFollowEachOtherInOneBuffer(@ForAll @Size(min = 1, max = 20) List<@Size(max = 30) byte[]> payloads) {
        MessageWriter w = new MessageWriter(64);
        for (int i = 0; i < payloads.size(); i++) {
            int m = w.beginMessage(0x20, 0, i + 1);
            w.attrBytes(1, payloads.get(i));
            w.endMessage(m);
        }
        List<NetlinkMessage> messages = NetlinkMessage.parseAll(w.segment(), w.position());
        assertThat(messages).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(messages.get(i).sequence()).isEqualTo(i + 1);
            assertThat(messages.get(i).attributes(0).require(1, "payload").bytes()).isEqualTo(payloads.get(i));
        }
    }

    @Property
    void aZeroIsLeftOutAndAnyOtherValueWrittenInNetworkOrder(@ForAll int value) {
        MessageWriter w = new MessageWriter(64);
        w.attrU32BeUnlessZero(3, value);
        if (value == 0) {
            assertThat(w.position()).isZero();
        } else {
            MessageWriter expected = new MessageWriter(64).attrU32Be(3, value);
            assertThat(w.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(Attributes.parse(w.toByteArray()).list().getFirst().u32Be()).isEqualTo(value);
        }
    }

    @Property
    void wrongSizedNumbersAreDecodeErrors(@ForAll @Size(max = 16) byte[] value) {
        MessageWriter w = new MessageWriter(64);
        w.attrBytes(7, value);
        Attribute a = Attributes.parse(w.toByteArray()).list().getFirst();
        checkSize(value.length == 1, a::u8);
        checkSize(value.length == 2, a::u16);
        checkSize(value.length == 4, a::u32Be);
        checkSize(value.length == 8, a::u64);
    }

    private static void checkSize(boolean fits, Runnable read) {
        if (fits) {
            read.run();
        } else {
            org.assertj.core.api.Assertions.assertThatThrownBy(read::run).isInstanceOf(NetlinkDecodeException.class);
        }
    }

    @Property
    void arbitraryBytesParseOrFailWithTheLibrarysException(@ForAll @Size(max = 200) byte[] junk) {
        MemorySegment segment = MemorySegment.ofArray(junk);
        try {
            for (Attribute a : Attributes.parse(segment)) {
                exercise(a, 3);
            }
        } catch (NetlinkDecodeException expected) {
            // fine: rejected cleanly
        }
        try {
            for (NetlinkMessage m : NetlinkMessage.parseAll(segment, junk.length)) {
                m.attributes(4);
                if (m.isError()) {
                    NetlinkError.decode(m);
                }
            }
        } catch (NetlinkDecodeException expected) {
            // fine: rejected cleanly
        }
    }

    private static void exercise(Attribute a, int depth) {
        a.bytes();
        try {
            a.string();
        } catch (NetlinkDecodeException ignored) {
            // not a string
        }
        if (depth > 0) {
            try {
                a.nested().forEach(c -> exercise(c, depth - 1));
            } catch (NetlinkDecodeException ignored) {
                // not nested
            }
        }
    }

    @Property
    void truncatedMessagesFailCleanly(@ForAll @Size(min = 1, max = 6) List<@From("values") Value> values,
                                      @ForAll @IntRange(min = 1, max = 1000) int cut) {
        MessageWriter w = new MessageWriter(64);
        int m = w.beginMessage(0x20, 0, 1);
        w.putU32(0);
        values.forEach(v -> write(w, v));
        w.endMessage(m);
        byte[] full = w.toByteArray();
        int length = Math.max(1, full.length - cut);
        byte[] truncated = Arrays.copyOf(full, length);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetlinkMessage.parseAll(MemorySegment.ofArray(truncated), length)
                        .forEach(x -> x.attributes(4)))
                .isInstanceOf(NetlinkDecodeException.class);
    }
}
