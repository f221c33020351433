package nftlink.nftables.lang;

import nftlink.nftables.expr.NftData;

import java.util.List;
import java.util.Objects;

/**
 * One element of a set or map as written, in nft text or JSON: its key (a value, prefix, range or
 * the catch-all {@code *}, as key-layout bytes), what it maps to, and what it carries.
 *
 * @param key        the key: {@link Value.Single}, {@link Value.Prefix}, {@link Value.Range} or {@link Value.CatchAll}
 * @param data       map data (value or verdict), or {@code null}
 * @param objectRef  the object an object map maps the key to, or {@code null}
 * @param timeout    the element's timeout in milliseconds, or 0
 * @param expiration milliseconds until it expires, or 0
 * @param comment    the comment, or {@code null}
 * @param statements the element's stateful statements ({@code counter}, {@code limit ...}, ...)
 */
public record SetElementSpec(Value key, NftData data, String objectRef, long timeout, long expiration, String comment,
                             List<Statement> statements) {

    /** Checks the components: a key that is a value, prefix, range or catch-all; copies the statements. */
    public SetElementSpec {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof Value.Single || key instanceof Value.Prefix || key instanceof Value.Range
                || key instanceof Value.CatchAll)) {
            throw new IllegalArgumentException("an element is a value, a prefix, a range or *");
        }
        statements = List.copyOf(statements);
        for (Statement s : statements) {
            if (!StatefulStatements.isStateful(s)) {
                throw new IllegalArgumentException("unsupported: " + s + " in a set element");
            }
        }
    }

    /**
     * An element with only a key (and data, for a map).
     *
     * @param key the key
     * @param data the data, or {@code null} for a set
     * @return the element
     */
    public static SetElementSpec of(Value key, NftData data) {
        return new SetElementSpec(key, data, null, 0, 0, null, List.of());
    }
}
