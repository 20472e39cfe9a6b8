package org.jtls.x509.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ObjectIdentifierTest {
    @Test
    void encodesTheFirstTwoArcsTogether() {
        assertArrayEquals(HexFormat.of().parseHex("2a864886f70d"), ObjectIdentifier.of("1.2.840.113549").contentOctets());
        assertArrayEquals(HexFormat.of().parseHex("00"), ObjectIdentifier.of("0.0").contentOctets());
        assertArrayEquals(HexFormat.of().parseHex("27"), ObjectIdentifier.of("0.39").contentOctets());
        assertArrayEquals(HexFormat.of().parseHex("8837"), ObjectIdentifier.of("2.999").contentOctets());
    }

    @Test
    void rejectsMalformedDottedStrings() {
        for (String bad : new String[] {"", "1", "3.1", "0.40", "1.40", "1..2", "1.2.", ".1.2", "1.02", "1.-2", "1.a"}) {
            assertThrows(IllegalArgumentException.class, () -> ObjectIdentifier.of(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ObjectIdentifier.of("2.25." + "9".repeat(60)));
    }

    @Test
    void acceptsUuidSizedArcs() throws DerException {
        String uuidOid = "2.25." + "340282366920938463463374607431768211455"; // 2^128 - 1
        ObjectIdentifier oid = ObjectIdentifier.of(uuidOid);
        assertEquals(uuidOid, ObjectIdentifier.fromContent(oid.contentOctets(), 0).toString());
    }

    @Test
    void refusesHostileArcLengthsWhenDecoding() {
        byte[] content = new byte[100];
        java.util.Arrays.fill(content, (byte) 0xFF);
        content[0] = 0x2a;
        content[99] = 0x01;
        DerException e = assertThrows(DerException.class, () -> ObjectIdentifier.fromContent(content, 10));
        assertEquals(11, e.offset());
    }

    @Test
    void equalityFollowsTheEncoding() {
        assertEquals(ObjectIdentifier.of("2.5.4.3"), ObjectIdentifier.of("2.5.4.3"));
        assertEquals(ObjectIdentifier.of("2.5.4.3").hashCode(), ObjectIdentifier.of("2.5.4.3").hashCode());
        assertNotEquals(ObjectIdentifier.of("2.5.4.3"), ObjectIdentifier.of("2.5.4.30"));
    }

    @Test
    void knowsItsAncestors() {
        ObjectIdentifier any = ObjectIdentifier.of("2.5.29.32.0");
        assertTrue(any.startsWith(ObjectIdentifier.of("2.5.29")));
        assertTrue(any.startsWith(any));
        assertFalse(ObjectIdentifier.of("2.5.290").startsWith(ObjectIdentifier.of("2.5.29")));
    }
}
