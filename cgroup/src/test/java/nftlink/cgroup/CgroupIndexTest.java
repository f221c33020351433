package nftlink.cgroup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CgroupIndexTest {

    private static Cgroup cg(String path, long id) {
        return new Cgroup(CgroupPath.of(path), id);
    }

    @Test
    void keepsPathAndIdConsistent() {
        CgroupIndex index = new CgroupIndex();
        index.put(cg("a", 1));
        index.put(cg("a/b", 2));
        assertEquals(Optional.of(cg("a/b", 2)), index.byId(2));
        index.put(cg("a/b", 3));
        assertEquals(Optional.empty(), index.byId(2), "a re-created cgroup's old ID is gone");
        index.put(cg("a/c", 3));
        assertEquals(Optional.empty(), index.byPath(CgroupPath.of("a/b")), "an ID moved to another path (a rename)");
        assertEquals(List.of(cg("a", 1), cg("a/c", 3)), index.snapshot());
    }

    @Test
    void appliesEventsOnlyForTheIdItKnows() {
        CgroupIndex index = new CgroupIndex();
        index.onEvent(new CgroupEvent.Appeared(cg("x", 5)));
        index.onEvent(new CgroupEvent.Vanished(cg("x", 4)));
        assertEquals(Optional.of(cg("x", 5)), index.byPath(CgroupPath.of("x")), "a stale vanish is ignored");
        index.onEvent(new CgroupEvent.ResyncNeeded("test", "nothing"));
        index.onEvent(new CgroupEvent.Vanished(cg("x", 5)));
        assertEquals(0, index.size());
        index.replaceAll(List.of(cg("p", 1), cg("p/q", 2)));
        assertEquals(List.of(cg("p/q", 2)), index.subtree(CgroupPath.of("p/q")));
    }
}
