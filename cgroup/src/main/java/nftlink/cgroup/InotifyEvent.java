package nftlink.cgroup;

import java.util.Objects;

/**
 * One {@code struct inotify_event}.
 *
 * @param watch  the watch descriptor it is about, or -1 for {@code IN_Q_OVERFLOW}
 * @param mask   {@code IN_*} bits
 * @param cookie links the two halves of a rename
 * @param name   the name of the entry in the watched directory, or {@code ""}
 */
public record InotifyEvent(int watch, int mask, int cookie, String name) {

    public static final int IN_MOVED_FROM = 0x40;
    public static final int IN_MOVED_TO = 0x80;
    public static final int IN_CREATE = 0x100;
    public static final int IN_DELETE = 0x200;
    public static final int IN_DELETE_SELF = 0x400;
    public static final int IN_MOVE_SELF = 0x800;
    public static final int IN_UNMOUNT = 0x2000;
    public static final int IN_Q_OVERFLOW = 0x4000;
    public static final int IN_IGNORED = 0x8000;
    public static final int IN_ONLYDIR = 0x01000000;
    public static final int IN_DONT_FOLLOW = 0x02000000;
    public static final int IN_ISDIR = 0x40000000;

    /** Checks the component: a name without NUL. */
    public InotifyEvent {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("inotify event name contains NUL");
        }
    }

    /**
     * Whether any of {@code bits} is set in the mask.
     *
     * @param bits {@code IN_*} bits
     * @return whether any is set
     */
    public boolean has(int bits) {
        return (mask & bits) != 0;
    }
}
