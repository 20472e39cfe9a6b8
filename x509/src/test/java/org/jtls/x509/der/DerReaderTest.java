package org.jtls.x509.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each DER rule the reader enforces, with the offset it reports. */
class DerReaderTest {
    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Asserts that reading {@code hex} with {@code read} fails at {@code offset}, mentioning {@code words}. */
    private static DerException rejects(String hex, int offset, String words, DerRead read) {
        DerException e = assertThrows(DerException.class, () -> read.read(DerReader.of(hex(hex))));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains(words.toLowerCase()), e.getMessage());
        return e;
    }

    private static DerException rejects(String hex, int offset, String words) {
        return rejects(hex, offset, words, reader -> {
            reader.read();
            reader.end();
        });
    }

    @FunctionalInterface
    interface DerRead {
        void read(DerReader reader) throws DerException;
    }

    // ---- tags and lengths ----

    @Test
    void readsTagClassConstructedFlagAndNumber() throws DerException {
        DerElement element = DerReader.parse(hex("a5 03 02 01 07"));
        assertEquals(Tag.contextSpecific(5, true), element.tag());
        assertEquals(2, element.contentOffset());
        assertEquals(3, element.contentLength());
        assertEquals(new Tag(TagClass.APPLICATION, false, 1), DerReader.parse(hex("41 00")).tag());
        assertEquals(new Tag(TagClass.PRIVATE, false, 3), DerReader.parse(hex("c3 00")).tag());
    }

    @Test
    void readsHighTagNumbers() throws DerException {
        assertEquals(Tag.contextSpecific(31, false), DerReader.parse(hex("9f 1f 00")).tag());
        assertEquals(Tag.contextSpecific(200, false), DerReader.parse(hex("9f 81 48 00")).tag());
        assertArrayEquals(hex("9f 81 48 00"), new DerWriter().writeElement(Tag.contextSpecific(200, false),
                new byte[0]).toByteArray());
    }

    @Test
    void rejectsHighTagFormForSmallNumbers() {
        rejects("9f 1e 00", 0, "single-octet form");
    }

    @Test
    void rejectsHighTagNumberWithLeading0x80() {
        rejects("9f 80 9f 00 00", 1, "leading 0x80");
    }

    @Test
    void rejectsTruncatedHighTagNumber() {
        rejects("9f 81", 2, "past the end");
    }

    @Test
    void rejectsIndefiniteLength() {
        rejects("30 80 02 01 01 00 00", 1, "indefinite");
    }

    @Test
    void rejectsEndOfContentsWhereAnElementIsExpected() {
        rejects("00 00", 0, "end-of-contents");
    }

    @Test
    void rejectsLongFormForShortLengths() {
        rejects("04 81 05 0102030405", 1, "short form");
    }

    @Test
    void rejectsLengthWithLeadingZeroOctet() {
        byte[] content = new byte[200];
        byte[] der = new byte[4 + content.length];
        der[0] = 0x04;
        der[1] = (byte) 0x82;
        der[2] = 0x00;
        der[3] = (byte) 200;
        DerException e = assertThrows(DerException.class, () -> DerReader.parse(der));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("leading zero"));
    }

    @Test
    void rejectsLengthBeyondTheInput() {
        rejects("04 05 010203", 1, "exceeds");
    }

    @Test
    void rejectsLengthBeyondTheEnclosingElement() {
        rejects("30 03 04 05 01", 3, "exceeds", reader -> reader.readSequence().read());
    }

    @Test
    void rejectsHugeLengthOctetCounts() {
        rejects("04 85 0100000000", 1, "too large");
    }

    @Test
    void rejectsTrailingDataAtTheTopLevel() {
        DerException e = assertThrows(DerException.class, () -> DerReader.parse(hex("05 00 00")));
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("after the last field"));
    }

    @Test
    void rejectsTrailingDataInsideASequence() {
        rejects("30 06 02 01 01 02 01 02", 5, "after the last field", reader -> {
            DerReader sequence = reader.readSequence();
            sequence.readInteger();
            sequence.end();
        });
    }

    @Test
    void rejectsEmptyInputWhereAnElementIsExpected() {
        rejects("", 0, "expected another element");
    }

    @Test
    void rejectsPrimitiveSequenceAndConstructedScalars() {
        rejects("10 00", 0, "constructed");
        rejects("24 03 04 01 00", 0, "primitive");
        rejects("22 03 02 01 00", 0, "primitive");
    }

    @Test
    void reportsTheWrongTag() {
        DerException e = rejects("04 00", 0, "expected INTEGER, found OCTET STRING", DerReader::readInteger);
        assertEquals("expected INTEGER, found OCTET STRING", e.problem());
    }

    // ---- limits ----

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        DerLimits limits = new DerLimits(4, 1000);
        byte[] depth4 = hex("30 06 30 04 30 02 30 00");
        byte[] depth5 = hex("30 08 30 06 30 04 30 02 30 00");
        assertThrows(DerException.class, () -> DerReader.parse(depth5, limits));
        DerException e = assertThrows(DerException.class, () -> DerReader.parse(depth4, new DerLimits(3, 1000)));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
        assertEquals(6, e.offset());
    }

    @Test
    void acceptsNestingUpToTheLimit() throws DerException {
        DerReader.parse(hex("30 06 30 04 30 02 30 00"), new DerLimits(4, 1000));
    }

    @Test
    void defaultLimitStopsDeepNesting() throws DerException {
        byte[] nested = new byte[0];
        for (int level = 0; level < 1000; level++) {
            nested = new DerWriter().writeElement(Tag.SEQUENCE, nested).toByteArray();
        }
        byte[] deep = nested;
        DerException e = assertThrows(DerException.class, () -> DerReader.parse(deep));
        assertTrue(e.getMessage().contains("nested more than 32"), e.getMessage());

        byte[] allowed = new byte[0];
        for (int level = 0; level < DerLimits.DEFAULT.maxDepth(); level++) {
            allowed = new DerWriter().writeElement(Tag.SEQUENCE, allowed).toByteArray();
        }
        DerReader.parse(allowed);
    }

    @Test
    void rejectsInputLargerThanTheSizeLimit() {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(new byte[101], new DerLimits(32, 100)));
        assertTrue(e.getMessage().contains("exceeds the limit"));
        assertEquals(0, e.offset());
    }

    // ---- INTEGER ----

    @Test
    void readsIntegers() throws DerException {
        assertEquals(BigInteger.ZERO, DerReader.of(hex("02 01 00")).readInteger());
        assertEquals(BigInteger.valueOf(127), DerReader.of(hex("02 01 7f")).readInteger());
        assertEquals(BigInteger.valueOf(128), DerReader.of(hex("02 02 00 80")).readInteger());
        assertEquals(BigInteger.valueOf(-128), DerReader.of(hex("02 01 80")).readInteger());
        assertEquals(BigInteger.valueOf(-129), DerReader.of(hex("02 02 ff 7f")).readInteger());
        assertEquals(65537, DerReader.of(hex("02 03 01 00 01")).readLong(0, Long.MAX_VALUE));
    }

    @Test
    void rejectsEmptyInteger() {
        rejects("02 00", 2, "no content", DerReader::readInteger);
    }

    @Test
    void rejectsIntegerWithUnnecessaryLeadingZero() {
        rejects("02 02 00 7f", 2, "leading 0x00", DerReader::readInteger);
    }

    @Test
    void rejectsIntegerWithUnnecessaryLeadingFf() {
        rejects("02 02 ff 80", 2, "leading 0xff", DerReader::readInteger);
    }

    @Test
    void rejectsIntegersOutsideTheRequestedRange() {
        rejects("02 01 03", 2, "outside 0..2", reader -> reader.readLong(0, 2));
        rejects("02 09 01 00 00 00 00 00 00 00 00", 2, "outside", reader -> reader.readLong(0, Long.MAX_VALUE));
    }

    // ---- BOOLEAN, NULL ----

    @Test
    void readsBooleans() throws DerException {
        assertTrue(DerReader.of(hex("01 01 ff")).readBoolean());
        assertFalse(DerReader.of(hex("01 01 00")).readBoolean());
    }

    @Test
    void rejectsBooleansOtherThan00AndFf() {
        rejects("01 01 01", 2, "0x00 or 0xff", DerReader::readBoolean);
        rejects("01 02 ff ff", 2, "exactly one", DerReader::readBoolean);
        rejects("01 00", 2, "exactly one", DerReader::readBoolean);
    }

    @Test
    void nullHasNoContent() throws DerException {
        DerReader.of(hex("05 00")).readNull();
        rejects("05 01 00", 2, "no content", DerReader::readNull);
    }

    // ---- OBJECT IDENTIFIER ----

    @Test
    void readsObjectIdentifiers() throws DerException {
        assertEquals("1.2.840.113549.1.1.11", DerReader.of(hex("06 09 2a 86 48 86 f7 0d 01 01 0b")).readOid().toString());
        assertEquals("2.5.29.17", DerReader.of(hex("06 03 55 1d 11")).readOid().toString());
        assertEquals("0.9.2342.19200300.100.1.25",
                DerReader.of(hex("06 0a 09 92 26 89 93 f2 2c 64 01 19")).readOid().toString());
        assertEquals("2.999.3", DerReader.of(hex("06 03 88 37 03")).readOid().toString());
    }

    @Test
    void rejectsEmptyObjectIdentifier() {
        rejects("06 00", 2, "no content", DerReader::readOid);
    }

    @Test
    void rejectsNonMinimalObjectIdentifierSubidentifier() {
        rejects("06 03 2a 80 01", 3, "0x80", DerReader::readOid);
    }

    @Test
    void rejectsObjectIdentifierEndingInsideASubidentifier() {
        rejects("06 02 2a 86", 3, "ends inside", DerReader::readOid);
    }

    // ---- BIT STRING, OCTET STRING ----

    @Test
    void readsBitStrings() throws DerException {
        BitString bits = DerReader.of(hex("03 02 05 a0")).readBitString();
        assertEquals(3, bits.bitLength());
        assertTrue(bits.isSet(0));
        assertFalse(bits.isSet(1));
        assertTrue(bits.isSet(2));
        assertEquals(0, DerReader.of(hex("03 01 00")).readBitString().bitLength());
    }

    @Test
    void rejectsBitStringWithUnusedBitsOutOfRange() {
        rejects("03 02 08 00", 2, "not in 0..7", DerReader::readBitString);
    }

    @Test
    void rejectsEmptyBitStringWithUnusedBits() {
        rejects("03 01 03", 2, "empty BIT STRING", DerReader::readBitString);
    }

    @Test
    void rejectsBitStringWithoutTheUnusedBitsOctet() {
        rejects("03 00", 2, "no content", DerReader::readBitString);
    }

    @Test
    void rejectsSetUnusedBits() {
        rejects("03 02 01 01", 2, "not zero", DerReader::readBitString);
    }

    @Test
    void readsOctetStrings() throws DerException {
        assertArrayEquals(hex("0102"), DerReader.of(hex("04 02 01 02")).readOctetString());
    }

    // ---- times ----

    @Test
    void readsUtcTimeWithThe2049Rule() throws DerException {
        assertEquals(Instant.parse("2049-12-31T23:59:59Z"), DerReader.of(ascii(0x17, "491231235959Z")).readUtcTime());
        assertEquals(Instant.parse("1950-01-01T00:00:00Z"), DerReader.of(ascii(0x17, "500101000000Z")).readUtcTime());
        DerTime time = DerReader.of(ascii(0x17, "240229120000Z")).readTime();
        assertEquals(DerTime.Encoding.UTC_TIME, time.encoding());
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), time.instant());
    }

    @Test
    void readsGeneralizedTime() throws DerException {
        DerTime time = DerReader.of(ascii(0x18, "20500101000000Z")).readTime();
        assertEquals(DerTime.Encoding.GENERALIZED_TIME, time.encoding());
        assertEquals(Instant.parse("2050-01-01T00:00:00Z"), time.instant());
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"),
                DerReader.of(ascii(0x18, "99991231235959Z")).readGeneralizedTime());
    }

    @Test
    void rejectsTimesOutsideTheRfc5280Profile() {
        rejectsTime(ascii(0x17, "4912312359Z"), "YYMMDDHHMMSSZ");        // no seconds
        rejectsTime(ascii(0x17, "491231235959+0100"), "YYMMDDHHMMSSZ");  // offset instead of Z
        rejectsTime(ascii(0x17, "491231235959"), "YYMMDDHHMMSSZ");       // local time
        rejectsTime(ascii(0x18, "20500101000000.5Z"), "no fractions");  // fractional seconds
        rejectsTime(ascii(0x18, "20500101000000"), "ending in Z");
        rejectsTime(ascii(0x18, "205001010000Z"), "YYYYMMDDHHMMSSZ");
        rejectsTime(ascii(0x17, "491301000000Z"), "month 13");
        rejectsTime(ascii(0x17, "230229000000Z"), "day 29");              // 2023 is not a leap year
        rejectsTime(ascii(0x17, "491231240000Z"), "out of range");
        rejectsTime(ascii(0x17, "491231235960Z"), "out of range");        // no leap seconds
        rejectsTime(ascii(0x17, "4912312359 5Z"), "digit");
    }

    private static void rejectsTime(byte[] der, String words) {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(der).readTime());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertTrue(e.offset() >= 2, "offset inside the content: " + e.offset());
    }

    @Test
    void reportsTheOffsetOfABadTimeDigit() {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(ascii(0x17, "49123123595xZ")).readTime());
        assertEquals(2 + 11, e.offset());
    }

    // ---- strings ----

    @Test
    void readsEachStringType() throws DerException {
        assertEquals("Grüße", DerReader.of(hex("0c 07 47 72 c3 bc c3 9f 65")).readString(StringType.UTF8_STRING));
        assertEquals("Ab 1'()+,-./:=?", DerReader.of(ascii(0x13, "Ab 1'()+,-./:=?")).readString(StringType.PRINTABLE_STRING));
        assertEquals("a@b.example", DerReader.of(ascii(0x16, "a@b.example")).readString(StringType.IA5_STRING));
        assertEquals("caf\u00e9", DerReader.of(hex("14 04 63 61 66 e9")).readString(StringType.TELETEX_STRING));
        assertEquals("\u00e9\u4e2d", DerReader.of(hex("1e 04 00 e9 4e 2d")).readString(StringType.BMP_STRING));
        assertEquals("a\ud83d\ude00", DerReader.of(hex("1c 08 00000061 0001f600")).readString(StringType.UNIVERSAL_STRING));
        assertEquals("0123 9", DerReader.of(ascii(0x12, "0123 9")).readString(StringType.NUMERIC_STRING));
        assertEquals("Visible ~", DerReader.of(ascii(0x1a, "Visible ~")).readString(StringType.VISIBLE_STRING));
        DerString any = DerReader.of(ascii(0x13, "US")).readAnyString();
        assertEquals(new DerString(StringType.PRINTABLE_STRING, "US"), any);
    }

    @Test
    void rejectsCharactersOutsideEachStringType() {
        rejects("13 03 41 2a 42", 3, "0x2a", reader -> reader.readString(StringType.PRINTABLE_STRING));
        rejects("13 02 41 40", 3, "0x40", reader -> reader.readString(StringType.PRINTABLE_STRING));
        rejects("16 02 41 80", 3, "0x80", reader -> reader.readString(StringType.IA5_STRING));
        rejects("12 02 31 41", 3, "0x41", reader -> reader.readString(StringType.NUMERIC_STRING));
        rejects("1a 02 41 0a", 3, "0x0a", reader -> reader.readString(StringType.VISIBLE_STRING));
        rejects("0c 02 c3 28", 2, "not valid UTF-8", reader -> reader.readString(StringType.UTF8_STRING));
        rejects("0c 03 ed a0 80", 2, "not valid UTF-8", reader -> reader.readString(StringType.UTF8_STRING));
        rejects("1e 03 00 41 00", 2, "odd length", reader -> reader.readString(StringType.BMP_STRING));
        rejects("1e 02 d8 3d", 2, "surrogate", reader -> reader.readString(StringType.BMP_STRING));
        rejects("1c 03 00 00 41", 2, "multiple of 4", reader -> reader.readString(StringType.UNIVERSAL_STRING));
        rejects("1c 04 00 11 00 00", 2, "invalid code point", reader -> reader.readString(StringType.UNIVERSAL_STRING));
    }

    @Test
    void rawReadChecksNestedContentsToo() {
        rejects("30 04 02 02 00 01", 4, "leading 0x00");
        rejects("a0 03 01 01 05", 4, "0x00 or 0xff");
        rejects("31 03 13 01 2a", 4, "0x2a");
    }

    // ---- constructed, tagged, raw ----

    @Test
    void readsSequencesSetsAndTaggedFields() throws DerException {
        DerReader reader = DerReader.of(hex("30 0c a0 03 02 01 02 81 01 ff 31 02 05 00 00 00"));
        // trailing 00 00 would be an error at end(); only the sequence is read here
        DerReader sequence = reader.readSequence();
        DerReader explicit = sequence.readOptionalExplicit(0);
        assertEquals(2, explicit.readLong(0, 10));
        explicit.end();
        assertEquals(null, sequence.readOptionalExplicit(0));
        DerElement implicit = sequence.read(Tag.contextSpecific(1, false));
        assertTrue(implicit.booleanValue());
        DerReader set = sequence.readSet();
        set.readNull();
        set.end();
        sequence.end();
        assertThrows(DerException.class, reader::end);
    }

    @Test
    void rawElementsKeepTheirExactBytes() throws DerException {
        byte[] der = hex("30 09 06 03 2a 03 04 a1 02 05 00");
        DerElement element = DerReader.parse(der);
        assertArrayEquals(der, element.encoded());
        DerReader contents = element.contentReader();
        contents.readOid();
        DerElement any = contents.read();
        assertEquals(7, any.offset());
        assertArrayEquals(hex("a1 02 05 00"), any.encoded());
        assertArrayEquals(hex("a1 02 05 00"), new DerWriter().write(any).toByteArray());
    }

    @Test
    void offsetsInNestedReadersCountFromTheOutermostInput() {
        // OCTET STRING wrapping a SEQUENCE with a bad INTEGER at absolute offset 6
        byte[] der = hex("04 06 30 04 02 02 00 05");
        DerException e = assertThrows(DerException.class, () -> {
            DerElement octets = DerReader.parse(der);
            octets.contentReader().readSequence().readInteger();
        });
        assertEquals(6, e.offset());
    }

    @Test
    void inputIsCopiedSoLaterChangesDoNotLeakIn() throws DerException {
        byte[] der = hex("04 01 07");
        DerElement element = DerReader.parse(der);
        der[2] = 0;
        assertArrayEquals(hex("07"), element.content());
    }

    private static byte[] ascii(int tag, String text) {
        byte[] content = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return new DerWriter().writeElement(Tag.universal(tag, false), content).toByteArray();
    }
}
