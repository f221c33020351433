package nftlink.rtnetlink;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mirror's updates are idempotent: an event delivered twice (as list-then-subscribe
 * does for changes made while the snapshot was taken) leaves the same state as once.
 */
class RtStateProperties {

    private final CodecProperties objects = new CodecProperties();

    @Property(tries = 200)
    void repeatedEventsChangeNothing(@ForAll("events") List<RtEvent> events) {
        RtState once = new RtState();
        RtState twice = new RtState();
        once.onSnapshot(new RtSnapshot(List.of(), List.of(), List.of(), List.of()));
        twice.onSnapshot(new RtSnapshot(List.of(), List.of(), List.of(), List.of()));
        for (RtEvent e : events) {
            once.onEvent(e);
            twice.onEvent(e);
            twice.onEvent(e);
        }
        assertEquals(once.links(), twice.links());
        assertEquals(once.addresses(), twice.addresses());
        assertEquals(once.routes(), twice.routes());
        assertEquals(once.rules(), twice.rules());
    }

    @Property(tries = 200)
    void addThenDeleteLeavesNothing(@ForAll("objects") RtObject object) {
        RtState state = new RtState();
        state.onEvent(new RtEvent(RtEvent.Change.NEW, object));
        state.onEvent(new RtEvent(RtEvent.Change.DELETED, object));
        assertEquals(0, state.links().size() + state.addresses().size() + state.routes().size() + state.rules().size());
    }

    @Provide
    Arbitrary<RtObject> objects() {
        return Arbitraries.oneOf(objects.links().map(o -> (RtObject) o), objects.addresses().map(o -> (RtObject) o),
                objects.routes().map(o -> (RtObject) o), objects.rules().map(o -> (RtObject) o));
    }

    @Provide
    Arbitrary<List<RtEvent>> events() {
        return Combinators.combine(Arbitraries.of(RtEvent.Change.values()), objects()).as(RtEvent::new)
                .list().ofMaxSize(20);
    }
}
