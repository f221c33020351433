package nftlink.nftables.xt;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.LogLevel;

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
    /** The level number translated as {@code level none}. */
    private static final int LEVEL_NONE = 0x10;

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
        // syslog's levels; audit is nft's own, not one iptables stores
        String name = level == LEVEL_NONE ? "none"
                : LogLevel.of(level).filter(l -> l != LogLevel.AUDIT).map(LogLevel::nftName).orElse(null);
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
        // XT_LOG_* are the bits of NF_LOG_*
        x.add(LogFlag.text(LogFlag.of(flags & LogFlag.ALL_BITS).orElseThrow()));
        return Optional.of(x.text());
    }
}
