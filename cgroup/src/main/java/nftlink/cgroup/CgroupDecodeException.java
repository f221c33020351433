package nftlink.cgroup;

/**
 * Input from outside the process does not parse: a {@code /proc/self/mountinfo}
 * line, an inotify event buffer, a JSON text or a journal entry.
 */
public class CgroupDecodeException extends CgroupException {
    /**
     * An exception with {@code message}.
     *
     * @param message what does not parse, and where
     */
    public CgroupDecodeException(String message) {
        super(message);
    }
}
