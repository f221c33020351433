package nftlink.nftables.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nft's durations: {@code 30s}, {@code 1h30m}, {@code 2d}, {@code 500ms}. */
final class Durations {
    private Durations() {
    }

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    static long millis(Token t) {
        String s = t.text();
        Matcher m = PART.matcher(s);
        long total = 0;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
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
        if (at != s.length() || s.isEmpty()) {
            if (s.matches("\\d{1,12}")) {
                return Long.parseLong(s) * 1000;
            }
            throw Cursor.error(t, "not a duration: " + s + " (e.g. 30s, 1h30m, 2d, 500ms)");
        }
        return total;
    }
}
