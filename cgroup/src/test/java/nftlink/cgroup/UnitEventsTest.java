package nftlink.cgroup;

import nftlink.cgroup.json.JsonFormatException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertThrows(JsonFormatException.class, () -> JournalEntry.parse("[]"));
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

    @Test
    void slicePaths() {
        assertEquals(CgroupPath.ROOT, UnitCgroupLocator.slicePath("-.slice"));
        assertEquals(CgroupPath.of("system.slice"), UnitCgroupLocator.slicePath("system.slice"));
        assertEquals(CgroupPath.of("user.slice/user-1000.slice"), UnitCgroupLocator.slicePath("user-1000.slice"));
        assertEquals(CgroupPath.of("a.slice/a-b.slice/a-b-c.slice"), UnitCgroupLocator.slicePath("a-b-c.slice"));
    }
}
