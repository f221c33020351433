package nftlink.nftables;

import java.util.Optional;

/**
 * The periods rates are counted over ({@code limit rate 10/second}, {@code limit l { rate 1 mbytes/hour }}),
 * with nft's names ({@code time_unit} in its grammar, {@code "per"} in its JSON) and their length in seconds,
 * which is what the kernel holds.
 */
public enum TimeUnit {
    /** One second. */
    SECOND("second", 1),
    /** 60 seconds. */
    MINUTE("minute", 60),
    /** 3600 seconds. */
    HOUR("hour", 3600),
    /** 86400 seconds. */
    DAY("day", 86_400),
    /** 604800 seconds. */
    WEEK("week", 604_800);

    private final String nftName;
    private final long seconds;

    TimeUnit(String nftName, long seconds) {
        this.nftName = nftName;
        this.seconds = seconds;
    }

    /**
     * nft's name: {@code second}, {@code minute}, ...
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The period in seconds.
     *
     * @return the number of seconds
     */
    public long seconds() {
        return seconds;
    }

    /**
     * The unit of a period of {@code seconds}; empty for a period nft has no name for.
     *
     * @param seconds the period
     * @return the unit, or empty
     */
    public static Optional<TimeUnit> ofSeconds(long seconds) {
        for (TimeUnit u : values()) {
            if (u.seconds == seconds) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /**
     * The unit nft names {@code name}; empty for another word.
     *
     * @param name the name
     * @return the unit, or empty
     */
    public static Optional<TimeUnit> named(String name) {
        for (TimeUnit u : values()) {
            if (u.nftName.equals(name)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /**
     * The names, for error messages: {@code second, minute, hour, day or week}.
     *
     * @return the names
     */
    public static String names() {
        return "second, minute, hour, day or week";
    }
}
