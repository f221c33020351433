package nftlink.cgroup;

import nftlink.nftables.json.JsonException;
import nftlink.nftables.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One systemd journal entry as {@code journalctl --output=json} prints it: field
 * names to values. A field journalctl prints as an array of bytes (not valid
 * UTF-8) is decoded leniently; fields it prints as {@code null} (too large) or as
 * an array of several values are left out, since no single value can be trusted.
 *
 * @param fields field names to values
 */
public record JournalEntry(Map<String, String> fields) {

    /** How deep a journal line may nest: journalctl writes fields two levels deep at most. */
    static final int MAX_DEPTH = 64;

    /** Copies the fields, which must not be null. */
    public JournalEntry {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses one line of {@code journalctl --output=json}.
     *
     * @param line the line
     * @return the entry
     * @throws CgroupDecodeException when the line is not a JSON object, or a field has a value of a kind journalctl never prints
     */
    public static JournalEntry parse(String line) {
        JsonValue.Obj object = object(line);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> m : object.members().entrySet()) {
            switch (m.getValue()) {
                case JsonValue.Str s -> fields.put(m.getKey(), s.value());
                case JsonValue.Arr a -> {
                    byte[] bytes = bytes(a);
                    if (bytes != null) {
                        fields.put(m.getKey(), new String(bytes, StandardCharsets.UTF_8));
                    } else if (!a.items().stream().allMatch(e -> e instanceof JsonValue.Str
                            || e instanceof JsonValue.Arr)) {
                        throw new CgroupDecodeException("journal field " + m.getKey() + " is an array of neither bytes nor values");
                    }
                }
                case JsonValue.Null n -> { }
                default -> throw new CgroupDecodeException("journal field " + m.getKey() + " has a value of unexpected type: "
                        + m.getValue().toJson());
            }
        }
        return new JournalEntry(fields);
    }

    /** The line as a JSON object; a syntax error is a decode error of the cgroup layer. */
    private static JsonValue.Obj object(String line) {
        JsonValue value;
        try {
            value = JsonValue.parse(line, MAX_DEPTH);
        } catch (JsonException e) {
            throw new CgroupDecodeException("journal line is not JSON: " + e.getMessage());
        }
        if (value instanceof JsonValue.Obj o) {
            return o;
        }
        throw new CgroupDecodeException("journal line is not a JSON object");
    }

    /** The bytes of an array of numbers 0..255, or {@code null} when it is not one. */
    private static byte[] bytes(JsonValue.Arr a) {
        if (a.items().isEmpty()) {
            return null;
        }
        byte[] out = new byte[a.items().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(a.items().get(i) instanceof JsonValue.Num n) || !n.value().toString().matches("[0-9]{1,3}")) {
                return null;
            }
            int v = n.value().intValueExact();
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /**
     * The value of {@code name}, if present with a single value.
     *
     * @param name the field's name
     * @return the value, or empty
     */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Whether field {@code name} has exactly the value {@code value}.
     *
     * @param name the field's name
     * @param value the value
     * @return whether the field has it
     */
    public boolean has(String name, String value) {
        return value.equals(fields.get(name));
    }
}
