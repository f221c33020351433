package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InotifyEventsTest {

    @Test
    void decodesTheKernelsLayout() {
        ByteBuffer b = ByteBuffer.allocate(16 + 16 + 16).order(ByteOrder.nativeOrder());
        b.putInt(3).putInt(InotifyEvent.IN_CREATE | InotifyEvent.IN_ISDIR).putInt(0).putInt(16);
        b.put("app.scope".getBytes()).put(new byte[7]);
        b.putInt(-1).putInt(InotifyEvent.IN_Q_OVERFLOW).putInt(0).putInt(0);
        List<InotifyEvent> events = InotifyEvents.parse(b.array());
        assertEquals(List.of(new InotifyEvent(3, InotifyEvent.IN_CREATE | InotifyEvent.IN_ISDIR, 0, "app.scope"),
                new InotifyEvent(-1, InotifyEvent.IN_Q_OVERFLOW, 0, "")), events);
    }

    @Test
    void rejectsTruncatedAndUnterminated() {
        byte[] one = InotifyEvents.encode(List.of(new InotifyEvent(1, InotifyEvent.IN_DELETE, 0, "x")));
        assertThrows(CgroupDecodeException.class, () -> InotifyEvents.parse(Arrays.copyOf(one, 10)));
        assertThrows(CgroupDecodeException.class, () -> InotifyEvents.parse(Arrays.copyOf(one, 20)));
        byte[] unterminated = one.clone();
        Arrays.fill(unterminated, 16, unterminated.length, (byte) 'a');
        assertThrows(CgroupDecodeException.class, () -> InotifyEvents.parse(unterminated));
        byte[] huge = one.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.nativeOrder()).putInt(12, -1);
        assertThrows(CgroupDecodeException.class, () -> InotifyEvents.parse(huge));
        assertThrows(IllegalArgumentException.class, () -> InotifyEvents.parse(MemorySegment.ofArray(one), one.length + 1));
    }

    @Property
    void encodeThenParseIsIdentity(@ForAll("eventLists") List<InotifyEvent> events) {
        assertEquals(events, InotifyEvents.parse(InotifyEvents.encode(events)));
    }

    @Property
    void arbitraryBytesParseOrFailWithTheLibrarysException(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            InotifyEvents.parse(bytes);
        } catch (CgroupDecodeException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Property
    void truncatedBuffersParseOrFailCleanly(@ForAll("eventLists") List<InotifyEvent> events, @ForAll("fractions") double keep) {
        byte[] all = InotifyEvents.encode(events);
        byte[] cut = Arrays.copyOf(all, (int) (all.length * keep));
        try {
            List<InotifyEvent> parsed = InotifyEvents.parse(cut);
            assertEquals(events.subList(0, parsed.size()), parsed);
        } catch (CgroupDecodeException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<List<InotifyEvent>> eventLists() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> s.indexOf('\0') < 0
                        && s.equals(new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8))));
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers(), names)
                .as(InotifyEvent::new).list().ofMaxSize(6);
    }
}
