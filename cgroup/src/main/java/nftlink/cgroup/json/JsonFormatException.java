package nftlink.cgroup.json;

import nftlink.cgroup.CgroupDecodeException;

/** A text is not valid JSON, or exceeds the parser's limits; carries the offset where it went wrong. */
public class JsonFormatException extends CgroupDecodeException {
    private final int offset;

    public JsonFormatException(String message, int offset) {
        super("invalid JSON at offset " + offset + ": " + message);
        this.offset = offset;
    }

    /** The character offset of the problem. */
    public int offset() {
        return offset;
    }
}
