package nftlink.nftables.parse;

import nftlink.nftables.lang.ByteUnit;
import nftlink.nftables.TimeUnit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Limit rates as nft writes them: {@code 10/second}, {@code 10 / second},
 * {@code 1 mbytes/second}, {@code 1 mbytes / second}.
 *
 * @param rate   packets or bytes per period
 * @param period the period
 * @param bytes  whether the rate counts bytes
 */
record Rates(long rate, TimeUnit period, boolean bytes) {

    private static final Pattern PACKET_RATE = Pattern.compile("(\\d+)/(\\w+)");
    private static final Pattern NUMBER_SLASH = Pattern.compile("(\\d+)/");

    static Rates parse(Cursor c) {
        Token first = c.peek();
        Matcher packets = PACKET_RATE.matcher(first.text());
        if (first.kind() == Token.Kind.WORD && packets.matches()) {
            c.next();
            return new Rates(Cursor.at(first, () -> Long.parseLong(packets.group(1))), period(first, packets.group(2)), false);
        }
        Matcher numberSlash = NUMBER_SLASH.matcher(first.text());
        if (first.kind() == Token.Kind.WORD && numberSlash.matches()) {
            c.next();
            Token unit = c.expect(Token.Kind.WORD, "second, minute, hour, day or week");
            return new Rates(Cursor.at(first, () -> Long.parseLong(numberSlash.group(1))), period(unit, unit.text()), false);
        }
        long n = c.number("a rate such as 10/second or 1 mbytes/second");
        Token unit = c.expect(Token.Kind.WORD, "/second, or a byte unit such as mbytes/second");
        String text = unit.text();
        if (text.equals("/")) {
            Token period = c.expect(Token.Kind.WORD, "second, minute, hour, day or week");
            return new Rates(n, period(period, period.text()), false);
        }
        if (text.startsWith("/")) {
            return new Rates(n, period(unit, text.substring(1)), false);
        }
        int slash = text.indexOf('/');
        String byteUnit = slash < 0 ? text : text.substring(0, slash);
        String periodText;
        Token periodToken = unit;
        if (slash >= 0 && slash + 1 < text.length()) {
            periodText = text.substring(slash + 1);
        } else if (slash < 0 && c.peek().kind() == Token.Kind.WORD && c.peek().text().startsWith("/") && c.peek().text().length() > 1) {
            periodToken = c.next();
            periodText = periodToken.text().substring(1);
        } else {
            if (slash < 0) {
                c.expect("/");
            }
            periodToken = c.expect(Token.Kind.WORD, "second, minute, hour, day or week");
            periodText = periodToken.text();
        }
        long rate = n * byteUnit(unit, byteUnit);
        return new Rates(rate, period(periodToken, periodText), true);
    }

    /** The number of bytes in one {@code unit} ({@code bytes}, {@code kbytes}, {@code mbytes}), as nft has them. */
    static long byteUnit(Token t, String unit) {
        return ByteUnit.named(unit).orElseThrow(() -> Cursor.error(t, "Wrong unit format, expecting " + ByteUnit.names()))
                .bytes();
    }

    /** The period named {@code unit}. */
    static TimeUnit period(Token t, String unit) {
        return TimeUnit.named(unit).orElseThrow(() -> Cursor.error(t, "unknown time unit " + unit + " (expected "
                + TimeUnit.names() + ")"));
    }
}
