package org.jtls.handshake.message;

import static org.jtls.handshake.message.HandBuilt.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.extension.AlpnOffer;
import org.jtls.handshake.message.extension.Cookie;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.KeyShareClientHello;
import org.jtls.handshake.message.extension.KeyShareHelloRetryRequest;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.extension.PskIdentity;
import org.jtls.handshake.message.extension.RawExtension;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionSelection;
import org.jtls.handshake.message.extension.SupportedVersionsOffer;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules a message decoder enforces, each shown with input that breaks it. */
class MessageRulesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SUPPORTED_GROUPS_X25519 = "0002001d";
    private static final String PSK_OFFER = "000a" + "0004" + "01020304" + "00000000"
            + "0021" + "20" + "00".repeat(32);

    private static AlertDescription alertOf(Executable decoding) {
        return assertThrows(TlsAlertException.class, decoding::run).alert();
    }

    @FunctionalInterface
    interface Executable {
        void run() throws TlsAlertException;
    }

    private static ClientHello decodeClientHello(byte[] body) throws TlsAlertException {
        return ClientHello.decode(TlsReader.of(body));
    }

    @Test
    void rejectsAClientHelloWithTheSameExtensionTwice() {
        byte[] body = HandBuilt.clientHello(List.of(0x1301), List.of(entry(10, SUPPORTED_GROUPS_X25519),
                entry(43, "020304"), entry(10, SUPPORTED_GROUPS_X25519)));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(body)));
    }

    @Test
    void rejectsRepeatedUnknownAndGreaseExtensionsToo() {
        byte[] body = HandBuilt.clientHello(List.of(0x1301), List.of(entry(0x1a1a, ""), entry(0x1a1a, "00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(body)));
    }

    @Test
    void rejectsAClientHelloWhosePreSharedKeyIsNotLast() {
        byte[] body = HandBuilt.clientHello(List.of(0x1301),
                List.of(entry(41, PSK_OFFER), entry(10, SUPPORTED_GROUPS_X25519)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> decodeClientHello(body)));
    }

    @Test
    void acceptsPreSharedKeyLastAndRefusesToBuildItElsewhere() throws TlsAlertException {
        byte[] body = HandBuilt.clientHello(List.of(0x1301),
                List.of(entry(10, SUPPORTED_GROUPS_X25519), entry(41, PSK_OFFER)));
        ClientHello hello = decodeClientHello(body);
        PreSharedKeyOffer offer = hello.extensions().find(PreSharedKeyOffer.class).orElseThrow();
        assertEquals(List.of(new PskIdentity(Opaque.fromHex("01020304"), 0)), offer.identities());

        Extensions misplaced = Extensions.of(offer, SupportedGroups.of(List.of(NamedGroup.X25519)));
        assertThrows(IllegalArgumentException.class, () -> hello.withExtensions(misplaced));
    }

    @Test
    void keepsGreaseCipherSuitesExtensionsGroupsVersionsAndSchemesInPlace() throws TlsAlertException {
        byte[] body = HandBuilt.clientHello(List.of(0x2a2a, 0x1301, 0x00ff, 0xfafa),
                List.of(entry(0x0a0a, ""), entry(10, "0004" + "3a3a" + "001d"),
                        entry(51, "000a" + "3a3a0001" + "00" + "001d0001" + "07"),
                        entry(43, "04" + "4a4a" + "0304"), entry(13, "0004" + "5a5a" + "0804"),
                        entry(0xdada, "00")));
        ClientHello hello = decodeClientHello(body);

        assertEquals(List.of(0x2a2a, 0x1301, 0x00ff, 0xfafa), hello.cipherSuites());
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256), hello.knownCipherSuites());
        assertEquals(new RawExtension(0x0a0a, Opaque.empty()), hello.extensions().entries().get(0));
        assertEquals(new RawExtension(0xdada, Opaque.fromHex("00")), hello.extensions().entries().get(5));
        SupportedGroups groups = hello.extensions().find(SupportedGroups.class).orElseThrow();
        assertEquals(List.of(0x3a3a, 0x001d), groups.groupCodes());
        assertEquals(List.of(NamedGroup.X25519), groups.knownGroups());
        assertEquals(0x3a3a, hello.extensions().find(KeyShareClientHello.class).orElseThrow()
                .clientShares().get(0).groupCode());
        assertEquals(List.of(0x4a4a, 0x0304),
                hello.extensions().find(SupportedVersionsOffer.class).orElseThrow().versionCodes());
        assertEquals(List.of(0x5a5a, 0x0804),
                hello.extensions().find(SignatureAlgorithms.class).orElseThrow().schemeCodes());
        assertArrayEquals(body, hello.encodeBody());
        assertTrue(hello.toString().contains("GREASE (0x2a2a)"), hello.toString());
    }

    @Test
    void rejectsAnEmptyOrOddCipherSuiteList() {
        byte[] empty = HandBuilt.clientHello(List.of(), null);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(empty)));

        TlsWriter odd = new TlsWriter();
        odd.u16(0x0303).bytes(new byte[32]).opaque8(new byte[0]).opaque16(new byte[] {0x13, 0x01, 0x13})
                .opaque8(new byte[] {0});
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(odd.toByteArray())));
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(0x0303, Opaque.zeros(32), Opaque.empty(),
                List.of(), List.of(0), Extensions.empty()));
    }

    @Test
    void rejectsMissingCompressionMethodsAndLongSessionIds() {
        TlsWriter noCompression = new TlsWriter();
        noCompression.u16(0x0303).bytes(new byte[32]).opaque8(new byte[0]).opaque16(new byte[] {0x13, 0x01})
                .opaque8(new byte[0]);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(noCompression.toByteArray())));

        TlsWriter longSessionId = new TlsWriter();
        longSessionId.u16(0x0303).bytes(new byte[32]).opaque8(new byte[33]).opaque16(new byte[] {0x13, 0x01})
                .opaque8(new byte[] {0});
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(longSessionId.toByteArray())));
    }

    /** RFC 5246 §7.4.1.2: a hello may end after its compression methods; that is not an empty block. */
    @Test
    void keepsAnAbsentExtensionBlockApartFromAnEmptyOne() throws TlsAlertException {
        byte[] withoutBlock = HandBuilt.clientHello(List.of(0x002f), null);
        byte[] withEmptyBlock = HandBuilt.clientHello(List.of(0x002f), List.of());
        ClientHello oldStyle = decodeClientHello(withoutBlock);
        ClientHello empty = decodeClientHello(withEmptyBlock);

        assertEquals(Optional.empty(), oldStyle.extensionBlock());
        assertEquals(Optional.of(Extensions.empty()), empty.extensionBlock());
        assertTrue(oldStyle.extensions().isEmpty());
        assertNotEquals(oldStyle, empty);
        assertArrayEquals(withoutBlock, oldStyle.encodeBody());
        assertArrayEquals(withEmptyBlock, empty.encodeBody());
    }

    @Test
    void recognisesAHelloRetryRequestByItsRandomAndDecodesItsForms() throws TlsAlertException {
        List<HandBuilt.RawEntry> extensions = List.of(entry(51, "0017"), entry(43, "0304"), entry(44, "0003abcdef"));
        ServerHello retry = ServerHello.decode(TlsReader.of(
                HandBuilt.serverHello(ServerHello.HELLO_RETRY_REQUEST_RANDOM, extensions)));
        assertTrue(retry.isHelloRetryRequest());
        assertEquals(NamedGroup.SECP256R1,
                retry.extensions().find(KeyShareHelloRetryRequest.class).orElseThrow().selectedGroup().orElseThrow());
        assertEquals(new Cookie(Opaque.fromHex("abcdef")), retry.extensions().find(Cookie.class).orElseThrow());
        assertTrue(retry.toString().startsWith("HelloRetryRequest{"));

        // The same extensions in an ordinary ServerHello: a two-byte key_share is no KeyShareEntry.
        byte[] ordinary = HandBuilt.serverHello(Opaque.zeros(32), extensions);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerHello.decode(TlsReader.of(ordinary))));
    }

    @Test
    void rejectsAHelloRetryRequestWithoutExtensions() {
        byte[] bare = HandBuilt.serverHello(ServerHello.HELLO_RETRY_REQUEST_RANDOM, null);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerHello.decode(TlsReader.of(bare))));
        byte[] tooSmall = HandBuilt.serverHello(ServerHello.HELLO_RETRY_REQUEST_RANDOM, List.of(entry(44, "00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerHello.decode(TlsReader.of(tooSmall))));
        assertThrows(IllegalArgumentException.class, () -> new ServerHello(0x0303,
                ServerHello.HELLO_RETRY_REQUEST_RANDOM, Opaque.empty(), 0x1301, 0, Optional.empty()));
    }

    @Test
    void readsTheDowngradeSentinels() {
        Opaque random = Opaque.fromHex("11".repeat(32));
        Opaque tls12 = ServerHello.withDowngradeSentinel(random, ServerHello.DOWNGRADE_TLS12);
        Opaque tls11 = ServerHello.withDowngradeSentinel(random, ServerHello.DOWNGRADE_TLS11);
        assertEquals(Opaque.fromHex("11".repeat(24) + "444f574e47524401"), tls12);

        ServerHello downgraded = new ServerHello(0x0303, tls12, Opaque.empty(), 0xc02f, 0, Extensions.empty());
        assertTrue(downgraded.signalsDowngradeToTls12());
        assertFalse(downgraded.signalsDowngradeToTls11OrBelow());
        ServerHello older = new ServerHello(0x0302, tls11, Opaque.empty(), 0xc013, 0, Extensions.empty());
        assertTrue(older.signalsDowngradeToTls11OrBelow());
        assertFalse(older.signalsDowngradeToTls12());
        assertEquals(0x0302, older.selectedVersionCode());
        ServerHello tls13 = new ServerHello(0x0303, random, Opaque.empty(), 0x1301, 0,
                Extensions.of(SupportedVersionSelection.of(ProtocolVersion.TLS_1_3)));
        assertEquals(0x0304, tls13.selectedVersionCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 0x7f, 0xff})
    void rejectsKeyUpdateRequestsOtherThanZeroAndOne(int value) {
        byte[] body = {(byte) value};
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> KeyUpdate.decode(TlsReader.of(body))));
    }

    @Test
    void rejectsKeyUpdateBodiesOfTheWrongLength() throws TlsAlertException {
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> KeyUpdate.decode(TlsReader.of(new byte[0]))));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> KeyUpdate.decode(TlsReader.of(new byte[] {1, 0}))));
        assertEquals(KeyUpdate.Request.UPDATE_REQUESTED,
                KeyUpdate.decode(TlsReader.of(new byte[] {1})).requestUpdate());
    }

    @Test
    void rejectsAnAlpnOfferWithAnEmptyProtocolName() {
        // protocol_name_list: "h2" then an empty name.
        byte[] body = HandBuilt.clientHello(List.of(0x1301), List.of(entry(16, "0004" + "02" + "6832" + "00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> decodeClientHello(body)));
        assertThrows(IllegalArgumentException.class, () -> new AlpnOffer(List.of(Opaque.empty())));
    }

    @Test
    void rejectsAServerAlpnAnswerThatIsNotExactlyOneName() {
        byte[] two = HandBuilt.serverHello(Opaque.zeros(32),
                List.of(entry(16, "0006" + "02" + "6832" + "02" + "6833")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerHello.decode(TlsReader.of(two))));
        byte[] empty = HandBuilt.serverHello(Opaque.zeros(32), List.of(entry(16, "0001" + "00")));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerHello.decode(TlsReader.of(empty))));
    }

    @Test
    void finishedMustHaveTheExpectedLength() throws TlsAlertException {
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> Finished.decode(TlsReader.of(new byte[11]), 12)));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> Finished.decode(TlsReader.of(new byte[13]), 12)));
        assertEquals(36, Finished.decode(TlsReader.of(new byte[36]), 36).verifyData().length());
        assertEquals(36, Finished.verifyDataLength(ProtocolVersion.SSL_3_0, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA));
        assertEquals(48, Finished.verifyDataLength(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_256_GCM_SHA384));
    }

    @Test
    void ecdheParametersMustUseANamedCurve() {
        TlsWriter explicitPrime = new TlsWriter().u8(1).u16(0x0017).opaque8(new byte[] {4}).u16(0x0403)
                .opaque16(new byte[8]);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> ServerKeyExchange.decode(
                TlsReader.of(explicitPrime.toByteArray()), CipherSuite.KeyExchange.ECDHE, ProtocolVersion.TLS_1_2)));
    }

    @Test
    void signaturesCarryASchemeFromTls12On() throws TlsAlertException {
        byte[] point = {4, 1, 2};
        byte[] tls12 = new TlsWriter().u8(3).u16(0x0017).opaque8(point).u16(0x0403).opaque16(new byte[] {9})
                .toByteArray();
        byte[] tls10 = new TlsWriter().u8(3).u16(0x0017).opaque8(point).opaque16(new byte[] {9}).toByteArray();
        ServerKeyExchange modern = ServerKeyExchange.decode(TlsReader.of(tls12), CipherSuite.KeyExchange.ECDHE,
                ProtocolVersion.TLS_1_2);
        ServerKeyExchange legacy = ServerKeyExchange.decode(TlsReader.of(tls10), CipherSuite.KeyExchange.ECDHE,
                ProtocolVersion.TLS_1_0);
        assertEquals(0x0403, modern.signature().schemeCode().getAsInt());
        assertTrue(legacy.signature().schemeCode().isEmpty());
        assertArrayEquals(modern.encodedParams(), legacy.encodedParams());
        // Read with the wrong version, each is malformed.
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerKeyExchange.decode(TlsReader.of(tls10),
                CipherSuite.KeyExchange.ECDHE, ProtocolVersion.TLS_1_2)));
        assertThrows(IllegalArgumentException.class, () -> ServerKeyExchange.decode(TlsReader.of(tls12),
                CipherSuite.KeyExchange.RSA, ProtocolVersion.TLS_1_2));
    }

    @Test
    void certificateRequestHasSignatureAlgorithmsOnlyInTls12() throws TlsAlertException {
        byte[] tls11 = new TlsWriter().opaque8(new byte[] {1, 64}).opaque16(new byte[0]).toByteArray();
        CertificateRequest request = CertificateRequest.decode(TlsReader.of(tls11), ProtocolVersion.TLS_1_1);
        assertEquals(List.of(CertificateRequest.RSA_SIGN, CertificateRequest.ECDSA_SIGN), request.certificateTypes());
        assertTrue(request.supportedSignatureAlgorithms().isEmpty());
        assertEquals(AlertDescription.DECODE_ERROR,
                alertOf(() -> CertificateRequest.decode(TlsReader.of(tls11), ProtocolVersion.TLS_1_2)));
    }

    @Test
    void rsaKeyExchangeIsBareInSsl3AndLengthPrefixedInTls() throws TlsAlertException {
        Opaque encrypted = Opaque.fromHex("0102030405");
        assertEquals("0102030405", HEX.formatHex(new ClientKeyExchangeRsa(encrypted, ProtocolVersion.SSL_3_0)
                .encodeBody()));
        assertEquals("00050102030405", HEX.formatHex(new ClientKeyExchangeRsa(encrypted, ProtocolVersion.TLS_1_0)
                .encodeBody()));
        ClientKeyExchange decoded = ClientKeyExchange.decode(TlsReader.of(HEX.parseHex("0102030405")),
                CipherSuite.KeyExchange.RSA, ProtocolVersion.SSL_3_0);
        assertEquals(new ClientKeyExchangeRsa(encrypted, ProtocolVersion.SSL_3_0), decoded);
    }

    @Test
    void certificateStatusMustBeOcsp() {
        byte[] ocspMulti = new TlsWriter().u8(2).opaque24(new byte[] {1}).toByteArray();
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                alertOf(() -> CertificateStatus.decode(TlsReader.of(ocspMulti))));
    }

    @Test
    void emptyMessagesMustBeEmpty() {
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> ServerHelloDone.decode(TlsReader.of(new byte[1]))));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> HelloRequest.decode(TlsReader.of(new byte[1]))));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> EndOfEarlyData.decode(TlsReader.of(new byte[1]))));
    }

    @Test
    void aMessageOfAnotherTypeIsUnexpected() {
        HandshakeMessage finished = new Finished(Opaque.zeros(12)).toHandshakeMessage();
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertOf(() -> HandshakeType.CLIENT_HELLO.bodyOf(finished)));
    }

    @Test
    void valuesAreImmutable() {
        byte[] bytes = {1, 2, 3};
        Opaque opaque = Opaque.of(bytes);
        bytes[0] = 9;
        opaque.toByteArray()[1] = 9;
        assertEquals(Opaque.fromHex("010203"), opaque);

        List<Integer> suites = new java.util.ArrayList<>(List.of(0x1301));
        ClientHello hello = new ClientHello(0x0303, Opaque.zeros(32), Opaque.empty(), suites, List.of(0),
                Extensions.empty());
        suites.add(0x1302);
        assertEquals(List.of(0x1301), hello.cipherSuites());
        assertThrows(UnsupportedOperationException.class, () -> hello.cipherSuites().add(1));
    }

    @Test
    void extensionsCanBeReplacedAndRemoved() {
        Extensions block = Extensions.of(SupportedGroups.of(List.of(NamedGroup.X25519)),
                new RawExtension(0x1a1a, Opaque.empty()));
        Extensions replaced = block.with(SupportedGroups.of(List.of(NamedGroup.SECP256R1)));
        assertEquals(List.of(NamedGroup.SECP256R1),
                replaced.find(SupportedGroups.class).orElseThrow().knownGroups());
        assertEquals(0, replaced.entries().indexOf(replaced.find(ExtensionType.SUPPORTED_GROUPS).orElseThrow()));
        assertEquals(1, replaced.without(ExtensionType.SUPPORTED_GROUPS.code()).size());
        assertInstanceOf(RawExtension.class, block.findCode(0x1a1a).orElseThrow());
        assertThrows(IllegalArgumentException.class,
                () -> Extensions.of(new RawExtension(5, Opaque.empty()), new RawExtension(5, Opaque.empty())));
    }
}
