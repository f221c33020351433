package nftlink.examples.cli.docs;

import java.util.Locale;

/** Text as man(7) reads it. */
final class Troff {
    private Troff() {
    }

    /** {@code text} with backslashes, hyphens and line-leading dots or quotes escaped. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    /** Bold. */
    static String bold(String text) {
        return "\\fB" + escape(text) + "\\fR";
    }

    /** Italic. */
    static String italic(String text) {
        return "\\fI" + escape(text) + "\\fR";
    }

    /**
     * A command form with its literal words in bold and its placeholders ({@code FAMILY},
     * {@code <filename>}) in italics; brackets, bars and dots stay plain.
     */
    static String form(String synopsis) {
        StringBuilder sb = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (char ch : (synopsis + " ").toCharArray()) {
            if (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '<' || ch == '>' || ch == '=') {
                word.append(ch);
                continue;
            }
            if (!word.isEmpty()) {
                String w = word.toString();
                boolean placeholder = w.equals(w.toUpperCase(Locale.ROOT)) && !w.startsWith("-") || w.startsWith("<");
                sb.append(placeholder ? italic(w) : bold(w));
                word.setLength(0);
            }
            sb.append(escape(String.valueOf(ch)));
        }
        return sb.toString().stripTrailing();
    }
}
