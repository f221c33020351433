package nftlink.nftables.mounts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountInfoTest {

    static final String HYBRID = """
            23 1 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    static final String UNIFIED = """
            22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw
            30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
            """;

    @Test
    void parsesTheKernelsFormat() {
        List<MountEntry> entries = MountInfo.parse(UNIFIED);
        assertEquals(2, entries.size());
        MountEntry cg = entries.get(1);
        assertEquals(30, cg.mountId());
        assertEquals(22, cg.parentId());
        assertEquals(0, cg.major());
        assertEquals(26, cg.minor());
        assertEquals("/", cg.root());
        assertEquals("/sys/fs/cgroup", cg.mountPoint());
        assertEquals(List.of("shared:4"), cg.optionalFields());
        assertEquals("cgroup2", cg.fsType());
        assertEquals("rw,nsdelegate,memory_recursiveprot", cg.superOptions());
        assertTrue(cg.isCgroup2());
        assertEquals(List.of(), MountInfo.parse(HYBRID).get(1).optionalFields());
    }

    @Test
    void decodesOctalEscapes() {
        MountEntry e = MountInfo.parseLine("99 1 8:1 /a\\040b /mnt/with\\040space\\011tab\\134 rw - ext4 /dev/sda1 rw");
        assertEquals("/a b", e.root());
        assertEquals("/mnt/with space\ttab\\", e.mountPoint());
        assertEquals("99 1 8:1 /a\\040b /mnt/with\\040space\\011tab\\134 rw - ext4 /dev/sda1 rw", MountInfo.format(e));
    }

    @Test
    void rejectsMalformedLines() {
        for (String bad : List.of("", "1 2 3", "1 2 0:1 / /x rw shared:1 ext4 src rw",
                "x 2 0:1 / /x rw - ext4 src rw", "1 2 01 / /x rw - ext4 src rw", "1 2 0:1 / /x rw - ext4 src",
                "1 2 0:1 / /x rw - ext4 src rw extra", "1 2 0:1 /\\04 /x rw - ext4 src rw",
                "1 2 0:1 /\\777 /x rw - ext4 src rw", "1 2 0:1 /\\09x /x rw - ext4 src rw",
                "1  2 0:1 / /x rw - ext4 src rw", "99999999999 2 0:1 / /x rw - ext4 src rw")) {
            assertThrows(MountInfoException.class, () -> MountInfo.parseLine(bad), bad);
        }
        MountInfoException e = assertThrows(MountInfoException.class, () -> MountInfo.parse(UNIFIED + "garbage\n"));
        assertTrue(e.getMessage().startsWith("mountinfo line 3:"), e.getMessage());
    }

    @Property
    void formatThenParseIsIdentity(@ForAll("entries") MountEntry entry) {
        assertEquals(entry, MountInfo.parseLine(MountInfo.format(entry)));
    }

    @Property
    void arbitraryTextParsesOrFailsWithTheLibrarysException(@ForAll("lineLike") String text) {
        try {
            MountInfo.parse(text);
        } catch (MountInfoException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Property
    void truncatedLinesParseOrFailCleanly(@ForAll("entries") MountEntry entry, @ForAll("fractions") double keep) {
        String line = MountInfo.format(entry);
        String cut = line.substring(0, (int) (line.length() * keep));
        try {
            MountInfo.parseLine(cut);
        } catch (MountInfoException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> lineLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(" 0123456789:-/\\\nabc").ofMaxLength(80),
                Arbitraries.strings().ofMaxLength(80));
    }

    @Provide
    Arbitrary<MountEntry> entries() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('!', '~').withChars(' ', '\t', '\n', '\\', 'é')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> optional = text.filter(s -> !s.equals("-"));
        Arbitrary<Integer> n = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(
                Combinators.combine(n, n, n, n).as((a, b, c, d) -> List.of(a, b, c, d)),
                text.list().ofSize(6),
                optional.list().ofMaxSize(3)
        ).as((ids, s, opt) -> new MountEntry(ids.get(0), ids.get(1), ids.get(2), ids.get(3), s.get(0), s.get(1),
                s.get(2), opt, s.get(3), s.get(4), s.get(5)));
    }
}
