package nftlink.cgroup.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void parsesAJournalLine() {
        JsonValue.JsonObject o = Json.parseObject("""
                { "UNIT" : "postfix.service", "_PID":"1", "MESSAGE":[104,105], "BIG":null,
                  "n": -12.5e+3, "ok": true, "esc": "a\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00" }""");
        assertEquals(new JsonValue.JsonString("postfix.service"), o.get("UNIT"));
        assertEquals(new JsonValue.JsonArray(List.of(new JsonValue.JsonNumber("104"), new JsonValue.JsonNumber("105"))),
                o.get("MESSAGE"));
        assertEquals(new JsonValue.JsonNull(), o.get("BIG"));
        assertEquals(new JsonValue.JsonNumber("-12.5e+3"), o.get("n"));
        assertEquals(new JsonValue.JsonBoolean(true), o.get("ok"));
        assertEquals(new JsonValue.JsonString("a\"b\\c/\né😀"), o.get("esc"));
        assertEquals(List.of("UNIT", "_PID", "MESSAGE", "BIG", "n", "ok", "esc"), List.copyOf(o.members().keySet()));
    }

    @Test
    void isStrict() {
        for (String bad : List.of("", " ", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{a:1}", "'x'", "01", "1.",
                ".5", "-", "1e", "+1", "NaN", "tru", "nul", "\"\\x\"", "\"\\u12g4\"", "\"\\u12\"", "\"a\nb\"",
                "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "[1 2]", "\"unterminated", "// c\n1", "[\"\\\"]")) {
            assertThrows(JsonFormatException.class, () -> Json.parse(bad), bad);
        }
        assertThrows(JsonFormatException.class, () -> Json.parseObject("[1]"));
        assertEquals(new JsonValue.JsonNumber("0"), Json.parse(" 0 "));
    }

    @Test
    void limitsNesting() {
        String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertTrue(Json.parse(deep) instanceof JsonValue.JsonArray);
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> Json.parse(tooDeep));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
        assertThrows(JsonFormatException.class, () -> Json.parse("[".repeat(100_000)));
    }

    @Test
    void writesControlCharactersAndLoneSurrogatesEscaped() {
        assertEquals("\"\\u0001\\n\\ud800x\"", Json.write(new JsonValue.JsonString("\u0001\n\ud800x")));
    }

    @Property
    void writeThenParseIsIdentity(@ForAll("values") JsonValue value) {
        assertEquals(value, Json.parse(Json.write(value)));
    }

    @Property
    void arbitraryTextParsesOrFailsWithTheLibrarysException(@ForAll("jsonish") String text) {
        try {
            Json.parse(text);
        } catch (JsonFormatException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= text.length());
        }
    }

    @Property
    void truncatedTextFailsCleanly(@ForAll("values") JsonValue value, @ForAll("fractions") double keep) {
        String all = Json.write(value);
        String cut = all.substring(0, (int) (all.length() * keep));
        try {
            JsonValue parsed = Json.parse(cut);
            assertFalse(cut.isEmpty());
            assertTrue(parsed instanceof JsonValue.JsonNumber || cut.equals(all), "only a number can be cut into a valid value");
        } catch (JsonFormatException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 0.99);
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]:,\"\\ -0123456789.eEtrufalsn\u0001").ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(40),
                values().map(Json::write).map(s -> s.length() > 2 ? s.substring(1) : s));
    }

    @Provide
    Arbitrary<JsonValue> values() {
        return valuesUpTo(3);
    }

    private Arbitrary<JsonValue> valuesUpTo(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<JsonValue> inner = valuesUpTo(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar()),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(JsonValue.JsonArray::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner).ofMaxSize(3)
                        .map(m -> new JsonValue.JsonObject(new LinkedHashMap<String, JsonValue>(m)))));
    }

    private Arbitrary<JsonValue> scalar() {
        Arbitrary<JsonValue> number = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> new JsonValue.JsonNumber(Long.toString(l))),
                Arbitraries.doubles().map(d -> new JsonValue.JsonNumber(Double.toString(d).replace("E", "e")))
                        .filter(n -> Json.isNumber(n.text())));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(JsonValue.JsonString::new),
                number,
                Arbitraries.of(true, false).map(JsonValue.JsonBoolean::new),
                Arbitraries.just(new JsonValue.JsonNull()));
    }

    @Test
    void objectsKeepMemberOrder() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("z", new JsonValue.JsonNull());
        m.put("a", new JsonValue.JsonNull());
        assertEquals("{\"z\":null,\"a\":null}", Json.write(new JsonValue.JsonObject(m)));
    }
}
