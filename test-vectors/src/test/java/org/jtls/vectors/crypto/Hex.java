package org.jtls.vectors.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** Hex as the RFCs print it: whitespace between the digits is ignored. */
final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return FORMAT.parseHex(hex.replaceAll("\\s+", ""));
    }

    static String string(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code length} copies of {@code value}, as the RFCs write {@code 0x0b0b...0b}. */
    static byte[] repeated(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Compares as hex so that a failure shows both values readably. */
    static void assertHexEquals(String expectedHex, byte[] actual, String what) {
        assertEquals(expectedHex.replaceAll("\\s+", "").toLowerCase(Locale.ROOT), string(actual), what);
    }
}
