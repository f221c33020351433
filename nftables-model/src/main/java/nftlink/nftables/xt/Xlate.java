package nftlink.nftables.xt;

/**
 * The text an xtables extension's translation builds, with libxtables' spacing:
 * a piece that starts with a letter, digit or bracket gets a space before it unless
 * the text so far ends in white space, and trailing white space is dropped at the end.
 */
final class Xlate {
    private final StringBuilder text = new StringBuilder();

    /** Appends {@code piece}, spaced as {@code xt_xlate_add} spaces it. */
    Xlate add(String piece) {
        if (!text.isEmpty() && !piece.isEmpty() && !Character.isWhitespace(text.charAt(text.length() - 1))) {
            char first = piece.charAt(0);
            if (first < 0x80 && Character.isLetterOrDigit(first) || "()[]{}".indexOf(first) >= 0) {
                text.append(' ');
            }
        }
        text.append(piece);
        return this;
    }

    /** The text, without trailing white space. */
    String text() {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code value} as C's {@code %x} prints it (unsigned, lower-case, no leading zeros). */
    static String hex(int value) {
        return Integer.toHexString(value);
    }

    /** {@code value} as C's {@code %u} prints it. */
    static String unsigned(int value) {
        return Integer.toUnsignedString(value);
    }

    /** Whether {@code s} is plain printable ASCII, which nft prints as it is. */
    static boolean printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
