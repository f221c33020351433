package nftlink.nftables.lang;

import java.util.Optional;

/** The syslog levels a {@code log} statement logs at, with nft's names; {@code audit} sends to the audit log. */
public enum LogLevel {
    /** 0. */
    EMERG("emerg"),
    /** 1. */
    ALERT("alert"),
    /** 2. */
    CRIT("crit"),
    /** 3. */
    ERR("err"),
    /** 4, the kernel's default: nft lists it as no level. */
    WARN("warn"),
    /** 5. */
    NOTICE("notice"),
    /** 6. */
    INFO("info"),
    /** 7. */
    DEBUG("debug"),
    /** 8: the audit log, with no other options. */
    AUDIT("audit");

    private final String nftName;

    LogLevel(String nftName) {
        this.nftName = nftName;
    }

    /**
     * nft's name.
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The number the kernel holds ({@code NFTA_LOG_LEVEL}).
     *
     * @return the number
     */
    public int number() {
        return ordinal();
    }

    /**
     * The level numbered {@code number}; empty beyond audit.
     *
     * @param number the level number
     * @return the level, or empty
     */
    public static Optional<LogLevel> of(int number) {
        return number >= 0 && number < values().length ? Optional.of(values()[number]) : Optional.empty();
    }

    /**
     * The level nft names {@code name}; empty for another word.
     *
     * @param name the name
     * @return the level, or empty
     */
    public static Optional<LogLevel> named(String name) {
        for (LogLevel l : values()) {
            if (l.nftName.equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The names, for error messages.
     *
     * @return the names
     */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (LogLevel l : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(l.nftName);
        }
        return sb.toString();
    }
}
