package org.jtls.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() throws JsonException {
        Object value = JsonReader.parse(" {\"s\": \"text\", \"n\": -12.5e2, \"i\": 0, \"t\": true, \"f\": false,"
                + " \"z\": null, \"a\": [1, [], {}], \"o\": {\"k\": \"v\"}}\n");
        Map<?, ?> object = (Map<?, ?>) value;
        assertEquals("text", object.get("s"));
        assertEquals(new BigDecimal("-12.5e2"), object.get("n"));
        assertEquals(BigDecimal.ZERO, object.get("i"));
        assertEquals(true, object.get("t"));
        assertEquals(false, object.get("f"));
        assertTrue(object.containsKey("z"));
        assertNull(object.get("z"));
        assertEquals(List.of(BigDecimal.ONE, List.of(), Map.of()), object.get("a"));
        assertEquals(Map.of("k", "v"), object.get("o"));
        assertEquals(List.of("s", "n", "i", "t", "f", "z", "a", "o"), List.copyOf(object.keySet()), "member order kept");
    }

    @Test
    void decodesEscapesAndSurrogatePairs() throws JsonException {
        assertEquals("\"\\/\b\f\n\r\t", JsonReader.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("é€", JsonReader.parse("\"\\u00e9\\u20AC\""));
        assertEquals("😀", JsonReader.parse("\"\\ud83d\\ude00\""));
        assertEquals("unescaped ünïcödé 😀", JsonReader.parse("\"unescaped ünïcödé 😀\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'a'", "\"open",
        "\"bad \\x escape\"", "\"\\u12\"", "\"\\u00G0\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"",
        "\"tab\there\"", "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity", "tru", "nul", "[1 2]",
        "{\"a\":1}{}", "1 2", "// comment\n1", "{\"a\":1,\"a\":2}", "\"\\u0660\\u0661\\u0662\\u0663\""})
    void rejectsWhatIsNotStrictJson(String text) {
        if (text.equals("\"\\u0660\\u0661\\u0662\\u0663\"")) {
            // U+0660..U+0663 are fine as escaped characters; the digits of \\u must be ASCII hex.
            assertThrows(JsonException.class, () -> JsonReader.parse("\"\\u\u0660\u0661\u0662\u0663\""));
            return;
        }
        assertThrows(JsonException.class, () -> JsonReader.parse(text), text);
    }

    @Test
    void reportsWhereTheProblemIs() {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse("{\"a\": [1, 2,, 3]}"));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("at character 12"), e.getMessage());
    }

    @Test
    void limitsNesting() throws JsonException {
        String deep = "[".repeat(64) + "]".repeat(64);
        JsonReader.parse(deep);
        String tooDeep = "[".repeat(65) + "]".repeat(65);
        assertThrows(JsonException.class, () -> JsonReader.parse(tooDeep));
        String hostile = "[".repeat(100_000);
        assertThrows(JsonException.class, () -> JsonReader.parse(hostile));
    }

    @Test
    void returnsUnmodifiableCollections() throws JsonException {
        Map<?, ?> object = (Map<?, ?>) JsonReader.parse("{\"a\": [1]}");
        assertThrows(UnsupportedOperationException.class, () -> object.clear());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) object.get("a")).clear());
    }

    @Property(tries = 300)
    void writerOutputReadsBackAsTheSameValue(@ForAll String text, @ForAll long number, @ForAll boolean flag)
            throws JsonException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", text);
        value.put("number", number);
        value.put("flag", flag);
        value.put("nothing", null);
        value.put("list", Arrays.asList(text, null, List.of()));
        String written = JsonWriter.write(value);
        assertTrue(written.chars().noneMatch(c -> c < 0x20), "one line, no raw control characters");
        Map<?, ?> read = (Map<?, ?>) JsonReader.parse(written);
        assertEquals(text, read.get("text"));
        assertEquals(new BigDecimal(number), read.get("number"));
        assertEquals(flag, read.get("flag"));
        assertNull(read.get("nothing"));
        assertEquals(Arrays.asList(text, null, List.of()), read.get("list"));
    }
}
