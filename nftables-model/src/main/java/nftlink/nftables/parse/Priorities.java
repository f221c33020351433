package nftlink.nftables.parse;

import nftlink.nftables.ChainPriority;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a priority as nft writes it: {@code NUMBER}, {@code NAME}, {@code NAME + N}, {@code NAME - N}. */
final class Priorities {
    private static final Pattern NAMED = Pattern.compile("([a-z]+)(?:([+-])(0x[0-9a-fA-F]+|\\d+))?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(0x[0-9a-fA-F]+|\\d+)");

    private Priorities() {
    }

    /**
     * The priority at the cursor, names taken as they are for {@code family} and {@code hook}.
     *
     * @param validFor how an error names what the name was not valid for, e.g. {@code for a flowtable (filter is)}
     */
    static int read(Cursor c, Family family, Hook hook, String validFor) {
        Token first = c.peek();
        StringBuilder text = new StringBuilder();
        SourceLocation where = first.location();
        while (c.peek().kind() == Token.Kind.WORD) {
            Token t = c.next();
            text.append(t.text());
            where = where.to(t.location());
        }
        if (text.isEmpty()) {
            throw c.unexpected("a priority (a number or a name such as filter)");
        }
        Token all = new Token(Token.Kind.WORD, text.toString(), where);
        String s = text.toString();
        if (NUMBER.matcher(s).matches()) {
            return Cursor.at(all, () -> number(s));
        }
        Matcher m = NAMED.matcher(s);
        if (!m.matches()) {
            throw Cursor.error(all, "not a priority: " + s + " (expected a number, or a name such as filter with an optional + N or - N)");
        }
        OptionalInt value = ChainPriority.valueOf(family, hook, m.group(1));
        if (value.isEmpty()) {
            throw Cursor.error(all, "priority name '" + m.group(1) + "' is not valid " + validFor);
        }
        int offset = m.group(2) == null ? 0 : Cursor.at(all, () -> number(m.group(3)));
        return value.getAsInt() + ("-".equals(m.group(2)) ? -offset : offset);
    }

    /** A number as nft reads it (strtol with base 0): hexadecimal after 0x, octal after a leading 0. */
    private static int number(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        long v = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16)
                : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits.substring(1), 8)
                : Long.parseLong(digits);
        v = negative ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("priority " + text + " out of range");
        }
        return (int) v;
    }
}
