package org.jtls.x509.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.BitSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The writer's encodings, checked against hand-computed DER from X.690. */
class DerWriterTest {
    private static String hex(DerWriter writer) {
        return HexFormat.of().formatHex(writer.toByteArray());
    }

    @Test
    void writesMinimalIntegers() {
        assertEquals("020100", hex(new DerWriter().writeInteger(0)));
        assertEquals("02017f", hex(new DerWriter().writeInteger(127)));
        assertEquals("02020080", hex(new DerWriter().writeInteger(128)));
        assertEquals("020180", hex(new DerWriter().writeInteger(-128)));
        assertEquals("0202ff7f", hex(new DerWriter().writeInteger(-129)));
        assertEquals("0203010001", hex(new DerWriter().writeInteger(BigInteger.valueOf(65537))));
    }

    @Test
    void writesShortAndLongLengths() {
        assertEquals("047f", hex(new DerWriter().writeOctetString(new byte[127])).substring(0, 4));
        assertEquals("048180", hex(new DerWriter().writeOctetString(new byte[128])).substring(0, 6));
        assertEquals("04820100", hex(new DerWriter().writeOctetString(new byte[256])).substring(0, 8));
        assertEquals("0483010000", hex(new DerWriter().writeOctetString(new byte[65536])).substring(0, 10));
    }

    @Test
    void writesScalars() {
        assertEquals("0101ff", hex(new DerWriter().writeBoolean(true)));
        assertEquals("010100", hex(new DerWriter().writeBoolean(false)));
        assertEquals("0500", hex(new DerWriter().writeNull()));
        assertEquals("06092a864886f70d01010b", hex(new DerWriter().writeOid(ObjectIdentifier.of("1.2.840.113549.1.1.11"))));
        // X.690 §8.6.4.2's example: '0A3B5F291CD'H, 44 bits
        assertEquals("0307040a3b5f291cd0",
                hex(new DerWriter().writeBitString(new BitString(HexFormat.of().parseHex("0a3b5f291cd0"), 4))));
        assertThrows(IllegalArgumentException.class, () -> new BitString(new byte[] {0x01}, 1));
    }

    @Test
    void writesNamedBitListsWithoutTrailingZeros() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(5);
        bits.set(6);
        // digitalSignature, keyCertSign, cRLSign: 1000 0110, the last bit unused
        assertEquals("03020186", hex(new DerWriter().writeBitString(BitString.ofNamedBits(bits))));
        assertEquals("030100", hex(new DerWriter().writeBitString(BitString.ofNamedBits(new BitSet()))));
        BitSet decipherOnly = new BitSet();
        decipherOnly.set(8);
        assertEquals("0303070080", hex(new DerWriter().writeBitString(BitString.ofNamedBits(decipherOnly))));
        assertTrue(BitString.ofNamedBits(bits).hasNoTrailingZeroBits());
        assertFalse(new BitString(new byte[] {(byte) 0x80}, 0).hasNoTrailingZeroBits());
    }

    @Test
    void writesTimesInTheRfc5280Encodings() {
        assertEquals("170d3439313233313233353935395a",
                hex(new DerWriter().writeTime(DerTime.forCertificate(Instant.parse("2049-12-31T23:59:59Z")))));
        assertEquals("180f32303530303130313030303030305a",
                hex(new DerWriter().writeTime(DerTime.forCertificate(Instant.parse("2050-01-01T00:00:00Z")))));
        assertEquals("180f31393439313233313233353935395a",
                hex(new DerWriter().writeTime(DerTime.forCertificate(Instant.parse("1949-12-31T23:59:59Z")))));
        assertThrows(IllegalArgumentException.class,
                () -> new DerWriter().writeUtcTime(Instant.parse("2050-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class,
                () -> new DerWriter().writeUtcTime(Instant.parse("2020-01-01T00:00:00.5Z")));
    }

    @Test
    void writesStringsAndRefusesWhatTheirTypeCannotHold() {
        assertEquals("130255 53".replace(" ", ""), hex(new DerWriter().writeString(StringType.PRINTABLE_STRING, "US")));
        assertEquals("1e0200e9", hex(new DerWriter().writeString(StringType.BMP_STRING, "\u00e9")));
        assertEquals("1c040001f600", hex(new DerWriter().writeString(StringType.UNIVERSAL_STRING, "\ud83d\ude00")));
        assertThrows(IllegalArgumentException.class, () -> new DerWriter().writeString(StringType.PRINTABLE_STRING, "a@b"));
        assertThrows(IllegalArgumentException.class, () -> new DerWriter().writeString(StringType.IA5_STRING, "\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> new DerWriter().writeString(StringType.BMP_STRING, "\ud83d\ude00"));
        assertThrows(IllegalArgumentException.class, () -> new DerWriter().writeString(StringType.UTF8_STRING, "\ud83d"));
    }

    @Test
    void writesConstructedAndTaggedElements() {
        DerWriter writer = new DerWriter().writeSequence(sequence -> sequence
                .writeExplicit(0, explicit -> explicit.writeInteger(2))
                .writeImplicit(1, implicit -> implicit.writeBoolean(true))
                .writeImplicit(2, implicit -> implicit.writeSequence(inner -> inner.writeNull())));
        assertEquals("300ca003020102" + "8101ff" + "a2020500", hex(writer));
    }

    @Test
    void sortsSetOfElementsByTheirEncoding() {
        DerWriter writer = new DerWriter().writeSetOf(set -> set
                .writeInteger(2)
                .writeOctetString(new byte[] {1})
                .writeInteger(1)
                .writeBoolean(true));
        assertEquals("310c" + "0101ff" + "020101" + "020102" + "040101", hex(writer));
        DerWriter prefix = new DerWriter().writeSetOf(set -> set
                .writeEncoded(HexFormat.of().parseHex("0402aabb"))
                .writeEncoded(HexFormat.of().parseHex("0401aa")));
        assertEquals("3107" + "0401aa" + "0402aabb", hex(prefix));
    }

    @Test
    void implicitTaggingNeedsExactlyOneElement() {
        assertThrows(IllegalArgumentException.class, () -> new DerWriter().writeImplicit(0, none -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> new DerWriter().writeImplicit(0, two -> two.writeNull().writeNull()));
    }

    @Test
    void whatTheWriterProducesTheReaderAccepts() throws DerException {
        byte[] der = new DerWriter().writeSequence(sequence -> sequence
                .writeInteger(-1)
                .writeOid(ObjectIdentifier.of("2.25.329800735698586629295641978511506172918"))
                .writeString(StringType.UTF8_STRING, "\u4e2d\u6587")
                .writeGeneralizedTime(Instant.parse("2100-02-28T00:00:00Z"))
                .writeElement(Tag.contextSpecific(100, false), new byte[] {1, 2, 3})).toByteArray();
        DerReader reader = DerReader.parse(der).contentReader();
        assertEquals(BigInteger.ONE.negate(), reader.readInteger());
        assertEquals("2.25.329800735698586629295641978511506172918", reader.readOid().toString());
        assertEquals("\u4e2d\u6587", reader.readString(StringType.UTF8_STRING));
        assertEquals(Instant.parse("2100-02-28T00:00:00Z"), reader.readGeneralizedTime());
        assertArrayEquals(new byte[] {1, 2, 3}, reader.read(Tag.contextSpecific(100, false)).content());
        reader.end();
    }
}
