package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitEventsTest {

    static List<String> fixture() {
        try (InputStream in = UnitEventsTest.class.getResourceAsStream("journal-units.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static final UnitManager USER_1000 = UnitManager.userManager(1000);

    @Test
    void recognisesStartsAndStopsOfTheSystemAndUserManagers() {
        List<UnitEvent> events = new ArrayList<>();
        int unparsable = 0;
        for (String line : fixture()) {
            try {
                UnitEvents.decode(JournalEntry.parse(line)).ifPresent(events::add);
            } catch (CgroupDecodeException e) {
                unparsable++;
            }
        }
        assertEquals(2, unparsable);
        assertEquals(List.of(
                new UnitEvent(UnitManager.systemManager(), "postfix.service", UnitEvent.Kind.STARTED),
                new UnitEvent(USER_1000, "app-mail@a1b2.scope", UnitEvent.Kind.STARTED),
                new UnitEvent(UnitManager.systemManager(), "system-getty.slice", UnitEvent.Kind.STARTED),
                new UnitEvent(UnitManager.systemManager(), "postfix.service", UnitEvent.Kind.STOPPED),
                new UnitEvent(USER_1000, "app-mail@a1b2.scope", UnitEvent.Kind.STOPPED)), events);
    }

    @Test
    void decodesBinaryAndDropsNullAndMultiValuedFields() {
        JournalEntry e = JournalEntry.parse("{\"MESSAGE\":[104,105],\"BIG\":null,\"TAG\":[\"a\",\"b\"],\"_PID\":\"1\"}");
        assertEquals(Optional.of("hi"), e.field("MESSAGE"));
        assertEquals(Optional.empty(), e.field("BIG"));
        assertEquals(Optional.empty(), e.field("TAG"));
        assertTrue(e.has("_PID", "1"));
        assertThrows(CgroupDecodeException.class, () -> JournalEntry.parse("{\"_PID\":1}"));
        assertThrows(CgroupDecodeException.class, () -> JournalEntry.parse("{\"X\":[true]}"));
        assertThrows(CgroupDecodeException.class, () -> JournalEntry.parse("[]"));
    }

    @Test
    void userManagerRootComesFromItsOwnCgroup() {
        JournalEntry e = JournalEntry.parse("""
                {"_PID":"900","_UID":"1001","_SYSTEMD_UNIT":"user@1001.service","_SYSTEMD_USER_UNIT":"init.scope",
                 "_SYSTEMD_CGROUP":"/custom.slice/user@1001.service/init.scope","USER_UNIT":"a.service",
                 "JOB_TYPE":"restart","JOB_RESULT":"done"}""".replace("\n", ""));
        assertEquals(Optional.of(new UnitEvent(new UnitManager(false, 1001, CgroupPath.of("custom.slice/user@1001.service")),
                "a.service", UnitEvent.Kind.STARTED)), UnitEvents.decode(e));
    }

    @Test
    void ignoresEntriesFromProcessesThatAreNotManagers() {
        for (String line : List.of(
                "{\"_PID\":\"1\",\"_UID\":\"1000\",\"UNIT\":\"a.service\",\"JOB_TYPE\":\"start\",\"JOB_RESULT\":\"done\"}",
                "{\"_PID\":\"5\",\"_UID\":\"0\",\"UNIT\":\"a.service\",\"JOB_TYPE\":\"start\",\"JOB_RESULT\":\"done\"}",
                "{\"_PID\":\"5\",\"_UID\":\"1000\",\"_SYSTEMD_UNIT\":\"user@1001.service\",\"_SYSTEMD_USER_UNIT\":\"init.scope\","
                        + "\"USER_UNIT\":\"a.service\",\"JOB_TYPE\":\"start\",\"JOB_RESULT\":\"done\"}",
                "{\"_PID\":\"1\",\"_UID\":\"0\",\"UNIT\":\"../x.service\",\"JOB_TYPE\":\"start\",\"JOB_RESULT\":\"done\"}",
                "{\"_PID\":\"1\",\"_UID\":\"0\",\"UNIT\":\"a.service\",\"JOB_TYPE\":\"reload\",\"JOB_RESULT\":\"done\"}",
                "{\"_PID\":\"1\",\"_UID\":\"0\",\"UNIT\":\"a.service\"}")) {
            assertEquals(Optional.empty(), UnitEvents.decode(JournalEntry.parse(line)), line);
        }
    }

    @Property
    void arbitraryLinesDecodeOrFailWithTheLibrarysException(@ForAll("lines") String line) {
        try {
            UnitEvents.decode(JournalEntry.parse(line));
        } catch (CgroupDecodeException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Property
    void arbitraryEntriesNeverBreakTheDecoder(@ForAll("entries") Map<String, String> fields) {
        Optional<UnitEvent> e = UnitEvents.decode(new JournalEntry(fields));
        e.ifPresent(event -> assertTrue(UnitEvents.isUnitName(event.unit())));
        e.ifPresent(event -> assertTrue(event.manager().system() ? fields.get("_PID").equals("1")
                : fields.get("_SYSTEMD_USER_UNIT").equals("init.scope")));
    }

    @Provide
    Arbitrary<String> lines() {
        List<String> recorded = fixture();
        return Arbitraries.oneOf(
                Arbitraries.of(recorded).flatMap(l -> Arbitraries.integers().between(0, l.length()).map(n -> l.substring(0, n))),
                Arbitraries.strings().withChars("{}[]\":,0123456789nul ").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<Map<String, String>> entries() {
        Arbitrary<String> names = Arbitraries.of("_PID", "_UID", "UNIT", "USER_UNIT", "JOB_TYPE", "JOB_RESULT", "MESSAGE_ID",
                "_SYSTEMD_UNIT", "_SYSTEMD_USER_UNIT", "_SYSTEMD_CGROUP");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("1", "0", "1000", "4294967296", "-1", "start", "stop", "restart", "done", "failed",
                        "init.scope", "user@1000.service", "a.service", "x.scope", "-.slice", "../a.service", "a/b.service",
                        "/user.slice/user-1000.slice/user@1000.service/init.scope", "//", "/init.scope",
                        UnitEvents.MESSAGE_UNIT_SUCCESS, UnitEvents.MESSAGE_UNIT_FAILURE_RESULT),
                Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.maps(names, values).ofMaxSize(10);
    }

    @Test
    void slicePaths() {
        assertEquals(CgroupPath.ROOT, UnitCgroupLocator.slicePath("-.slice"));
        assertEquals(CgroupPath.of("system.slice"), UnitCgroupLocator.slicePath("system.slice"));
        assertEquals(CgroupPath.of("user.slice/user-1000.slice"), UnitCgroupLocator.slicePath("user-1000.slice"));
        assertEquals(CgroupPath.of("a.slice/a-b.slice/a-b-c.slice"), UnitCgroupLocator.slicePath("a-b-c.slice"));
    }
}
