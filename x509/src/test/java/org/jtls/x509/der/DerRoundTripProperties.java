package org.jtls.x509.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What {@link DerWriter} writes, {@link DerReader} reads back as the same value, for random values. */
class DerRoundTripProperties {
    @Property(tries = 500)
    void integersRoundTrip(@ForAll("integers") BigInteger value) throws DerException {
        byte[] der = new DerWriter().writeInteger(value).toByteArray();
        assertEquals(value, DerReader.parse(der).integerValue());
    }

    @Property(tries = 300)
    void longsRoundTrip(@ForAll long value) throws DerException {
        byte[] der = new DerWriter().writeInteger(value).toByteArray();
        assertEquals(value, DerReader.parse(der).longValue(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Property(tries = 500)
    void oidsRoundTrip(@ForAll("oids") String dotted) throws DerException {
        byte[] der = new DerWriter().writeOid(ObjectIdentifier.of(dotted)).toByteArray();
        assertEquals(dotted, DerReader.parse(der).oidValue().toString());
    }

    @Property(tries = 500)
    void stringsRoundTrip(@ForAll("strings") DerValueModel.StringValue value) throws DerException {
        byte[] der = new DerWriter().writeString(value.type(), value.value()).toByteArray();
        assertEquals(new DerString(value.type(), value.value()), DerReader.parse(der).stringValue());
    }

    @Property(tries = 500)
    void timesRoundTrip(@ForAll("times") DerTime time) throws DerException {
        byte[] der = new DerWriter().writeTime(time).toByteArray();
        assertEquals(time, DerReader.parse(der).timeValue());
    }

    @Property(tries = 300)
    void bitStringsRoundTrip(@ForAll byte[] bytes, @ForAll @IntRange(min = 0, max = 7) int unusedBits)
            throws DerException {
        int unused = bytes.length == 0 ? 0 : unusedBits;
        if (bytes.length > 0) {
            bytes[bytes.length - 1] &= (byte) (0xFF << unused);
        }
        BitString value = new BitString(bytes, unused);
        byte[] der = new DerWriter().writeBitString(value).toByteArray();
        assertEquals(value, DerReader.parse(der).bitStringValue());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void nestedStructuresRoundTrip(@ForAll("trees") DerValueModel value) throws DerException {
        DerWriter writer = new DerWriter();
        value.write(writer);
        byte[] der = writer.toByteArray();
        DerReader reader = DerReader.of(der);
        assertEquals(value, DerValueModel.read(reader));
        reader.end();
        assertArrayEquals(der, DerReader.parse(der).encoded());
    }

    @Property(tries = 200)
    void highTagNumbersRoundTrip(@ForAll @IntRange(min = 0, max = (1 << 28) - 1) int number,
            @ForAll TagClass tagClass) throws DerException {
        Tag tag = new Tag(tagClass == TagClass.UNIVERSAL ? TagClass.PRIVATE : tagClass, false, number);
        byte[] der = new DerWriter().writeElement(tag, new byte[] {42}).toByteArray();
        DerElement element = DerReader.parse(der);
        assertEquals(tag, element.tag());
        assertArrayEquals(new byte[] {42}, element.content());
    }

    @Provide
    Arbitrary<BigInteger> integers() {
        return DerValueModel.integers();
    }

    @Provide
    Arbitrary<String> oids() {
        return DerValueModel.oids();
    }

    @Provide
    Arbitrary<DerValueModel.StringValue> strings() {
        return DerValueModel.strings();
    }

    @Provide
    Arbitrary<DerTime> times() {
        return DerValueModel.times();
    }

    @Provide
    Arbitrary<DerValueModel> trees() {
        return DerValueModel.values(4);
    }

}
