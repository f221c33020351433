package nftlink.nftables.mounts;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@code /proc/PID/mountinfo} (see {@code proc(5)}), with the
 * kernel's octal escapes ({@code \040} for a space and so on) decoded.
 *
 * @param mountId        unique mount ID
 * @param parentId       ID of the parent mount
 * @param major          major device number of the file system
 * @param minor          minor device number
 * @param root           the directory of the file system that forms this mount's root
 * @param mountPoint     where it is mounted, relative to the process's root
 * @param mountOptions   per-mount options
 * @param optionalFields tagged fields such as {@code shared:1}; never {@code "-"}
 * @param fsType         file system type, e.g. {@code cgroup2}
 * @param source         mount source, e.g. {@code cgroup2} or {@code none}
 * @param superOptions   per-superblock options
 */
public record MountEntry(int mountId, int parentId, int major, int minor, String root, String mountPoint,
                         String mountOptions, List<String> optionalFields, String fsType, String source,
                         String superOptions) {

    public MountEntry {
        if (mountId < 0 || parentId < 0 || major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative mount ID or device number");
        }
        nonEmpty("root", root);
        nonEmpty("mount point", mountPoint);
        nonEmpty("mount options", mountOptions);
        nonEmpty("file system type", fsType);
        nonEmpty("source", source);
        nonEmpty("super options", superOptions);
        optionalFields = List.copyOf(optionalFields);
        for (String f : optionalFields) {
            nonEmpty("optional field", f);
            if (f.equals("-")) {
                throw new IllegalArgumentException("an optional field cannot be \"-\"");
            }
        }
    }

    private static void nonEmpty(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }

    /** Whether this mount is a cgroup-v2 hierarchy. */
    public boolean isCgroup2() {
        return fsType.equals("cgroup2");
    }
}
