package nftlink.nftables.parse;

import java.util.Objects;

/**
 * Where a token lies in the parsed text: file name, line, first and last column
 * (1-based, inclusive) and the text of that line, for error messages with a caret.
 *
 * @param file      the file name as given ({@code /dev/stdin}, {@code <cmdline>}, a path)
 * @param line      1-based line number
 * @param column    1-based first column
 * @param endColumn 1-based last column (at least {@code column})
 * @param lineText  the source line, without its line break
 */
public record SourceLocation(String file, int line, int column, int endColumn, String lineText) {

    /** Longer source lines are shown as a window around the located text. */
    private static final int MAX_LINE = 160;
    private static final int CONTEXT = 40;

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lineText, "lineText");
        endColumn = Math.max(column, endColumn);
    }

    /** {@code FILE:LINE:COL-END}, as nft prints locations. */
    public String position() {
        return file + ":" + line + ":" + column + "-" + endColumn;
    }

    /**
     * The source line and, below it, carets under the located text; whitespace
     * before the carets copies the line's tabs so the carets line up.
     */
    public String caret() {
        String text = lineText;
        int from = 0;
        if (text.length() > MAX_LINE) {
            from = Math.max(0, Math.min(column - 1 - CONTEXT, text.length() - MAX_LINE));
            int to = Math.min(text.length(), from + MAX_LINE);
            text = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
            from -= from > 0 ? 3 : 0;
        }
        StringBuilder sb = new StringBuilder(text).append('\n');
        for (int i = 1 + from; i < column; i++) {
            sb.append(i - 1 < lineText.length() && lineText.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        sb.append("^".repeat(Math.max(1, Math.min(endColumn - column + 1, text.length() - (column - 1 - from)))));
        return sb.toString();
    }

    /** A location spanning from this one to {@code end} (on this line when {@code end} is on another). */
    public SourceLocation to(SourceLocation end) {
        if (end == null || !end.file.equals(file) || end.line != line) {
            return this;
        }
        return new SourceLocation(file, line, column, Math.max(endColumn, end.endColumn), lineText);
    }
}
