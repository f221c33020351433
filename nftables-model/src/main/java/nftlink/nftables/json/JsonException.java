package nftlink.nftables.json;

import nftlink.netlink.NftlinkException;

/**
 * A JSON document that is not well-formed, or that does not follow the
 * libnftables schema. Syntax errors carry the character offset (with line and
 * column in the message); schema errors carry the JSON path of the offending
 * element, e.g. {@code $.nftables[2].add.rule.expr[0].match.left}.
 */
public final class JsonException extends NftlinkException {

    /** The JSON path of the offending element, or {@code null} for a syntax error. */
    private final String path;
    /** The character offset of a syntax error, or -1. */
    private final int offset;

    /**
     * A syntax or schema error; the message is {@code path: message}, or the message alone.
     *
     * @param message what is wrong
     * @param path    the JSON path of the offending element, or {@code null} for syntax errors
     * @param offset  the character offset of a syntax error, or -1
     */
    public JsonException(String message, String path, int offset) {
        super(path != null ? cut(path, 300) + ": " + cut(message, 600) : cut(message, 600));
        this.path = path;
        this.offset = offset;
    }

    /** Long paths and messages (a megabyte-long member name) are cut for the message; {@link #path()} keeps all. */
    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /**
     * A schema error at {@code path}.
     *
     * @param path    the JSON path of the offending element
     * @param message what is wrong
     * @return the exception, not thrown
     */
    public static JsonException at(String path, String message) {
        return new JsonException(message, path, -1);
    }

    /**
     * The JSON path of the offending element.
     *
     * @return the path, or {@code null} for a syntax error
     */
    public String path() {
        return path;
    }

    /**
     * Whether the text is not JSON at all (rather than JSON that is not an nftables document).
     *
     * @return true for a syntax error
     */
    public boolean isSyntaxError() {
        return offset >= 0;
    }

    /**
     * The character offset of a syntax error.
     *
     * @return the offset from 0, or -1 for a schema error
     */
    public int offset() {
        return offset;
    }
}
