package nftlink.nftables.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The strict recursive-descent reader behind {@link JsonValue#parse}. */
final class JsonReader {

    /** How deep arrays and objects may nest unless the caller says otherwise (nft's JSON input). */
    static final int MAX_DEPTH = 512;

    private final String text;
    private final int maxDepth;
    private int at;
    private int depth;

    JsonReader(String text, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maximum depth " + maxDepth + " is below 1");
        }
        this.text = text;
        this.maxDepth = maxDepth;
    }

    JsonValue document() {
        skipWhitespace();
        JsonValue v = value();
        skipWhitespace();
        if (at != text.length()) {
            throw error("unexpected " + describe() + " after the JSON value");
        }
        return v;
    }

    private JsonValue value() {
        if (at >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new JsonValue.Str(string());
            case 't' -> literal("true", new JsonValue.Bool(true));
            case 'f' -> literal("false", new JsonValue.Bool(false));
            case 'n' -> literal("null", JsonValue.NULL);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw error("unexpected " + describe() + ", expected a value");
            }
        };
    }

    private JsonValue literal(String word, JsonValue v) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected " + describe() + ", expected a value");
        }
        at += word.length();
        return v;
    }

    private JsonValue object() {
        enter();
        at++;
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            at++;
            depth--;
            return new JsonValue.Obj(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describe() + ", expected a member name");
            }
            int nameAt = at;
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value();
            if (members.put(name, v) != null) {
                throw new JsonException("duplicate member \"" + name + "\"" + position(nameAt), null, nameAt);
            }
            skipWhitespace();
            if (peek() == ',') {
                at++;
            } else if (peek() == '}') {
                at++;
                depth--;
                return new JsonValue.Obj(members);
            } else {
                throw error("unexpected " + describe() + ", expected ',' or '}'");
            }
        }
    }

    private JsonValue array() {
        enter();
        at++;
        List<JsonValue> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            at++;
            depth--;
            return new JsonValue.Arr(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value());
            skipWhitespace();
            if (peek() == ',') {
                at++;
            } else if (peek() == ']') {
                at++;
                depth--;
                return new JsonValue.Arr(items);
            } else {
                throw error("unexpected " + describe() + ", expected ',' or ']'");
            }
        }
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth);
        }
    }

    private String string() {
        at++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return checkSurrogates(sb);
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c) + " in a string");
            }
            if (c != '\\') {
                sb.append(c);
                at++;
                continue;
            }
            at++;
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("incomplete \\u escape");
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = hexDigit(text.charAt(at + i));
                        if (d < 0) {
                            at += i;
                            throw error("invalid \\u escape");
                        }
                        v = v << 4 | d;
                    }
                    at += 4;
                    sb.append((char) v);
                }
                default -> {
                    at--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
        }
    }

    /** A string whose escapes left half a surrogate pair is no Unicode text (as jansson, nft's JSON library, says). */
    private String checkSurrogates(StringBuilder sb) {
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error("invalid Unicode '\\u" + String.format("%04X", (int) c) + "' (half a surrogate pair)");
            }
        }
        return sb.toString();
    }

    private JsonValue number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                at++;
            }
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            at++;
            if (!isDigit(peek())) {
                throw error("invalid number: digits expected after '.'");
            }
            while (isDigit(peek())) {
                at++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number: digits expected in the exponent");
            }
            while (isDigit(peek())) {
                at++;
            }
        }
        if (isDigit(peek())) {
            throw error("invalid number: leading zero");
        }
        try {
            return new JsonValue.Num(new BigDecimal(text.substring(start, at)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonException("number out of range" + position(start), null, start);
        }
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would take other scripts' digits too). */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private int peek() {
        return at < text.length() ? text.charAt(at) : -1;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("unexpected " + describe() + ", expected '" + c + "'");
        }
        at++;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private String describe() {
        if (at >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(at);
        return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    private JsonException error(String message) {
        return new JsonException(message + position(at), null, at);
    }

    private String position(int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return " at line " + line + ", column " + column;
    }
}
