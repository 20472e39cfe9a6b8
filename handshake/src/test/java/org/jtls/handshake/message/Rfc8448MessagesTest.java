package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.extension.Cookie;
import org.jtls.handshake.message.extension.EarlyDataIndication;
import org.jtls.handshake.message.extension.EarlyDataMaxSize;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.KeyShareClientHello;
import org.jtls.handshake.message.extension.KeyShareEntry;
import org.jtls.handshake.message.extension.KeyShareHelloRetryRequest;
import org.jtls.handshake.message.extension.KeyShareServerHello;
import org.jtls.handshake.message.extension.Padding;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.ServerNameAck;
import org.jtls.handshake.message.extension.ServerNameList;
import org.jtls.handshake.message.extension.SessionTicket;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionSelection;
import org.jtls.handshake.message.extension.SupportedVersionsOffer;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handshake messages of RFC 8448's TLS 1.3 traces, read from the RFC text: each decodes to
 * the fields the trace describes and re-encodes to the same bytes. Sections: §3 simple 1-RTT
 * handshake, §4 resumption with 0-RTT (PSK binders), §5 HelloRetryRequest, §6 client
 * authentication, §7 compatibility mode.
 */
class Rfc8448MessagesTest {
    private static final int SHA256_LENGTH = 32;
    private static Rfc8448 rfc;

    @BeforeAll
    static void loadTheRfc() {
        rfc = Rfc8448.load().orElse(null);
    }

    private static Rfc8448 rfc() {
        Assumptions.assumeTrue(rfc != null, "RFC 8448 text (../shared/rfc/rfc8448.txt) not found: skipping");
        return rfc;
    }

    private static List<Integer> typeCodes(ClientHello hello) {
        return hello.extensions().entries().stream().map(Extension::typeCode).toList();
    }

