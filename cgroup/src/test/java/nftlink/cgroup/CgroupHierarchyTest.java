package nftlink.cgroup;

import nftlink.nftables.mounts.MountInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupHierarchyTest {

    private static final String HYBRID = """
            23 1 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    private static final String UNIFIED = """
            22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw
            30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
            """;

    @Test
    void prefersTheUnifiedMount() {
        CgroupHierarchy h = CgroupHierarchy.fromMounts(MountInfo.parse(UNIFIED));
        assertEquals(new CgroupHierarchy(Path.of("/sys/fs/cgroup"), CgroupHierarchy.Layout.UNIFIED), h);
    }

    @Test
    void findsTheHybridMount() {
        CgroupHierarchy h = CgroupHierarchy.fromMounts(MountInfo.parse(HYBRID));
        assertEquals(new CgroupHierarchy(Path.of("/sys/fs/cgroup/unified"), CgroupHierarchy.Layout.HYBRID), h);
    }

    @Test
    void takesAnyOtherCgroup2MountLast() {
        String text = HYBRID.replace("/sys/fs/cgroup/unified", "/mnt/cg2")
                + "50 1 0:40 / /run/other rw - cgroup2 none rw\n";
        CgroupHierarchy h = CgroupHierarchy.fromMounts(MountInfo.parse(text));
        assertEquals(new CgroupHierarchy(Path.of("/mnt/cg2"), CgroupHierarchy.Layout.OTHER), h);
    }

    @Test
    void reportsAMissingHierarchyClearly() {
        String v1Only = HYBRID.lines().filter(l -> !l.contains("cgroup2")).reduce("", (a, b) -> a + b + "\n");
        NoCgroupHierarchyException e = assertThrows(NoCgroupHierarchyException.class,
                () -> CgroupHierarchy.fromMounts(MountInfo.parse(v1Only)));
        assertTrue(e.getMessage().contains("no cgroup2 file system is mounted"), e.getMessage());
        NoCgroupHierarchyException sub = assertThrows(NoCgroupHierarchyException.class,
                () -> CgroupHierarchy.fromMounts(MountInfo.parse("7 1 0:9 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n")));
        assertTrue(sub.getMessage().contains("subtree"), sub.getMessage());
    }

    @Test
    void discoversThisMachinesHierarchy() {
        CgroupHierarchy h = CgroupHierarchy.discover();
        assertTrue(Files.isRegularFile(h.mountPoint().resolve("cgroup.controllers")), h.toString());
        assertEquals(h, CgroupHierarchy.at(h.mountPoint()));
    }

    @Test
    void aCgroupV1HierarchyIsNotTakenForOne() {
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(v1.resolve("cgroup.procs"))
                && !Files.exists(v1.resolve("cgroup.controllers")), "no cgroup-v1 cpu hierarchy on this machine");
        assertThrows(NoCgroupHierarchyException.class, () -> CgroupHierarchy.at(v1));
    }

    @Test
    void explicitMountPointIsChecked(@TempDir Path dir) throws IOException {
        assertThrows(NoCgroupHierarchyException.class, () -> CgroupHierarchy.at(dir.resolve("missing")));
        NoCgroupHierarchyException e = assertThrows(NoCgroupHierarchyException.class, () -> CgroupHierarchy.at(dir));
        assertTrue(e.getMessage().contains("cgroup.controllers"), e.getMessage());
        Files.writeString(dir.resolve("cgroup.controllers"), "");
        assertEquals(new CgroupHierarchy(dir, CgroupHierarchy.Layout.OTHER), CgroupHierarchy.at(dir));
    }
}
