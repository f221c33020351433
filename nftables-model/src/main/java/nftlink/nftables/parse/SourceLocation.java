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

    /** Checks the components: file and line text not null; the end column at least the column. */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lineText, "lineText");
        endColumn = Math.max(column, endColumn);
    }

    /**
     * {@code FILE:LINE:COL-END}, as nft prints locations.
     *
     * @return the position
     */
    public String position() {
        return file + ":" + line + ":" + column + "-" + endColumn;
    }

    /**
     * The source line and, below it, carets under the located text; whitespace
     * before the carets copies the line's tabs so the carets line up.
     *
     * @return two lines: the source line and the carets
     */
    public String caret() {
        int start = 0;
        int end = lineText.length();
        boolean window = end > MAX_LINE;
        if (window) {
            start = Math.max(0, Math.min(column - 1 - CONTEXT, end - MAX_LINE));
            end = Math.min(lineText.length(), start + MAX_LINE);
        }
        String before = start > 0 ? "..." : "";
        StringBuilder sb = new StringBuilder(before).append(lineText, start, end)
                .append(end < lineText.length() ? "..." : "").append('\n').append(" ".repeat(before.length()));
        for (int i = start + 1; i < column; i++) {
            sb.append(i - 1 < lineText.length() && lineText.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        int width = endColumn - column + 1;
        sb.append("^".repeat(window ? Math.max(1, Math.min(width, end - (column - 1))) : width));
        return sb.toString();
    }

    /**
     * A location spanning from this one to {@code end} (on this line when {@code end} is on another).
     *
     * @param end where the span ends
     * @return the location
     */
    public SourceLocation to(SourceLocation end) {
        if (end == null || !end.file.equals(file) || end.line != line) {
            return this;
        }
        return new SourceLocation(file, line, column, Math.max(endColumn, end.endColumn), lineText);
    }
}
