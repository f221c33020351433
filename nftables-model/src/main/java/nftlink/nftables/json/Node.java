package nftlink.nftables.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON value with its path in the document, so that every schema error names
 * the element it is about ({@code $.nftables[3].add.rule.expr[1].match.right}).
 *
 * @param value the value
 * @param path  its JSON path
 */
record Node(JsonValue value, String path) {

    JsonException error(String message) {
        return JsonException.at(path, message);
    }

    boolean isNull() {
        return value instanceof JsonValue.Null;
    }

    JsonValue.Obj object() {
        if (value instanceof JsonValue.Obj o) {
            return o;
        }
        throw error("expected an object, found " + JsonDatatypeValues.kind(value));
    }

    List<Node> array() {
        if (!(value instanceof JsonValue.Arr a)) {
            throw error("expected an array, found " + JsonDatatypeValues.kind(value));
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < a.items().size(); i++) {
            out.add(new Node(a.items().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** The items of an array, or this value alone (nft writes one-item lists as the item). */
    List<Node> arrayOrSingle() {
        return value instanceof JsonValue.Arr ? array() : List.of(this);
    }

    /** The only member of a one-member object: its name and value. */
    Map.Entry<String, Node> single() {
        JsonValue.Obj o = object();
        if (o.members().size() != 1) {
            throw error("expected an object with exactly one member, found " + o.members().size() + " members "
                    + o.members().keySet());
        }
        Map.Entry<String, JsonValue> e = o.members().entrySet().iterator().next();
        return Map.entry(e.getKey(), new Node(e.getValue(), path + "." + e.getKey()));
    }

    Node member(String name) {
        JsonValue v = object().get(name);
        if (v == null) {
            throw error("missing \"" + name + "\"");
        }
        return new Node(v, path + "." + name);
    }

    Node optional(String name) {
        JsonValue v = object().get(name);
        return v == null ? null : new Node(v, path + "." + name);
    }

    /** Fails on members other than {@code allowed}. */
    void only(Set<String> allowed) {
        for (String k : object().members().keySet()) {
            if (!allowed.contains(k)) {
                throw JsonException.at(path + "." + k, "unknown member \"" + k + "\" (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    String string() {
        if (value instanceof JsonValue.Str s) {
            return s.value();
        }
        throw error("expected a string, found " + JsonDatatypeValues.kind(value));
    }

    boolean bool() {
        if (value instanceof JsonValue.Bool b) {
            return b.value();
        }
        throw error("expected true or false, found " + JsonDatatypeValues.kind(value));
    }

    /** A non-negative integer of at most {@code max}. */
    long number(long max) {
        if (!(value instanceof JsonValue.Num n)) {
            throw error("expected a number, found " + JsonDatatypeValues.kind(value));
        }
        BigInteger i = JsonDatatypeValues.integer(n, path);
        if (i.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error("number " + i + " is larger than " + max);
        }
        return i.longValueExact();
    }

    /** An integer in [{@code min}, {@code max}], possibly negative. */
    long signed(long min, long max) {
        if (!(value instanceof JsonValue.Num n)) {
            throw error("expected a number, found " + JsonDatatypeValues.kind(value));
        }
        try {
            BigInteger i = n.value().toBigIntegerExact();
            if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
                throw error("number " + i + " out of range [" + min + ", " + max + "]");
            }
            return i.longValueExact();
        } catch (ArithmeticException e) {
            throw error("not an integer: " + n.value());
        }
    }
}
