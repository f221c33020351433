package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code -j LOG [--log-prefix P] [--log-level L] [--log-tcp-sequence ...]}: {@code struct
 * xt_log_info}, revision 0.
 *
 * @param level  the syslog level (4, warning, is the default and not printed)
 * @param flags  {@code XT_LOG_*}
 * @param prefix the prefix (at most 29 bytes)
 */
public record LogInfo(int level, int flags, String prefix) implements XtInfo {
    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};

    /** Checks the component: {@code prefix} must not be null. */
    public LogInfo {
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Decodes {@code struct xt_log_info}; the kernel keeps the prefix NUL-terminated.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static LogInfo decode(Bytes info) {
        StructReader r = StructReader.of(info, 32, "LOG");
        return new LogInfo(r.u8(0), r.u8(1), r.string(2, 30, true));
    }

    @Override
    public Optional<String> text(XtContext context) {
        String name = level < LEVELS.length ? LEVELS[level] : level == 0x10 ? "none" : null;
        if (name == null || !Xlate.printable(prefix)) {
            return Optional.empty();
        }
        Xlate x = new Xlate().add("log");
        if (!prefix.isEmpty()) {
            x.add(" prefix \"" + prefix + "\"");
        }
        if (level != 4) {
            x.add(" level " + name);
        }
        if ((flags & 0x2f) == 0x2f) {
            x.add(" flags all");
        } else {
            if ((flags & 3) != 0) {
                String delim = " ";
                x.add(" flags tcp");
                if ((flags & 1) != 0) {
                    x.add(" sequence");
                    delim = ",";
                }
                if ((flags & 2) != 0) {
                    x.add(delim + "options");
                }
            }
            if ((flags & 4) != 0) {
                x.add(" flags ip options");
            }
            if ((flags & 8) != 0) {
                x.add(" flags skuid");
            }
            if ((flags & 0x20) != 0) {
                x.add(" flags ether");
            }
        }
        return Optional.of(x.text());
    }
}
