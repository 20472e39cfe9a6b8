package org.jtls.x509.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.StringType;
import org.jtls.x509.der.Tag;
import org.junit.jupiter.api.Test;

class GeneralNameTest {
    private static List<GeneralName> roundTrip(List<GeneralName> names) throws DerException {
        DerWriter writer = new DerWriter();
        GeneralNames.encodeSequence(writer, names);
        return GeneralNames.decodeSequence(DerReader.of(writer.toByteArray()));
    }

    @Test
    void everyFormRoundTrips() throws DerException {
        byte[] otherValue = new DerWriter().writeString(StringType.UTF8_STRING, "user@realm").toByteArray();
        byte[] x400 = new DerWriter().writeConstructed(Tag.contextSpecific(3, true), inner -> inner.writeNull())
                .toByteArray();
        byte[] edi = new DerWriter().writeConstructed(Tag.contextSpecific(5, true),
                inner -> inner.writeExplicit(1, party -> party.writeString(StringType.UTF8_STRING, "x"))).toByteArray();
        List<GeneralName> names = List.of(
                new GeneralName.OtherName(ObjectIdentifier.of("1.3.6.1.4.1.311.20.2.3"), DerReader.parse(otherValue)),
                new GeneralName.Rfc822Name("admin@example.com"),
                new GeneralName.DnsName("*.example.com"),
                new GeneralName.X400Address(DerReader.parse(x400)),
                new GeneralName.DirectoryName(DistinguishedName.of(
                        AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "dir"))),
                new GeneralName.EdiPartyName(DerReader.parse(edi)),
                new GeneralName.UniformResourceIdentifier("http://crl.example.com/ca.crl"),
                new GeneralName.IpAddress(new byte[] {(byte) 192, 0, 2, 1}),
                new GeneralName.IpAddress(HexFormat.of().parseHex("20010db8000000000000000000000001")),
                new GeneralName.RegisteredId(ObjectIdentifier.of("1.2.3.4")));
        assertEquals(names, roundTrip(names));
    }

    @Test
    void printsLikeOpenssl() {
        assertEquals("DNS:example.com", new GeneralName.DnsName("example.com").toString());
        assertEquals("IP Address:192.0.2.1", new GeneralName.IpAddress(new byte[] {(byte) 192, 0, 2, 1}).toString());
        assertEquals("IP Address:2001:DB8:0:0:0:0:0:1",
                new GeneralName.IpAddress(HexFormat.of().parseHex("20010db8000000000000000000000001")).toString());
        assertEquals("IP:10.0.0.0/255.0.0.0",
                new GeneralName.IpAddress(new byte[] {10, 0, 0, 0, (byte) 255, 0, 0, 0}).toString());
        assertEquals("email:a@b", new GeneralName.Rfc822Name("a@b").toString());
        assertEquals("URI:http://x", new GeneralName.UniformResourceIdentifier("http://x").toString());
    }

    @Test
    void rejectsMalformedNames() {
        byte[] ipOf5 = new DerWriter().writeSequence(names -> names.writeElement(Tag.contextSpecific(7, false),
                new byte[5])).toByteArray();
        DerException e = assertThrows(DerException.class, () -> GeneralNames.decodeSequence(DerReader.of(ipOf5)));
        assertEquals(4, e.offset());
        byte[] nonAsciiDns = new DerWriter().writeSequence(names -> names.writeElement(Tag.contextSpecific(2, false),
                new byte[] {'a', (byte) 0xe9})).toByteArray();
        assertThrows(DerException.class, () -> GeneralNames.decodeSequence(DerReader.of(nonAsciiDns)));
        byte[] constructedDns = new DerWriter().writeSequence(names -> names.writeElement(Tag.contextSpecific(2, true),
                new byte[0])).toByteArray();
        assertThrows(DerException.class, () -> GeneralNames.decodeSequence(DerReader.of(constructedDns)));
        byte[] tag9 = new DerWriter().writeSequence(names -> names.writeElement(Tag.contextSpecific(9, false),
                new byte[0])).toByteArray();
        assertThrows(DerException.class, () -> GeneralNames.decodeSequence(DerReader.of(tag9)));
        DerException empty = assertThrows(DerException.class,
                () -> GeneralNames.decodeSequence(DerReader.of(new byte[] {0x30, 0x00})));
        assertTrue(empty.getMessage().contains("SIZE"));
    }

    @Test
    void refusesValuesTheirTypeCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new GeneralName.DnsName("b\u00fccher.example"));
        assertThrows(IllegalArgumentException.class, () -> new GeneralName.IpAddress(new byte[5]));
    }
}
