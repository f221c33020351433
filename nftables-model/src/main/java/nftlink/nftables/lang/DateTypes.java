package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.time.Instant;
import java.util.List;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.format.DateTimeFormatter;

/**
 * Values of nft's date, hour and day datatypes ({@code meta time}, {@code meta hour},
 * {@code meta day}) as text and as the kernel holds them: nanoseconds since the epoch,
 * seconds since midnight UTC, and the day of the week from Sunday; text in the time zone
 * of {@link TimeZoneScope}.
 */
final class DateTypes {

    /** {@code YYYY-MM-DD HH:MM:SS} with the ranges strptime allows: months 1 to 12, days 1 to 31. */
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\\d|3[01]) ([01]?\\d|2[0-3]):([0-5]?\\d):([0-5]?\\d)");
    static final List<String> DAYS = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");

    private DateTypes() {
    }

    static Bytes parseDate(String t, String text) {
        String u = Datatype.unquoted(t);
        long nanos;
        if (u.matches("\\d+")) {
            nanos = Long.parseLong(u) * 1_000_000_000L;
        } else {
            Matcher m = DATE.matcher(u.length() == 10 ? u + " 00:00:00" : text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a date and time (YYYY-MM-DD HH:MM:SS): " + t);
            }
            // nft reads the day of the month as 1 to 31 in every month and lets mktime carry it on
            // (2022-02-29 is 2022-03-01), as strptime and mktime do
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1,
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))
                    .plusDays(Integer.parseInt(m.group(3)) - 1L);
            nanos = local.atZone(TimeZoneScope.current()).toEpochSecond() * 1_000_000_000L;
        }
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (nanos >>> (8 * i));
        }
        return Bytes.of(b);
    }

    static Bytes parseTimeOfDay(String t) {
        String u = Datatype.unquoted(t);
        if (!u.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
            throw new IllegalArgumentException("not a time of day (HH:MM[:SS]): " + t);
        }
        String[] parts = u.split(":");
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        int sec = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        if (h > 23 || m > 59 || sec > 59) {
            throw new IllegalArgumentException("not a time of day (00:00 to 23:59:59): " + t);
        }
        int offset = TimeZoneScope.current().getRules().getOffset(Instant.now()).getTotalSeconds();
        int utc = Math.floorMod(h * 3600 + m * 60 + sec - offset, 86400);
        return Bytes.u32(utc);
    }

    static Bytes parseDay(String t) {
        String u = Datatype.unquoted(t);
        for (int i = 0; i < DAYS.size(); i++) {
            if (DAYS.get(i).equalsIgnoreCase(u)) {
                return Bytes.u8(i);
            }
        }
        return Bytes.u8((int) Datatype.parseUnsigned(u, 6));
    }

    static String printDate(Bytes value) {
        long nanos = value.reversed().asBigEndian();
        LocalDateTime local = LocalDateTime.ofInstant(
                Instant.ofEpochSecond(nanos / 1_000_000_000L), TimeZoneScope.current());
        return "\"" + local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "\"";
    }

    static String printTimeOfDay(Bytes value) {
        int offset = TimeZoneScope.current().getRules().getOffset(Instant.now()).getTotalSeconds();
        int local = Math.floorMod(value.asU32() + offset, 86400);
        String hm = String.format("%02d:%02d", local / 3600, local / 60 % 60);
        return "\"" + (local % 60 == 0 ? hm : hm + String.format(":%02d", local % 60)) + "\"";
    }
}