    @Test
    void simpleHandshakeClientHello() throws TlsAlertException {
        ClientHello hello = Framed.decode(rfc().value(3, "ClientHello"), HandshakeType.CLIENT_HELLO,
                ClientHello::decode);
        assertEquals(0x0303, hello.legacyVersion());
        assertEquals(Opaque.fromHex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"),
                hello.random());
        assertTrue(hello.legacySessionId().isEmpty());
        assertEquals(List.of(0x1301, 0x1303, 0x1302), hello.cipherSuites());
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384), hello.knownCipherSuites());
        assertEquals(List.of(0), hello.legacyCompressionMethods());
        assertEquals(List.of(0x0000, 0xFF01, 0x000A, 0x0023, 0x0033, 0x002B, 0x000D, 0x002D, 0x001C), typeCodes(hello));

        assertEquals("server", hello.extensions().find(ServerNameList.class).orElseThrow().hostName().orElseThrow());
        assertTrue(hello.extensions().find(RenegotiationInfo.class).orElseThrow().renegotiatedConnection().isEmpty());
        assertEquals(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
                NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144,
                NamedGroup.FFDHE8192), hello.extensions().find(SupportedGroups.class).orElseThrow().knownGroups());
        assertTrue(hello.extensions().find(SessionTicket.class).orElseThrow().ticket().isEmpty());
        KeyShareEntry share = hello.extensions().find(KeyShareClientHello.class).orElseThrow()
                .shareFor(NamedGroup.X25519).orElseThrow();
        assertEquals(Opaque.fromHex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"),
                share.keyExchange());
        assertEquals(List.of(ProtocolVersion.TLS_1_3),
                hello.extensions().find(SupportedVersionsOffer.class).orElseThrow().knownVersions());
        // The trace offers the TLS 1.2 (hash, signature) pairs for DSA, which have no SignatureScheme:
        // kept in place as numbers.
        assertEquals(List.of(0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201,
                0x0402, 0x0502, 0x0602, 0x0202),
                hello.extensions().find(SignatureAlgorithms.class).orElseThrow().schemeCodes());
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE),
                hello.extensions().find(PskKeyExchangeModes.class).orElseThrow().modes());
        assertEquals(16385, hello.extensions().find(RecordSizeLimit.class).orElseThrow().limit());
    }

    @Test
    void simpleHandshakeServerFlight() throws TlsAlertException {
        ServerHello hello = Framed.decode(rfc().value(3, "ServerHello"), HandshakeType.SERVER_HELLO,
                ServerHello::decode);
        assertFalse(hello.isHelloRetryRequest());
        assertEquals(Opaque.fromHex("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928"),
                hello.random());
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, hello.knownCipherSuite().orElseThrow());
        assertEquals(ProtocolVersion.TLS_1_3.code(), hello.selectedVersionCode());
        KeyShareEntry serverShare = hello.extensions().find(KeyShareServerHello.class).orElseThrow().serverShare();
        assertEquals(NamedGroup.X25519, serverShare.group().orElseThrow());
        assertEquals(Opaque.fromHex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"),
                serverShare.keyExchange());
        assertFalse(hello.signalsDowngradeToTls12());

        EncryptedExtensions encrypted = Framed.decode(rfc.value(3, "EncryptedExtensions"),
                HandshakeType.ENCRYPTED_EXTENSIONS, EncryptedExtensions::decode);
        assertEquals(9, encrypted.extensions().find(SupportedGroups.class).orElseThrow().groupCodes().size());
        assertEquals(16385, encrypted.extensions().find(RecordSizeLimit.class).orElseThrow().limit());
        assertTrue(encrypted.extensions().find(ServerNameAck.class).isPresent());

        CertificateTls13 certificate = Framed.decode(rfc.value(3, "Certificate"), HandshakeType.CERTIFICATE,
                CertificateTls13::decode);
        assertTrue(certificate.certificateRequestContext().isEmpty());
        assertEquals(1, certificate.certificateList().size());
        CertificateEntry entry = certificate.certificateList().get(0);
        assertEquals(432, entry.certData().length());
        assertEquals(0x30, entry.certData().unsignedByteAt(0));
        assertTrue(entry.extensions().isEmpty());

        CertificateVerify verify = Framed.decode(rfc.value(3, "CertificateVerify"), HandshakeType.CERTIFICATE_VERIFY,
                body -> CertificateVerify.decode(body, ProtocolVersion.TLS_1_3));
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, verify.signature().scheme().orElseThrow());
        assertEquals(128, verify.signature().signature().length());

        Finished serverFinished = Framed.decode(rfc.value(3, "Finished", 0), HandshakeType.FINISHED,
                body -> Finished.decode(body, SHA256_LENGTH));
        assertEquals(Opaque.fromHex("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"),
                serverFinished.verifyData());
        Finished clientFinished = Framed.decode(rfc.value(3, "Finished", 1), HandshakeType.FINISHED,
                body -> Finished.decode(body, SHA256_LENGTH));
        assertEquals(Opaque.fromHex("a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"),
                clientFinished.verifyData());
    }

    @Test
    void simpleHandshakeNewSessionTicket() throws TlsAlertException {
        NewSessionTicketTls13 ticket = Framed.decode(rfc().value(3, "NewSessionTicket"),
                HandshakeType.NEW_SESSION_TICKET, NewSessionTicketTls13::decode);
        assertEquals(30, ticket.ticketLifetime());
        assertEquals(0xfad6aac5L, ticket.ticketAgeAdd());
        assertEquals(Opaque.fromHex("0000"), ticket.ticketNonce());
        assertEquals(178, ticket.ticket().length());
        assertEquals(1024, ticket.extensions().find(EarlyDataMaxSize.class).orElseThrow().maxEarlyDataSize());
    }

    /**
     * RFC 8448 §4 prints the partial ClientHello the binder is computed over ("ClientHello
     * prefix", 477 octets; the dump labelled "ClientHello" above it shows the same prefix) and the
     * whole ClientHello in the record that carries it (512 octets).
     */
    @Test
    void resumptionClientHelloTruncatesToTheBinderPrefix() throws TlsAlertException {
        byte[] full = rfc().recordPayloadStartingWith(4, HandshakeType.CLIENT_HELLO.code(), 0);
        assertEquals(512, full.length);
        ClientHello hello = Framed.decode(full, HandshakeType.CLIENT_HELLO, ClientHello::decode);
        PreSharedKeyOffer offer = hello.extensions().find(PreSharedKeyOffer.class).orElseThrow();
        assertEquals(ExtensionType.PRE_SHARED_KEY.code(), typeCodes(hello).get(typeCodes(hello).size() - 1));
        assertEquals(1, offer.identities().size());
        assertEquals(4208372427L, offer.identities().get(0).obfuscatedTicketAge());
        assertEquals(Opaque.of(rfc.value(4, "finished")), offer.binders().get(0), "binder = the §4 'finished' value");
        assertTrue(hello.extensions().find(EarlyDataIndication.class).isPresent());
        assertEquals(87, hello.extensions().find(Padding.class).orElseThrow().length());

        byte[] prefix = rfc.value(4, "ClientHello prefix");
        assertEquals(477, prefix.length);
        assertArrayEquals(prefix, hello.truncatedForBinders());
        // The prefix does not depend on the binder values, only on their lengths.
        ClientHello placeholder = hello.withPskBinders(List.of(Opaque.zeros(SHA256_LENGTH)));
        assertArrayEquals(prefix, placeholder.truncatedForBinders());
        assertEquals(hello, placeholder.withPskBinders(offer.binders()));

        ServerHello serverHello = Framed.decode(rfc.value(4, "ServerHello"), HandshakeType.SERVER_HELLO,
                ServerHello::decode);
        assertEquals(0, serverHello.extensions().find(PreSharedKeySelection.class).orElseThrow().selectedIdentity());

        Framed.decode(rfc.value(4, "EndOfEarlyData"), HandshakeType.END_OF_EARLY_DATA, EndOfEarlyData::decode);
    }

    @Test
    void helloRetryRequestIsRecognisedAndItsCookieEchoed() throws TlsAlertException {
        ServerHello retry = Framed.decode(rfc().value(5, "ServerHello", 0), HandshakeType.SERVER_HELLO,
                ServerHello::decode);
        assertTrue(retry.isHelloRetryRequest());
        assertEquals(NamedGroup.SECP256R1,
                retry.extensions().find(KeyShareHelloRetryRequest.class).orElseThrow().selectedGroup().orElseThrow());
        assertEquals(ProtocolVersion.TLS_1_3,
                retry.extensions().find(SupportedVersionSelection.class).orElseThrow().version().orElseThrow());
        Cookie cookie = retry.extensions().find(Cookie.class).orElseThrow();
        assertEquals(114, cookie.cookie().length());

        ClientHello second = Framed.decode(rfc.value(5, "ClientHello", 1), HandshakeType.CLIENT_HELLO,
                ClientHello::decode);
        assertEquals(cookie, second.extensions().find(Cookie.class).orElseThrow());
        assertEquals(65, second.extensions().find(KeyShareClientHello.class).orElseThrow()
                .shareFor(NamedGroup.SECP256R1).orElseThrow().keyExchange().length());

        ServerHello real = Framed.decode(rfc.value(5, "ServerHello", 1), HandshakeType.SERVER_HELLO,
                ServerHello::decode);
        assertFalse(real.isHelloRetryRequest());
    }

    @Test
    void clientAuthenticationMessages() throws TlsAlertException {
        CertificateRequestTls13 request = Framed.decode(rfc().value(6, "CertificateRequest"),
                HandshakeType.CERTIFICATE_REQUEST, CertificateRequestTls13::decode);
        assertTrue(request.certificateRequestContext().isEmpty());
        assertTrue(request.extensions().find(SignatureAlgorithms.class).orElseThrow()
                .contains(SignatureScheme.RSA_PSS_RSAE_SHA256));

        // In §6 the server signs with ECDSA and the client with RSA-PSS.
        CertificateVerify serverVerify = Framed.decode(rfc.value(6, "CertificateVerify", 0),
                HandshakeType.CERTIFICATE_VERIFY, body -> CertificateVerify.decode(body, ProtocolVersion.TLS_1_3));
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, serverVerify.signature().scheme().orElseThrow());
        CertificateVerify clientVerify = Framed.decode(rfc.value(6, "CertificateVerify", 1),
                HandshakeType.CERTIFICATE_VERIFY, body -> CertificateVerify.decode(body, ProtocolVersion.TLS_1_3));
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, clientVerify.signature().scheme().orElseThrow());
        CertificateTls13 clientCertificate = Framed.decode(rfc.value(6, "Certificate", 1), HandshakeType.CERTIFICATE,
                CertificateTls13::decode);
        assertEquals(1, clientCertificate.certificateList().size());
    }

    @Test
    void compatibilityModeEchoesTheSessionId() throws TlsAlertException {
        ClientHello hello = Framed.decode(rfc().value(7, "ClientHello"), HandshakeType.CLIENT_HELLO,
                ClientHello::decode);
        ServerHello serverHello = Framed.decode(rfc.value(7, "ServerHello"), HandshakeType.SERVER_HELLO,
                ServerHello::decode);
        assertEquals(32, hello.legacySessionId().length());
        assertEquals(hello.legacySessionId(), serverHello.legacySessionIdEcho());
    }

    /** Every handshake message the traces print decodes and re-encodes byte for byte. */
    @Test
    void everyTracedHandshakeMessageReencodesIdentically() throws TlsAlertException {
        Map<String, BodyDecoder> decoders = Map.of(
                "ClientHello", ClientHello::decode,
                "ServerHello", ServerHello::decode,
                "EncryptedExtensions", EncryptedExtensions::decode,
                "Certificate", CertificateTls13::decode,
                "CertificateRequest", CertificateRequestTls13::decode,
                "CertificateVerify", body -> CertificateVerify.decode(body, ProtocolVersion.TLS_1_3),
                "Finished", body -> Finished.decode(body, SHA256_LENGTH),
                "NewSessionTicket", NewSessionTicketTls13::decode,
                "EndOfEarlyData", EndOfEarlyData::decode);
        int checked = 0;
        for (Rfc8448.Value value : rfc().values()) {
            BodyDecoder decoder = decoders.get(value.label());
            boolean binderPrefix = value.section() == 4 && value.label().equals("ClientHello");
            if (decoder == null || binderPrefix) {
                continue;
            }
            HandshakeType type = HandshakeType.fromCode(value.bytes()[0] & 0xFF).orElseThrow();
            Framed.decode(value.bytes(), type, decoder);
            checked++;
        }
        // 41 dumps of handshake messages, less the §4 binder prefix printed under the label "ClientHello".
        assertEquals(39, checked, "handshake messages found in RFC 8448");
    }
}
