package nftlink.nftables.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON value: null, boolean, number, string, array or object. Objects keep
 * their members in insertion order (that is the order they are written in) but
 * compare equal regardless of order, as JSON objects are unordered.
 *
 * <p>{@link #parse} is a strict RFC 8259 reader (no comments, no trailing commas,
 * no leading zeros, no duplicate member names, nesting at most {@value JsonReader#MAX_DEPTH}
 * deep) that fails only with {@link JsonException}; {@link #toJson} writes the
 * one-line layout libnftables (jansson) prints: {@code {"a": 1, "b": [1, 2]}}.
 */
public sealed interface JsonValue {

    /** {@code null}. */
    record Null() implements JsonValue {
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the boolean
     */
    record Bool(boolean value) implements JsonValue {
    }

    /**
     * A number, exactly as written.
     *
     * @param value the number; not null
     */
    record Num(BigDecimal value) implements JsonValue {
        /** Checks the component: {@code value} must not be null. */
        public Num {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && value.compareTo(n.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }
    }

    /**
     * A string.
     *
     * @param value the string; not null
     */
    record Str(String value) implements JsonValue {
        /** Checks the component: {@code value} must not be null. */
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An array.
     *
     * @param items the items, in order
     */
    record Arr(List<JsonValue> items) implements JsonValue {
        /** Copies {@code items}, which must not be null or hold null. */
        public Arr {
            items = List.copyOf(items);
        }
    }

    /**
     * An object; member order is kept for writing and ignored by {@code equals}.
     *
     * @param members the members by name
     */
    record Obj(Map<String, JsonValue> members) implements JsonValue {
        /** Copies {@code members} in order; names and values must not be null. */
        public Obj {
            LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
            members.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, "value")));
            members = Collections.unmodifiableMap(copy);
        }

        /**
         * The member named {@code name}, or {@code null}.
         *
         * @param name the member's name
         * @return the member's value, or {@code null} when this is not an object or has no such member
         */
        public JsonValue get(String name) {
            return members.get(name);
        }
    }

    /** The {@code null} value. */
    JsonValue NULL = new Null();

    /**
     * A number.
     *
     * @param n the number
     * @return the JSON number
     */
    static JsonValue of(long n) {
        return new Num(BigDecimal.valueOf(n));
    }

    /**
     * A string.
     *
     * @param s the string; not null
     * @return the JSON string
     */
    static JsonValue of(String s) {
        return new Str(s);
    }

    /**
     * A boolean.
     *
     * @param b the boolean
     * @return the JSON boolean
     */
    static JsonValue of(boolean b) {
        return new Bool(b);
    }

    /**
     * An array.
     *
     * @param items the items, in order
     * @return the JSON array
     */
    static JsonValue array(List<JsonValue> items) {
        return new Arr(items);
    }

    /**
     * An object built member by member, in order.
     *
     * @return an empty builder
     */
    static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /** Builds an {@link Obj} keeping the order members are put in. */
    final class ObjectBuilder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private ObjectBuilder() {
        }

        /**
         * Adds a member.
         *
         * @param name the member's name
         * @param value the member's value
         * @return this builder
         */
        public ObjectBuilder put(String name, JsonValue value) {
            members.put(name, value);
            return this;
        }

        /**
         * Adds a string member.
         *
         * @param name the member's name
         * @param value the member's value
         * @return this builder
         */
        public ObjectBuilder put(String name, String value) {
            return put(name, new Str(value));
        }

        /**
         * Adds a number member.
         *
         * @param name the member's name
         * @param value the member's value
         * @return this builder
         */
        public ObjectBuilder put(String name, long value) {
            return put(name, JsonValue.of(value));
        }

        /**
         * The object.
         *
         * @return the object with the members added so far
         */
        public Obj build() {
            return new Obj(members);
        }
    }

    /**
     * A one-member object {@code {"name": value}}.
     *
     * @param name the member's name
     * @param value the member's value
     * @return the object
     */
    static Obj single(String name, JsonValue value) {
        return object().put(name, value).build();
    }

    /**
     * Parses a JSON text (surrounding whitespace allowed).
     *
     * @throws JsonException for text that is not exactly one well-formed JSON value
     * @param text the JSON text
     * @return the value
     */
    static JsonValue parse(String text) {
        return new JsonReader(text, JsonReader.MAX_DEPTH).document();
    }

    /**
     * Parses a JSON text whose arrays and objects nest at most {@code maxDepth} deep; for inputs
     * with a known flat shape (a journal entry), where deep nesting can only be hostile.
     *
     * @throws JsonException for text that is not exactly one well-formed JSON value
     * @param text the JSON text
     * @param maxDepth how deep arrays and objects may nest
     * @return the value
     */
    static JsonValue parse(String text, int maxDepth) {
        return new JsonReader(text, maxDepth).document();
    }

    /**
     * The value as libnftables prints it: one line, {@code ", "} and {@code ": "} as separators.
     *
     * @return the JSON text
     */
    default String toJson() {
        StringBuilder sb = new StringBuilder();
        write(this, sb);
        return sb.toString();
    }

    private static void write(JsonValue v, StringBuilder sb) {
        switch (v) {
            case Null n -> sb.append("null");
            case Bool b -> sb.append(b.value());
            case Num n -> sb.append(n.value().toString());
            case Str s -> quote(s.value(), sb);
            case Arr a -> {
                sb.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(a.items().get(i), sb);
                }
                sb.append(']');
            }
            case Obj o -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    quote(e.getKey(), sb);
                    sb.append(": ");
                    write(e.getValue(), sb);
                }
                sb.append('}');
            }
        }
    }

    /**
     * A JSON string literal as jansson writes it: quotes, backslashes and control characters escaped;
     * half a surrogate pair (which no UTF-8 text holds) escaped too, so that it is not lost in encoding.
     *
     * @param s the string
     * @param sb where the literal is appended
     */
    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        if (Character.isHighSurrogate(s.charAt(i))) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * Convenience for building arrays.
     *
     * @param items the items, in order
     * @return the JSON array
     */
    static JsonValue array(JsonValue... items) {
        return new Arr(new ArrayList<>(List.of(items)));
    }
}
