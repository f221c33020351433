package nftlink.nftables.lang;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as nft writes and prints them ({@code time_parse} and {@code time_print}): {@code 1h},
 * {@code 59m59s984ms}, {@code 30s}, a plain number meaning seconds.
 */
public final class NftTime {
    private NftTime() {
    }

    private static final long[] UNITS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    private static final String[] NAMES = {"d", "h", "m", "s", "ms"};
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    /**
     * {@code millis} as nft prints it under the current {@link OutputFlags}; {@code 0s} for 0.
     *
     * @param millis milliseconds
     * @return the text
     */
    public static String format(long millis) {
        String flagged = OutputFlags.current().time(millis);
        if (flagged != null) {
            return flagged;
        }
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNITS.length; i++) {
            long n = rest / UNITS[i];
            rest %= UNITS[i];
            if (n > 0) {
                sb.append(n).append(NAMES[i]);
            }
        }
        return sb.toString();
    }

    /**
     * The milliseconds {@code text} stands for: {@code 30s}, {@code 1h30m}, {@code 2d}, {@code 500ms}, or a
     * plain number of seconds.
     *
     * @param text the time
     * @return the milliseconds
     * @throws IllegalArgumentException when it is not a duration
     */
    public static long parse(String text) {
        Matcher m = PART.matcher(text);
        long total = 0;
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            at = m.end();
        }
        if (at != text.length() || text.isEmpty()) {
            if (text.matches("\\d{1,12}")) {
                return Long.parseLong(text) * 1000;
            }
            throw new IllegalArgumentException("not a duration: " + text + " (e.g. 30s, 1h30m, 2d, 500ms)");
        }
        return total;
    }
}
