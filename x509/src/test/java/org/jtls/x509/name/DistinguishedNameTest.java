package org.jtls.x509.name;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerString;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.StringType;
import org.junit.jupiter.api.Test;

class DistinguishedNameTest {
    private static AttributeTypeAndValue attribute(AttributeType type, StringType stringType, String value) {
        return AttributeTypeAndValue.of(type.oid(), new DerString(stringType, value));
    }

    private static DistinguishedName roundTrip(DistinguishedName name) throws DerException {
        return DistinguishedName.decode(name.encoded());
    }

    @Test
    void printsRfc4514InReverseOrderWithShortNames() throws DerException {
        DistinguishedName name = roundTrip(DistinguishedName.of(
                AttributeTypeAndValue.of(AttributeType.COUNTRY, "US"),
                AttributeTypeAndValue.of(AttributeType.ORGANIZATION, "Example, Inc."),
                AttributeTypeAndValue.of(AttributeType.EMAIL_ADDRESS, "ca@example.com"),
                AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "host")));
        assertEquals("CN=host,emailAddress=ca@example.com,O=Example\\, Inc.,C=US", name.toRfc4514String());
        assertEquals("C=US, O=Example, Inc., emailAddress=ca@example.com, CN=host", name.toDisplayString());
        assertEquals(List.of("host"), name.commonNames());
    }

    @Test
    void escapesSpecialCharactersAsRfc4514Requires() {
        assertEquals("\\#lead", AttributeTypeAndValue.escape("#lead"));
        assertEquals("\\ both\\ ", AttributeTypeAndValue.escape(" both "));
        assertEquals("a\\+b=c", AttributeTypeAndValue.escape("a+b=c"));
        assertEquals("\\\"q\\\"\\\\\\<\\>\\;", AttributeTypeAndValue.escape("\"q\"\\<>;"));
        assertEquals("nul\\00", AttributeTypeAndValue.escape("nul\u0000"));
        assertEquals("mid#dle space", AttributeTypeAndValue.escape("mid#dle space"));
    }

    @Test
    void printsMultiValuedRdnsAndNonStringValues() throws DerException {
        ObjectIdentifier unknown = ObjectIdentifier.of("1.2.3.4");
        byte[] der = new DerWriter().writeSequence(name -> name.writeSet(rdn -> {
            AttributeTypeAndValue.of(AttributeType.ORGANIZATIONAL_UNIT, "Sales").encode(rdn);
            AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "Bob").encode(rdn);
        }).writeSet(rdn -> rdn.writeSequence(attribute -> attribute.writeOid(unknown).writeInteger(5)))).toByteArray();
        DistinguishedName name = DistinguishedName.decode(der);
        assertEquals("1.2.3.4=#020105,OU=Sales+CN=Bob", name.toRfc4514String());
        AttributeTypeAndValue numeric = name.rdns().get(1).attributes().get(0);
        assertNull(numeric.stringValue());
        assertNull(numeric.knownType());
        assertArrayEquals(der, name.encoded());
    }

    @Test
    void decodesEveryDirectoryStringType() throws DerException {
        DistinguishedName name = roundTrip(DistinguishedName.of(
                attribute(AttributeType.COMMON_NAME, StringType.TELETEX_STRING, "caf\u00e9"),
                attribute(AttributeType.COMMON_NAME, StringType.BMP_STRING, "\u4e2d\u6587"),
                attribute(AttributeType.COMMON_NAME, StringType.UNIVERSAL_STRING, "\ud83d\ude00"),
                attribute(AttributeType.COMMON_NAME, StringType.UTF8_STRING, "Grüße")));
        assertEquals(List.of("caf\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "Grüße"), name.commonNames());
        assertEquals(StringType.BMP_STRING, name.rdns().get(1).attributes().get(0).stringType());
    }

    @Test
    void matchesIgnoringCaseWhitespaceAndStringType() {
        DistinguishedName printable = DistinguishedName.of(
                attribute(AttributeType.COUNTRY, StringType.PRINTABLE_STRING, "US"),
                attribute(AttributeType.COMMON_NAME, StringType.PRINTABLE_STRING, "Example  Root CA"));
        DistinguishedName utf8 = DistinguishedName.of(
                attribute(AttributeType.COUNTRY, StringType.PRINTABLE_STRING, "us"),
                attribute(AttributeType.COMMON_NAME, StringType.UTF8_STRING, "  example root\tca "));
        assertEquals(printable, utf8);
        assertEquals(printable.hashCode(), utf8.hashCode());
        assertFalse(java.util.Arrays.equals(printable.encoded(), utf8.encoded()));
    }

    @Test
    void doesNotMatchDifferentValuesOrdersOrTypes() {
        DistinguishedName a = DistinguishedName.of(AttributeTypeAndValue.of(AttributeType.COUNTRY, "US"),
                AttributeTypeAndValue.of(AttributeType.ORGANIZATION, "A"));
        DistinguishedName reordered = DistinguishedName.of(AttributeTypeAndValue.of(AttributeType.ORGANIZATION, "A"),
                AttributeTypeAndValue.of(AttributeType.COUNTRY, "US"));
        DistinguishedName otherType = DistinguishedName.of(AttributeTypeAndValue.of(AttributeType.COUNTRY, "US"),
                AttributeTypeAndValue.of(AttributeType.ORGANIZATIONAL_UNIT, "A"));
        DistinguishedName shorter = DistinguishedName.of(AttributeTypeAndValue.of(AttributeType.COUNTRY, "US"));
        assertNotEquals(a, reordered);
        assertNotEquals(a, otherType);
        assertNotEquals(a, shorter);
        assertTrue(a.isWithinSubtree(shorter));
        assertFalse(shorter.isWithinSubtree(a));
        assertTrue(a.isWithinSubtree(DistinguishedName.EMPTY));
    }

    @Test
    void multiValuedRdnsMatchInAnyOrder() {
        AttributeTypeAndValue ou = AttributeTypeAndValue.of(AttributeType.ORGANIZATIONAL_UNIT, "Sales");
        AttributeTypeAndValue cn = AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "Bob");
        DistinguishedName first = DistinguishedName.of(List.of(new RelativeDistinguishedName(List.of(ou, cn))));
        DistinguishedName second = DistinguishedName.of(List.of(new RelativeDistinguishedName(List.of(cn, ou))));
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void nonStringValuesCompareByTheirBytes() throws DerException {
        ObjectIdentifier type = ObjectIdentifier.of("1.2.3.4");
        DistinguishedName five = DistinguishedName.decode(new DerWriter().writeSequence(name -> name.writeSet(
                rdn -> rdn.writeSequence(attribute -> attribute.writeOid(type).writeInteger(5)))).toByteArray());
        DistinguishedName six = DistinguishedName.decode(new DerWriter().writeSequence(name -> name.writeSet(
                rdn -> rdn.writeSequence(attribute -> attribute.writeOid(type).writeInteger(6)))).toByteArray());
        assertNotEquals(five, six);
        assertEquals(five, DistinguishedName.decode(five.encoded()));
    }

    @Test
    void preparationFoldsCaseNormalisesAndCompressesSpaces() {
        assertEquals("strasse", AttributeTypeAndValue.prepare("STRASSE"));
        assertEquals(AttributeTypeAndValue.prepare("Stra\u00dfe"), AttributeTypeAndValue.prepare("STRASSE"));
        assertEquals("a b", AttributeTypeAndValue.prepare("  a \u00a0\t b  "));
        assertEquals("ab", AttributeTypeAndValue.prepare("a\u00adb"));
        assertEquals(AttributeTypeAndValue.prepare("\uff21"), AttributeTypeAndValue.prepare("a"));
    }

    @Test
    void rejectsEmptyRdnsAndMalformedAttributes() {
        byte[] emptyRdn = new DerWriter().writeSequence(name -> name.writeSet(rdn -> {
        })).toByteArray();
        DerException e = assertThrows(DerException.class, () -> DistinguishedName.decode(emptyRdn));
        assertEquals(2, e.offset());
        byte[] noValue = new DerWriter().writeSequence(name -> name.writeSet(
                rdn -> rdn.writeSequence(attribute -> attribute.writeOid(AttributeType.COMMON_NAME.oid())))).toByteArray();
        assertThrows(DerException.class, () -> DistinguishedName.decode(noValue));
        byte[] badPrintable = new DerWriter().writeSequence(name -> name.writeSet(rdn -> rdn.writeSequence(
                attribute -> attribute.writeOid(AttributeType.COMMON_NAME.oid())
                        .writeElement(StringType.PRINTABLE_STRING.tag(), new byte[] {'a', '@'})))).toByteArray();
        assertThrows(DerException.class, () -> DistinguishedName.decode(badPrintable));
    }

    @Test
    void emptyNameIsAllowed() throws DerException {
        DistinguishedName empty = DistinguishedName.decode(new byte[] {0x30, 0x00});
        assertTrue(empty.isEmpty());
        assertEquals("", empty.toRfc4514String());
        assertEquals(DistinguishedName.EMPTY, empty);
    }

    @Test
    void newValuesUseTheStringTypesRfc5280Prescribes() {
        assertEquals(StringType.PRINTABLE_STRING, AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "plain").stringType());
        assertEquals(StringType.UTF8_STRING, AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "a@b").stringType());
        assertEquals(StringType.IA5_STRING, AttributeTypeAndValue.of(AttributeType.EMAIL_ADDRESS, "a@b").stringType());
        assertEquals(StringType.IA5_STRING, AttributeTypeAndValue.of(AttributeType.DOMAIN_COMPONENT, "com").stringType());
        assertEquals(AttributeType.EMAIL_ADDRESS, AttributeType.forShortName("E"));
        assertEquals(AttributeType.COMMON_NAME, AttributeType.forShortName("cn"));
    }

    @Test
    void readsFromAReaderWithOtherFieldsAround() throws DerException {
        DistinguishedName name = DistinguishedName.of(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "x"));
        byte[] der = new DerWriter().writeSequence(outer -> {
            outer.writeInteger(1);
            name.encode(outer);
            outer.writeNull();
        }).toByteArray();
        DerReader reader = DerReader.parse(der).contentReader();
        reader.readInteger();
        assertEquals(name, DistinguishedName.decode(reader));
        reader.readNull();
        reader.end();
    }
}
