package org.jtls.x509.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written IP literal parser: the forms of RFC 4291 §2.2 in, RFC 5952 text out. */
class IpAddressLiteralTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0.0.0, 00000000",
        "255.255.255.255, ffffffff",
        "192.0.2.1, c0000201",
        "::, 00000000000000000000000000000000",
        "::1, 00000000000000000000000000000001",
        "[::1], 00000000000000000000000000000001",
        "0:0::1, 00000000000000000000000000000001",
        "0:0:0:0:0:0:0:1, 00000000000000000000000000000001",
        "1::, 00010000000000000000000000000000",
        "2001:DB8::8:800:200C:417A, 20010db8000000000008080020 0c417a",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 20010db8000000000000000000000001",
        "::ffff:192.0.2.1, 00000000000000000000ffffc0000201",
        "::192.0.2.1, 000000000000000000000000c0000201",
        "1:2:3:4:5:6:1.2.3.4, 00010002000300040005000601020304",
        "1::1.2.3.4, 00010000000000000000000001020304",
        "fe80::a:b, fe8000000000000000000000000a000b",
    })
    void parsesEveryTextForm(String text, String hex) throws InvalidReferenceIdentityException {
        assertArrayEquals(HexFormat.of().parseHex(hex.replace(" ", "")), IpAddressLiteral.parse(text).octets());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "01.2.3.4", "00.0.0.0", "1.2.3.256",
        "1.2.3.1000", "-1.2.3.4", "+1.2.3.4", "1.2.3.4 ", " 1.2.3.4", "0x1.2.3.4", "1.2.3.\u0661",
        ":", ":::", "::1::", "1:2", ":1::", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
        "g::1", "::1%lo", "[::1]%lo", "[::1", "::1]", "[]", "[1.2.3.4]", "::1.2.3", "::1.2.3.4.5",
        "1.2.3.4::", "::01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "\uff11::1", "\u0661::1"})
    void refusesMalformedAndAmbiguousLiterals(String text) {
        assertThrows(InvalidReferenceIdentityException.class, () -> IpAddressLiteral.parse(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 5952 §4.2.1 to §4.3 and §5.
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8::AB, 2001:db8::ab",
        "0:0:0:0:0:0:0:0, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "::ffff:c000:201, ::ffff:192.0.2.1",
        "192.0.2.1, 192.0.2.1",
    })
    void writesTheRecommendedTextForm(String text, String canonical) throws InvalidReferenceIdentityException {
        assertEquals(canonical, IpAddressLiteral.parse(text).toString());
        assertEquals(IpAddressLiteral.parse(text), IpAddressLiteral.parse(canonical));
    }

    @Test
    void mappedAddressesAreRecognised() throws InvalidReferenceIdentityException {
        assertTrue(IpAddressLiteral.parse("::ffff:1.2.3.4").isIpv4Mapped());
        assertFalse(IpAddressLiteral.parse("::1.2.3.4").isIpv4Mapped());
        assertFalse(IpAddressLiteral.parse("1.2.3.4").isIpv4Mapped());
        assertFalse(IpAddressLiteral.parse("1.2.3.4").isIpv6());
    }

    @Test
    void leadingZeroIsRefusedWithTheReason() {
        InvalidReferenceIdentityException e = assertThrows(InvalidReferenceIdentityException.class,
                () -> IpAddressLiteral.parse("010.0.0.1"));
        assertTrue(e.getMessage().contains("leading zero"), e.getMessage());
    }
}
