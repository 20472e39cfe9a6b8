package org.jtls.cli.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259): exactly one value, optionally surrounded by whitespace. Objects
 * become {@code Map<String, Object>} in member order (a repeated name is an error), arrays
 * {@code List<Object>}, strings {@code String}, numbers {@link BigDecimal}, {@code true}/{@code false}
 * {@code Boolean}, and {@code null} Java {@code null}. The returned collections are unmodifiable.
 *
 * <p>Rejected: trailing commas, comments, single quotes, unescaped control characters in strings,
 * bad or lone-surrogate {@code \\u} escapes, leading zeros, {@code NaN}, bare words, anything after
 * the value, and nesting deeper than {@value #MAX_DEPTH}.
 */
public final class JsonReader {
    static final int MAX_DEPTH = 64;

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The one value {@code text} holds. */
    public static Object parse(String text) throws JsonException {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw new JsonException("unexpected '" + text.charAt(reader.position) + "' after the value",
                    reader.position);
        }
        return value;
    }

    private Object value(int depth) throws JsonException {
        if (position >= text.length()) {
            throw new JsonException("expected a value, found the end of the text", position);
        }
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new JsonException("expected a value, found '" + c + "'", position);
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        checkDepth(depth);
        position++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected a member name in quotes", position);
            }
            int nameOffset = position;
            String name = string();
            if (members.containsKey(name)) {
                throw new JsonException("member \"" + name + "\" appears twice", nameOffset);
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, value(depth));
            skipWhitespace();
            char next = peek();
            position++;
            if (next == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (next != ',') {
                throw new JsonException("expected ',' or '}' in an object", position - 1);
            }
        }
    }

    private List<Object> array(int depth) throws JsonException {
        checkDepth(depth);
        position++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            char next = peek();
            position++;
            if (next == ']') {
                return Collections.unmodifiableList(elements);
            }
            if (next != ',') {
                throw new JsonException("expected ',' or ']' in an array", position - 1);
            }
        }
    }

    private String string() throws JsonException {
        position++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new JsonException("unterminated string", position);
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new JsonException("control character U+" + String.format("%04X", (int) c)
                        + " must be escaped in a string", position - 1);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw new JsonException("unterminated escape", position);
            }
            char escape = text.charAt(position++);
            switch (escape) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw new JsonException("unknown escape '\\" + escape + "'", position - 2);
            }
        }
    }

    /** {@code \\uXXXX}, and a surrogate pair as two escapes; a lone surrogate is an error. */
    private String unicodeEscape() throws JsonException {
        int start = position - 2;
        char first = (char) hex4();
        if (Character.isHighSurrogate(first)) {
            if (!text.startsWith("\\u", position)) {
                throw new JsonException("high surrogate without a following \\u low surrogate", start);
            }
            position += 2;
            char second = (char) hex4();
            if (!Character.isLowSurrogate(second)) {
                throw new JsonException("high surrogate followed by a non-low-surrogate", start);
            }
            return new String(new char[] {first, second});
        }
        if (Character.isLowSurrogate(first)) {
            throw new JsonException("lone low surrogate", start);
        }
        return String.valueOf(first);
    }

    private int hex4() throws JsonException {
        if (position + 4 > text.length()) {
            throw new JsonException("\\u needs four hex digits", position);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position + i), 16);
            if (digit < 0 || text.charAt(position + i) > 'f') {
                throw new JsonException("\\u needs four hex digits", position + i);
            }
            value = value * 16 + digit;
        }
        position += 4;
        return value;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private BigDecimal number() throws JsonException {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
            if (isDigit(peek())) {
                throw new JsonException("numbers must not have leading zeros", start);
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new JsonException("expected a digit", position);
        }
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw new JsonException("expected a digit after the decimal point", position);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw new JsonException("expected a digit in the exponent", position);
            }
            int exponentStart = position;
            digits();
            if (position - exponentStart > 6) {
                throw new JsonException("exponent too large", exponentStart);
            }
        }
        return new BigDecimal(text.substring(start, position));
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) throws JsonException {
        if (!text.startsWith(word, position)) {
            throw new JsonException("expected '" + word + "'", position);
        }
        position += word.length();
    }

    private void expect(char wanted) throws JsonException {
        if (peek() != wanted) {
            throw new JsonException("expected '" + wanted + "'", position);
        }
        position++;
    }

    /** The next character, or U+0000 at the end (which no rule accepts). */
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

    private void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nested more than " + MAX_DEPTH + " deep", position);
        }
    }
}
