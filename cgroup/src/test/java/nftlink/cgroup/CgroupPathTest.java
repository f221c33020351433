package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupPathTest {

    static final String APP = "user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope";

    @Test
    void levelCountsComponentsBelowTheRoot() {
        assertEquals(0, CgroupPath.of("").level());
        assertEquals(0, CgroupPath.of("/").level());
        assertEquals(1, CgroupPath.of("system.slice").level());
        assertEquals(2, CgroupPath.of("/system.slice/postfix.service/").level());
        assertEquals(5, CgroupPath.of(APP).level());
        assertTrue(CgroupPath.of("/").isRoot());
    }

    @Test
    void ancestorAtLevelIsWhatSocketCgroupv2Compares() {
        CgroupPath app = CgroupPath.of(APP);
        assertEquals(CgroupPath.ROOT, app.ancestor(0));
        assertEquals(CgroupPath.of("user.slice"), app.ancestor(1));
        assertEquals(CgroupPath.of("user.slice/user-1000.slice/user@1000.service"), app.ancestor(3));
        assertEquals(app, app.ancestor(5));
        assertThrows(IllegalArgumentException.class, () -> app.ancestor(6));
        assertThrows(IllegalArgumentException.class, () -> app.ancestor(-1));
    }

    @Test
    void navigation() {
        CgroupPath p = CgroupPath.of("a/b");
        assertEquals("b", p.name());
        assertEquals(CgroupPath.of("a"), p.parent());
        assertNull(CgroupPath.ROOT.parent());
        assertEquals(CgroupPath.of("a/b/c"), p.child("c"));
        assertEquals(CgroupPath.of("a/b/c/d"), p.resolve(CgroupPath.of("c/d")));
        assertTrue(p.contains(CgroupPath.of("a/b/c")));
        assertTrue(p.contains(p));
        assertFalse(p.contains(CgroupPath.of("a/bc")));
        assertTrue(CgroupPath.ROOT.contains(p));
        assertEquals(Path.of("/sys/fs/cgroup/a/b"), p.in(Path.of("/sys/fs/cgroup")));
    }

    @Test
    void rejectsEscapesAndEmptyComponents() {
        for (String bad : List.of("a//b", "a/../b", "..", "./a", "a/\0")) {
            assertThrows(InvalidCgroupPathException.class, () -> CgroupPath.of(bad), bad);
        }
        assertThrows(InvalidCgroupPathException.class, () -> CgroupPath.ROOT.child("x/y"));
    }

    @Property
    void toStringThenOfIsIdentity(@ForAll("paths") CgroupPath path) {
        assertEquals(path, CgroupPath.of(path.toString()));
        assertEquals(path, CgroupPath.of("/" + path + "/"));
        for (int level = 0; level <= path.level(); level++) {
            assertEquals(level, path.ancestor(level).level());
            assertTrue(path.ancestor(level).contains(path));
        }
    }

    @Provide
    Arbitrary<CgroupPath> paths() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', '@', ' ', '\\')
                .ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals(".") && !s.equals(".."))
                .list().ofMaxSize(7).map(CgroupPath::new);
    }
}
