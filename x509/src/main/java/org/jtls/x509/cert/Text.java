package org.jtls.x509.cert;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Small formatting helpers shared by the {@code describe()} methods and {@link Certificate#toText()}. */
final class Text {
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Text() {
    }

    /** {@code AB:CD:EF}, as openssl prints key identifiers. */
    static String colonHex(byte[] bytes) {
        return COLON_HEX.formatHex(bytes);
    }

    static String joinLines(List<String> lines) {
        return String.join("\n", lines);
    }

    static String commaList(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
