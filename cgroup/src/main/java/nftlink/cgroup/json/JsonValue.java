package nftlink.cgroup.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A JSON value (RFC 8259), as {@link Json} parses and writes it. */
public sealed interface JsonValue {

    /** An object; members keep their order, names are unique. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
            for (Map.Entry<String, JsonValue> e : members.entrySet()) {
                Objects.requireNonNull(e.getKey(), "member name");
                Objects.requireNonNull(e.getValue(), "member value");
            }
        }

        /** The member named {@code name}, or {@code null}. */
        public JsonValue get(String name) {
            return members.get(name);
        }
    }

    /** An array. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /** A string. */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A number, kept as its exact text so that nothing is lost to rounding.
     *
     * @param text the number as written, valid by JSON's grammar
     */
    record JsonNumber(String text) implements JsonValue {
        public JsonNumber {
            if (!Json.isNumber(text)) {
                throw new IllegalArgumentException("not a JSON number: \"" + text + "\"");
            }
        }
    }

    /** {@code true} or {@code false}. */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
    }
}
