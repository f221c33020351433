package nftlink.cgroup.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser and writer (RFC 8259): no comments, no trailing
 * commas, no duplicate member names, no control characters in strings, nothing
 * after the value but whitespace. Nesting is limited to {@value #MAX_DEPTH}
 * levels so hostile input cannot exhaust the stack.
 */
public final class Json {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonFormatException when {@code text} is not exactly one valid JSON value
     */
    public static JsonValue parse(String text) {
        Json p = new Json(text);
        p.skipWhitespace();
        JsonValue v = p.value(0);
        p.skipWhitespace();
        if (p.position != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    /**
     * Parses a text that must be a JSON object.
     *
     * @throws JsonFormatException when it is not valid JSON or not an object
     */
    public static JsonValue.JsonObject parseObject(String text) {
        if (parse(text) instanceof JsonValue.JsonObject o) {
            return o;
        }
        throw new JsonFormatException("expected an object", 0);
    }

    /** Writes {@code value} as compact JSON text. */
    public static String write(JsonValue value) {
        StringBuilder b = new StringBuilder();
        write(value, b);
        return b.toString();
    }

    private static void write(JsonValue value, StringBuilder b) {
        switch (value) {
            case JsonValue.JsonObject o -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    writeString(e.getKey(), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            }
            case JsonValue.JsonArray a -> {
                b.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(a.elements().get(i), b);
                }
                b.append(']');
            }
            case JsonValue.JsonString s -> writeString(s.value(), b);
            case JsonValue.JsonNumber n -> b.append(n.text());
            case JsonValue.JsonBoolean bool -> b.append(bool.value());
            case JsonValue.JsonNull n -> b.append("null");
        }
    }

    private static void writeString(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Whether {@code s} is a number by JSON's grammar. */
    static boolean isNumber(String s) {
        if (s == null) {
            return false;
        }
        Json p = new Json(s);
        try {
            p.numberText();
        } catch (JsonFormatException e) {
            return false;
        }
        return p.position == s.length();
    }

    private JsonValue value(int depth) {
        if (position >= text.length()) {
            throw error("unexpected end of text, expected a value");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonValue.JsonString(string());
            case 't' -> literal("true", new JsonValue.JsonBoolean(true));
            case 'f' -> literal("false", new JsonValue.JsonBoolean(false));
            case 'n' -> literal("null", new JsonValue.JsonNull());
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield new JsonValue.JsonNumber(numberText());
                }
                throw error("unexpected character " + describe(c));
            }
        };
    }

    private JsonValue.JsonObject object(int depth) {
        checkDepth(depth);
        position++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return new JsonValue.JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            int nameAt = position;
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value(depth);
            if (members.putIfAbsent(name, v) != null) {
                throw new JsonFormatException("duplicate member name \"" + name + "\"", nameAt);
            }
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                position++;
            } else if (c == '}') {
                position++;
                return new JsonValue.JsonObject(members);
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private JsonValue.JsonArray array(int depth) {
        checkDepth(depth);
        position++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return new JsonValue.JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                position++;
            } else if (c == ']') {
                position++;
                return new JsonValue.JsonArray(elements);
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        position++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                position--;
                throw error("control character " + describe(c) + " in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(position++);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(position + i), 16);
                        if (d < 0 || text.charAt(position + i) > 'f') {
                            throw error("invalid \\u escape");
                        }
                        v = v * 16 + d;
                    }
                    position += 4;
                    b.append((char) v);
                }
                default -> {
                    position--;
                    throw error("invalid escape \\" + e);
                }
            }
        }
    }

    private String numberText() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        return text.substring(start, position);
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue v) {
        if (!text.startsWith(word, position)) {
            throw error("invalid literal, expected " + word);
        }
        position += word.length();
        return v;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    /** The current character, or NUL at the end (NUL is never valid where it is checked). */
    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private JsonFormatException error(String message) {
        return new JsonFormatException(message, position);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
