package nftlink.cgroup;

import nftlink.cgroup.json.Json;
import nftlink.cgroup.json.JsonValue;

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

    public JournalEntry {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses one line of {@code journalctl --output=json}.
     *
     * @throws CgroupDecodeException when the line is not a JSON object, or a field has a value of a kind journalctl never prints
     */
    public static JournalEntry parse(String line) {
        JsonValue.JsonObject object = Json.parseObject(line);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> m : object.members().entrySet()) {
            switch (m.getValue()) {
                case JsonValue.JsonString s -> fields.put(m.getKey(), s.value());
                case JsonValue.JsonArray a -> {
                    byte[] bytes = bytes(a);
                    if (bytes != null) {
                        fields.put(m.getKey(), new String(bytes, StandardCharsets.UTF_8));
                    } else if (!a.elements().stream().allMatch(e -> e instanceof JsonValue.JsonString
                            || e instanceof JsonValue.JsonArray)) {
                        throw new CgroupDecodeException("journal field " + m.getKey() + " is an array of neither bytes nor values");
                    }
                }
                case JsonValue.JsonNull n -> { }
                default -> throw new CgroupDecodeException("journal field " + m.getKey() + " has a value of unexpected type: "
                        + Json.write(m.getValue()));
            }
        }
        return new JournalEntry(fields);
    }

    /** The bytes of an array of numbers 0..255, or {@code null} when it is not one. */
    private static byte[] bytes(JsonValue.JsonArray a) {
        if (a.elements().isEmpty()) {
            return null;
        }
        byte[] out = new byte[a.elements().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(a.elements().get(i) instanceof JsonValue.JsonNumber n) || !n.text().matches("[0-9]{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(n.text());
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** The value of {@code name}, if present with a single value. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(Objects.requireNonNull(name, "name")));
    }

    /** Whether field {@code name} has exactly the value {@code value}. */
    public boolean has(String name, String value) {
        return value.equals(fields.get(name));
    }
}
