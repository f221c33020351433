package nftlink.nftables.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's strictness and limits with a caller's depth limit, as the cgroup layer reads
 * journal lines (these tests came with the reader the cgroup module had before it used this one).
 */
class JsonReaderTest {

    private static final int JOURNAL_DEPTH = 64;

    private static JsonValue parse(String text) {
        return JsonValue.parse(text, JOURNAL_DEPTH);
    }

    private static JsonValue number(String text) {
        return new JsonValue.Num(new BigDecimal(text));
    }

    @Test
    void parsesAJournalLine() {
        JsonValue.Obj o = (JsonValue.Obj) parse("""
                { "UNIT" : "postfix.service", "_PID":"1", "MESSAGE":[104,105], "BIG":null,
                  "n": -12.5e+3, "ok": true, "esc": "a\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00" }""");
        assertEquals(new JsonValue.Str("postfix.service"), o.get("UNIT"));
        assertEquals(new JsonValue.Arr(List.of(number("104"), number("105"))), o.get("MESSAGE"));
        assertEquals(JsonValue.NULL, o.get("BIG"));
        assertEquals(number("-12.5e+3"), o.get("n"));
        assertEquals(new JsonValue.Bool(true), o.get("ok"));
        assertEquals(new JsonValue.Str("a\"b\\c/\né😀"), o.get("esc"));
        assertEquals(List.of("UNIT", "_PID", "MESSAGE", "BIG", "n", "ok", "esc"), List.copyOf(o.members().keySet()));
    }

    @Test
    void isStrict() {
        for (String bad : List.of("", " ", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{a:1}", "'x'", "01", "1.",
                ".5", "-", "1e", "+1", "NaN", "tru", "nul", "\"\\x\"", "\"\\u12g4\"", "\"\\u12\"", "\"a\nb\"",
                "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "[1 2]", "\"unterminated", "// c\n1", "[\"\\\"]",
                "\"\\u\uff10\uff10\uff14\uff11\"", "\"\\ud800\"", "\"\\ude00x\"")) {
            assertThrows(JsonException.class, () -> parse(bad), bad);
        }
        assertEquals(number("0"), parse(" 0 "));
    }

    @Test
    void limitsNesting() {
        String deep = "[".repeat(JOURNAL_DEPTH) + "]".repeat(JOURNAL_DEPTH);
        assertTrue(parse(deep) instanceof JsonValue.Arr);
        String tooDeep = "[".repeat(JOURNAL_DEPTH + 1) + "]".repeat(JOURNAL_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> parse(tooDeep));
        assertTrue(e.getMessage().contains("nesting deeper than 64"), e.getMessage());
        assertTrue(JsonValue.parse(tooDeep) instanceof JsonValue.Arr, "nft's own limit is deeper");
        assertThrows(JsonException.class, () -> parse("[".repeat(100_000)));
        assertThrows(IllegalArgumentException.class, () -> JsonValue.parse("1", 0));
    }

    @Test
    void writesControlCharactersAndLoneSurrogatesEscaped() {
        assertEquals("\"\\u0001\\n\\ud800x\"", new JsonValue.Str("\u0001\n\ud800x").toJson());
        assertEquals("\"\ud83d\ude00\"", new JsonValue.Str("\ud83d\ude00").toJson());
    }

    @Test
    void errorsAreCut() {
        String name = "x".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> parse("{\"" + name + "\":1,\"" + name + "\":2}"));
        assertTrue(e.getMessage().length() < 1_000, "message of " + e.getMessage().length() + " characters");
    }

    @Property
    void writeThenParseIsIdentity(@ForAll("values") JsonValue value) {
        assertEquals(value, parse(value.toJson()));
    }

    @Property
    void arbitraryTextParsesOrFailsWithTheLibrarysException(@ForAll("jsonish") String text) {
        try {
            parse(text);
        } catch (JsonException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= text.length());
        }
    }

    @Property
    void truncatedTextFailsCleanly(@ForAll("values") JsonValue value, @ForAll("fractions") double keep) {
        String all = value.toJson();
        String cut = all.substring(0, (int) (all.length() * keep));
        try {
            JsonValue parsed = parse(cut);
            assertFalse(cut.isEmpty());
            assertTrue(parsed instanceof JsonValue.Num || cut.equals(all), "only a number can be cut into a valid value");
        } catch (JsonException expected) {
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
                values().map(JsonValue::toJson).map(s -> s.length() > 2 ? s.substring(1) : s));
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
                Tuple.of(3, scalar()),
                Tuple.of(1, inner.list().ofMaxSize(3).map(JsonValue.Arr::new)),
                Tuple.of(1, Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner).ofMaxSize(3)
                        .map(m -> new JsonValue.Obj(new LinkedHashMap<String, JsonValue>(m)))));
    }

    private Arbitrary<JsonValue> scalar() {
        Arbitrary<JsonValue> number = Arbitraries.oneOf(
                Arbitraries.longs().map(JsonValue::of),
                Arbitraries.doubles().filter(Double::isFinite).map(d -> number(Double.toString(d))));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(JsonValue.Str::new),
                number,
                Arbitraries.of(true, false).map(JsonValue.Bool::new),
                Arbitraries.just(JsonValue.NULL));
    }

    @Test
    void objectsKeepMemberOrder() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("z", JsonValue.NULL);
        m.put("a", JsonValue.NULL);
        assertEquals("{\"z\": null, \"a\": null}", new JsonValue.Obj(m).toJson());
    }
}
