package org.jtls.handshake.message.extension;

import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE;
import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.CLIENT_HELLO;
import static org.jtls.handshake.message.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static org.jtls.handshake.message.extension.ExtensionContext.NEW_SESSION_TICKET;
import static org.jtls.handshake.message.extension.ExtensionContext.SERVER_HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.Opaque;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules extension decoders enforce, and the forms they choose, each shown with a small input. */
class ExtensionRulesTest {

    /** Decodes a block holding one extension of {@code type} with {@code extension_data} {@code dataHex}. */
    private static Extension decodeIn(ExtensionContext context, int type, String dataHex) throws TlsAlertException {
        byte[] data = HexFormat.of().parseHex(dataHex);
        TlsWriter writer = new TlsWriter().startVector(2, 0xFFFF).u16(type).opaque16(data).endVector();
        TlsReader reader = TlsReader.of(writer.toByteArray());
        Extensions block = Extensions.decode(reader, context);
        reader.expectEnd("block");
        return block.entries().get(0);
    }

    private static AlertDescription alertDecoding(ExtensionContext context, int type, String dataHex) {
        return assertThrows(TlsAlertException.class, () -> decodeIn(context, type, dataHex)).alert();
    }

    @Test
    void recordSizeLimitBelow64IsIllegal() throws TlsAlertException {
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertDecoding(CLIENT_HELLO, 28, "003f"));
        assertEquals(new RecordSizeLimit(64), decodeIn(ENCRYPTED_EXTENSIONS, 28, "0040"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 28, "40"));
        assertThrows(IllegalArgumentException.class, () -> new RecordSizeLimit(63));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "05", "ff"})
    void maxFragmentLengthOutsideOneToFourIsIllegal(String code) {
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertDecoding(CLIENT_HELLO, 1, code));
    }

    @Test
    void maxFragmentLengthNamesItsSize() throws TlsAlertException {
        assertEquals(4096, ((MaxFragmentLength) decodeIn(SERVER_HELLO, 1, "04")).fragmentLength());
    }

    @Test
    void paddingMustBeZeros() throws TlsAlertException {
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertDecoding(CLIENT_HELLO, 21, "000001"));
        assertEquals(new Padding(3), decodeIn(CLIENT_HELLO, 21, "000000"));
        assertEquals(new Padding(0), decodeIn(CLIENT_HELLO, 21, ""));
    }

    @Test
    void keyShareMayNotOfferAGroupTwice() {
        String twoX25519 = "000a" + "001d0001aa" + "001d0001bb";
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertDecoding(CLIENT_HELLO, 51, twoX25519));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 51, "0004" + "001d0000"));
    }

    @Test
    void anEmptyClientKeyShareAsksForARetry() throws TlsAlertException {
        KeyShareClientHello empty = (KeyShareClientHello) decodeIn(CLIENT_HELLO, 51, "0000");
        assertTrue(empty.clientShares().isEmpty());
        assertTrue(empty.shareFor(NamedGroup.X25519).isEmpty());
    }

    @Test
    void preSharedKeyNeedsOneBinderPerIdentity() {
        String oneIdentity = "000a" + "0004" + "01020304" + "00000000";
        String twoBinders = "0042" + "20" + "00".repeat(32) + "20" + "11".repeat(32);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertDecoding(CLIENT_HELLO, 41, oneIdentity + twoBinders));
        String shortBinder = "0020" + "1f" + "00".repeat(31);
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 41, oneIdentity + shortBinder));
    }

    @Test
    void preSharedKeyInAServerHelloIsTheSelectedIndex() throws TlsAlertException {
        assertEquals(new PreSharedKeySelection(2), decodeIn(SERVER_HELLO, 41, "0002"));
    }

    @Test
    void serverNameListsAtMostOneNameOfEachType() throws TlsAlertException {
        String twoHostNames = "000c" + "000004" + "61626364" + "000002" + "6566";
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertDecoding(CLIENT_HELLO, 0, twoHostNames));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 0, "0003" + "000000"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 0, "0000"));
        assertEquals(ServerNameList.ofHostName("example.com"),
                decodeIn(CLIENT_HELLO, 0, "000e" + "00000b" + "6578616d706c652e636f6d"));
        assertEquals(new ServerNameAck(), decodeIn(ENCRYPTED_EXTENSIONS, 0, ""));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(SERVER_HELLO, 0, "00"));
    }

    @Test
    void statusRequestTakesItsFormFromTheMessage() throws TlsAlertException {
        assertEquals(OcspStatusRequest.any(), decodeIn(CLIENT_HELLO, 5, "01" + "0000" + "0000"));
        assertEquals(new EmptyStatusRequest(), decodeIn(SERVER_HELLO, 5, ""));
        assertEquals(new EmptyStatusRequest(), decodeIn(CERTIFICATE_REQUEST, 5, ""));
        assertEquals(new StapledOcspResponse(Opaque.fromHex("3003")),
                decodeIn(CERTIFICATE, 5, "01" + "000002" + "3003"));
        // Status types other than ocsp have no defined layout: kept as bytes, for the caller to ignore.
        assertEquals(new RawExtension(5, Opaque.fromHex("02abcdef")), decodeIn(CLIENT_HELLO, 5, "02abcdef"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 5, "01" + "0000"));
    }

    @Test
    void earlyDataTakesItsFormFromTheMessage() throws TlsAlertException {
        assertEquals(new EarlyDataIndication(), decodeIn(CLIENT_HELLO, 42, ""));
        assertEquals(new EarlyDataMaxSize(0x4000), decodeIn(NEW_SESSION_TICKET, 42, "00004000"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(ENCRYPTED_EXTENSIONS, 42, "00"));
    }

    @Test
    void aKnownTypeWithoutAFormInTheMessageIsKeptRaw() throws TlsAlertException {
        Extension keyShareInEncryptedExtensions = decodeIn(ENCRYPTED_EXTENSIONS, 51, "001d0001aa");
        assertEquals(new RawExtension(51, Opaque.fromHex("001d0001aa")), keyShareInEncryptedExtensions);
        assertEquals(ExtensionType.KEY_SHARE, keyShareInEncryptedExtensions.type().orElseThrow());
    }

    @Test
    void tls13RejectsAKnownExtensionInAMessageItIsNotDefinedFor() throws TlsAlertException {
        Extensions keyShareInEncryptedExtensions = Extensions.of(decodeIn(ENCRYPTED_EXTENSIONS, 51, "001d0001aa"));
        TlsAlertException error = assertThrows(TlsAlertException.class,
                () -> keyShareInEncryptedExtensions.requireAllowedInTls13(ENCRYPTED_EXTENSIONS));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert());

        Extensions masterSecretInServerHello = Extensions.of(new ExtendedMasterSecret());
        assertThrows(TlsAlertException.class, () -> masterSecretInServerHello.requireAllowedInTls13(SERVER_HELLO));
        Extensions.of(new ExtendedMasterSecret(), new RawExtension(0x2a2a, Opaque.empty()))
                .requireAllowedInTls13(CLIENT_HELLO);
        Extensions.of(new PreSharedKeySelection(0), new RawExtension(0x7777, Opaque.empty()))
                .requireAllowedInTls13(SERVER_HELLO);
        assertTrue(ExtensionType.STATUS_REQUEST.allowedInTls13(CERTIFICATE));
        assertFalse(ExtensionType.STATUS_REQUEST.allowedInTls13(ENCRYPTED_EXTENSIONS));
    }

    @Test
    void emptyExtensionsMustBeEmpty() {
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 23, "00"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(SERVER_HELLO, 22, "00"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 49, "00"));
    }

    @Test
    void listsMustHoldWholeEntriesAndAtLeastOne() {
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 43, "00"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 43, "03030403"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 13, "0000"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 10, "0003001d00"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 45, "00"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 11, "00"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 47, "0000"));
        assertEquals(AlertDescription.DECODE_ERROR, alertDecoding(CLIENT_HELLO, 44, "0000"));
    }

    @Test
    void sessionTicketIsTheWholeExtensionData() throws TlsAlertException {
        assertEquals(SessionTicket.empty(), decodeIn(CLIENT_HELLO, 35, ""));
        assertEquals(new SessionTicket(Opaque.fromHex("0000")), decodeIn(CLIENT_HELLO, 35, "0000"));
    }

    @Test
    void ecPointFormatsReportsUncompressed() {
        assertTrue(EcPointFormats.uncompressedOnly().includesUncompressed());
        assertFalse(new EcPointFormats(List.of(1, 2)).includesUncompressed());
    }

    @Test
    void greaseCodesAreRecognisedAndNamed() {
        for (int n = 0; n < 16; n++) {
            int grease = 0x0A0A + 0x1010 * n;
            assertTrue(ExtensionType.isGrease(grease), Integer.toHexString(grease));
            assertTrue(ExtensionType.fromCode(grease).isEmpty());
        }
        assertFalse(ExtensionType.isGrease(0x0A1A));
        assertFalse(ExtensionType.isGrease(0x0B0B));
        assertEquals("GREASE (0x3a3a)", CodeNames.namedGroup(0x3a3a));
        assertEquals("x25519 (0x001d)", CodeNames.namedGroup(0x001d));
        assertEquals("unknown (0x7777)", CodeNames.extensionType(0x7777));
        assertEquals("key_share (0x0033)", CodeNames.extensionType(51));
        assertEquals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)", CodeNames.cipherSuite(0x00ff));
    }

    @Test
    void everyNamedTypeHasADistinctCode() {
        assertEquals(ExtensionType.values().length,
                java.util.Arrays.stream(ExtensionType.values()).mapToInt(ExtensionType::code).distinct().count());
        assertEquals(ExtensionType.RENEGOTIATION_INFO, ExtensionType.fromCode(0xff01).orElseThrow());
        assertEquals("application_layer_protocol_negotiation",
                ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION.rfcName());
    }
}
