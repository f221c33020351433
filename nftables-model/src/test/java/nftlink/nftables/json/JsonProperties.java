package nftlink.nftables.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON reader and writer: whatever is written reads back equal; text that
 * is not JSON fails with {@link JsonException} only, never anything else.
 */
class JsonProperties {

    @Provide
    Arbitrary<JsonValue> values() {
        return Arbitraries.recursive(this::scalar, this::container, 0, 4);
    }

    private Arbitrary<JsonValue> container(Arbitrary<JsonValue> inner) {
        Arbitrary<JsonValue> arrays = inner.list().ofMaxSize(4).map(JsonValue::array);
        Arbitrary<JsonValue> objects = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6).map(JsonProperties::unicode), inner).ofMaxSize(4)
                .map(m -> new JsonValue.Obj(new LinkedHashMap<>(m)));
        return Arbitraries.oneOf(arrays, objects);
    }

    private Arbitrary<JsonValue> scalar() {
        Arbitrary<JsonValue> strings = Arbitraries.strings().all().ofMaxLength(12).map(JsonProperties::unicode).map(JsonValue::of);
        Arbitrary<JsonValue> longs = Arbitraries.longs().map(JsonValue::of);
        Arbitrary<JsonValue> decimals = Arbitraries.bigDecimals().ofScale(3).map(d -> new JsonValue.Num(d));
        Arbitrary<JsonValue> fixed = Arbitraries.of(JsonValue.NULL, JsonValue.of(true), JsonValue.of(false));
        return Arbitraries.oneOf(strings, longs, decimals, fixed);
    }

    /** Unicode text: half surrogate pairs (which JSON readers such as nft's refuse) replaced. */
    private static String unicode(String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int i = 0; i < sb.length(); i++) {
            if (Character.isHighSurrogate(sb.charAt(i)) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(sb.charAt(i))) {
                sb.setCharAt(i, '?');
            }
        }
        return sb.toString();
    }

    @Property(tries = 500)
    void writtenValuesReadBackEqual(@ForAll("values") JsonValue v) {
        String text = v.toJson();
        JsonValue back = JsonValue.parse(text);
        assertThat(back).isEqualTo(v);
        assertThat(back.toJson()).isEqualTo(text);
    }

    @Property(tries = 300)
    void writtenTextHasNoRawControlCharacters(@ForAll("values") JsonValue v) {
        assertThat(v.toJson().chars().noneMatch(c -> c < 0x20)).isTrue();
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("{}[]\":,-+.eE0123456789tfnrulsa\\ \n/u").ofMaxLength(30);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(30);
        return Arbitraries.oneOf(alphabet, any);
    }

    @Property(tries = 2000)
    void randomTextParsesOrFailsWithJsonException(@ForAll("noise") String text) {
        try {
            JsonValue.parse(text);
        } catch (JsonException e) {
            assertThat(e.offset()).isBetween(0, text.length());
        }
    }

    @Property(tries = 500)
    void mutatedDocumentsParseOrFailWithJsonException(@ForAll("values") JsonValue v,
                                                      @ForAll("mutations") List<Integer> cuts) {
        String text = v.toJson();
        StringBuilder sb = new StringBuilder(text);
        for (int c : cuts) {
            if (sb.isEmpty()) {
                break;
            }
            int at = Math.floorMod(c, sb.length());
            if (c % 2 == 0) {
                sb.deleteCharAt(at);
            } else {
                sb.insert(at, "{[\",:]}".charAt(Math.floorMod(c, 7)));
            }
        }
        try {
            JsonValue.parse(sb.toString());
        } catch (JsonException e) {
            assertThat(e.getMessage()).contains("line");
        }
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(3);
    }

    @Example
    void strictness() {
        for (String bad : List.of("", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "NaN", "[1] [2]", "{\"a\":1,\"a\":2}",
                "\"\\x\"", "\"a\nb\"", "{a:1}", "'a'", "[", "\"\\ud8\"", "tru", "1e", "-", "// c\n1")) {
            assertThatThrownBy(() -> JsonValue.parse(bad)).as(bad).isInstanceOf(JsonException.class);
        }
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonValue.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("nesting");
        assertThat(JsonValue.parse(" {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"]} ")).isEqualTo(JsonValue.single("a",
                JsonValue.array(JsonValue.of(1), new JsonValue.Num(new BigDecimal("-2500")), JsonValue.of(true), JsonValue.NULL,
                        JsonValue.of("é\n"))));
        assertThat(JsonValue.parse("{\"b\": 1, \"a\": {}}").toJson()).isEqualTo("{\"b\": 1, \"a\": {}}");
        assertThatThrownBy(() -> JsonValue.parse("{\"a\": tx}")).hasMessage("unexpected 't', expected a value at line 1, column 7");
    }
}
