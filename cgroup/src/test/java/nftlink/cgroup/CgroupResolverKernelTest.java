package nftlink.cgroup;

import nftlink.testing.KernelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KernelTest
class CgroupResolverKernelTest {

    private TestCgroupTree tree;
    private CgroupResolver resolver;

    @BeforeEach
    void setUp() {
        tree = TestCgroupTree.create();
        resolver = new CgroupResolver(tree.hierarchy());
    }

    @AfterEach
    void tearDown() {
        tree.close();
    }

    @Test
    void pathToIdIsTheDirectorysInode() throws Exception {
        CgroupPath app = tree.mkdir("app.slice");
        Cgroup c = resolver.resolve(app.toString());
        long inode = ((Number) Files.getAttribute(tree.hierarchy().directory(app), "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        assertEquals(new Cgroup(app, inode), c);
        assertEquals(app.level(), c.level());
        assertEquals(c, resolver.resolve("/" + app + "/"));
        CgroupIdResolver asInterface = resolver;
        assertEquals(c, asInterface.resolve(app.toString()));
    }

    @Test
    void ancestorAtLevel() {
        tree.mkdir("a");
        tree.mkdir("a/b");
        CgroupPath c = tree.mkdir("a/b/c");
        Cgroup parent = resolver.ancestor(c, c.level() - 1);
        assertEquals(tree.path("a/b"), parent.path());
        assertEquals(resolver.resolve(tree.path("a/b")).id(), parent.id());
        assertEquals(CgroupPath.ROOT, resolver.ancestor(c, 0).path());
        assertThrows(IllegalArgumentException.class, () -> resolver.ancestor(c, c.level() + 1));
    }

    @Test
    void reportsMissingAndNonCgroupPathsClearly(@TempDir Path elsewhere) throws Exception {
        NoSuchCgroupException missing = assertThrows(NoSuchCgroupException.class,
                () -> resolver.resolve(tree.path("nope").toString()));
        assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("does not exist"), missing.getMessage());
        NotACgroupException file = assertThrows(NotACgroupException.class,
                () -> resolver.resolve(tree.root().child("cgroup.procs")));
        assertTrue(file.getMessage().contains("not a directory"), file.getMessage());
        assertThrows(NoSuchCgroupException.class, () -> resolver.resolve(tree.root().child("cgroup.procs").child("x")));
        Files.writeString(elsewhere.resolve("cgroup.controllers"), "");
        Files.createDirectory(elsewhere.resolve("plain"));
        NotACgroupException plain = assertThrows(NotACgroupException.class,
                () -> new CgroupResolver(CgroupHierarchy.at(elsewhere)).resolve("plain"));
        assertTrue(plain.getMessage().contains("cgroup.controllers"), plain.getMessage());
    }

    @Test
    void idToPathFromTheIndexAndByScanning() {
        CgroupPath p = tree.mkdir("scanned");
        long id = new CgroupResolver(tree.hierarchy()).id(p);
        assertEquals(0, resolver.index().size());
        assertEquals(Optional.of(p), resolver.path(id));
        assertTrue(resolver.index().size() > 1, "a full scan fills the index");
        assertEquals(Optional.of(p), resolver.path(id));
        tree.rmdir("scanned");
        assertEquals(Optional.empty(), resolver.path(id));
        CgroupPath again = tree.mkdir("scanned");
        long newId = resolver.id(again);
        assertNotEquals(id, newId, "a re-created cgroup gets a new ID");
        assertEquals(Optional.of(again), resolver.path(newId));
    }

    @Test
    void scanListsParentsBeforeChildren() {
        tree.mkdir("x");
        tree.mkdir("x/y");
        tree.mkdir("z");
        List<CgroupPath> paths = resolver.scan(tree.root()).stream().map(Cgroup::path).toList();
        assertEquals(List.of(tree.root(), tree.path("x"), tree.path("z"), tree.path("x/y")), paths);
    }
}
