package nftlink.nftables.lang;

import nftlink.nftables.expr.Verdict;

import java.util.List;

/**
 * One element of a set or map as nft lists it: the key's parts (each a value, a prefix or a
 * range, bytes in the datatype's own order), what it carries and what it maps to.
 *
 * @param key        the key's parts, or {@code null} for the catch-all element {@code *}
 * @param statements its stateful statements ({@code counter packets 0 bytes 0}, ...)
 * @param timeout    its timeout in milliseconds, or 0
 * @param expiration milliseconds until it expires, or 0
 * @param comment    its comment, or {@code null}
 * @param verdict    the verdict it maps to, or {@code null}
 * @param data       the data it maps to, one value (or range or prefix) per part, or {@code null}
 * @param object     the name of the object it maps to, or {@code null}
 */
public record ListedElement(List<Value> key, List<Statement> statements, long timeout, long expiration, String comment,
                            Verdict verdict, List<Value> data, String object) {

    /** Copies the lists; the key and data may be null. */
    public ListedElement {
        key = key == null ? null : List.copyOf(key);
        statements = List.copyOf(statements);
        data = data == null ? null : List.copyOf(data);
    }

    /**
     * Whether this is the catch-all element.
     *
     * @return whether the key is {@code *}
     */
    public boolean isCatchAll() {
        return key == null;
    }
}
