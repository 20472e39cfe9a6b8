package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignalingCipherSuiteValue;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.extension.AlpnOffer;
import org.jtls.handshake.message.extension.AlpnSelection;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.handshake.message.extension.ExtendedMasterSecret;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.ServerNameList;
import org.jtls.handshake.message.extension.SessionTicket;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TLS 1.2 ECDHE-ECDSA handshake recorded between OpenSSL's s_client and s_server (see the header
 * of {@code openssl-tls12-ecdhe-ecdsa.txt} for how): every message decodes to what OpenSSL sent and
 * re-encodes byte for byte.
 */
class OpensslTls12HandshakeTest {
    private static final ProtocolVersion TLS12 = ProtocolVersion.TLS_1_2;
    private static final Map<String, byte[]> MESSAGES = new HashMap<>();

    @BeforeAll
    static void readTheRecording() throws IOException {
        try (InputStream in = OpensslTls12HandshakeTest.class.getResourceAsStream("openssl-tls12-ecdhe-ecdsa.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] nameAndHex = line.trim().split(" ");
                    MESSAGES.put(nameAndHex[0], HexFormat.of().parseHex(nameAndHex[1]));
                }
            }
        }
    }

    @Test
    void clientHello() throws TlsAlertException {
        ClientHello hello = Framed.decode(MESSAGES.get("ClientHello"), HandshakeType.CLIENT_HELLO, ClientHello::decode);
        assertEquals(TLS12.code(), hello.legacyVersion());
        assertTrue(hello.legacySessionId().isEmpty());
        assertEquals(28, hello.cipherSuites().size());
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, hello.knownCipherSuites().get(0));
        // RFC 5746 §3.3: the SCSV is the last entry, and is no cipher suite.
        assertEquals(SignalingCipherSuiteValue.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code(),
                hello.cipherSuites().get(hello.cipherSuites().size() - 1));
        assertTrue(hello.signals(SignalingCipherSuiteValue.TLS_EMPTY_RENEGOTIATION_INFO_SCSV));
        assertEquals(27, hello.knownCipherSuites().size());

        assertEquals("localhost", hello.extensions().find(ServerNameList.class).orElseThrow().hostName().orElseThrow());
        assertEquals(List.of(0, 1, 2), hello.extensions().find(EcPointFormats.class).orElseThrow().formats());
        assertEquals(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448, NamedGroup.SECP521R1,
                NamedGroup.SECP384R1), hello.extensions().find(SupportedGroups.class).orElseThrow().knownGroups());
        assertTrue(hello.extensions().find(SessionTicket.class).orElseThrow().ticket().isEmpty());
        assertEquals(AlpnOffer.of(List.of("h2", "http/1.1")), hello.extensions().find(AlpnOffer.class).orElseThrow());
        assertTrue(hello.extensions().find(EncryptThenMac.class).isPresent());
        assertTrue(hello.extensions().find(ExtendedMasterSecret.class).isPresent());
        assertTrue(hello.extensions().find(SignatureAlgorithms.class).orElseThrow()
                .contains(SignatureScheme.ED25519));
    }

    @Test
    void serverFlight() throws TlsAlertException {
        ServerHello hello = Framed.decode(MESSAGES.get("ServerHello"), HandshakeType.SERVER_HELLO, ServerHello::decode);
        assertEquals(TLS12.code(), hello.selectedVersionCode());
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, hello.knownCipherSuite().orElseThrow());
        assertTrue(hello.extensions().find(RenegotiationInfo.class).orElseThrow().renegotiatedConnection().isEmpty());
        assertEquals(AlpnSelection.of("h2"), hello.extensions().find(AlpnSelection.class).orElseThrow());
        assertTrue(hello.extensions().find(ExtendedMasterSecret.class).isPresent());
        assertTrue(hello.extensions().find(SessionTicket.class).isPresent());

        Certificate certificate = Framed.decode(MESSAGES.get("Certificate"), HandshakeType.CERTIFICATE,
                Certificate::decode);
        assertEquals(1, certificate.certificateList().size());
        assertEquals(386, certificate.certificateList().get(0).length());

        ServerKeyExchangeEcdhe keyExchange = Framed.decode(MESSAGES.get("ServerKeyExchange"),
                HandshakeType.SERVER_KEY_EXCHANGE,
                body -> ServerKeyExchange.decode(body, CipherSuite.KeyExchange.ECDHE, TLS12));
        assertEquals(NamedGroup.X25519, keyExchange.namedGroup().orElseThrow());
        assertEquals(32, keyExchange.publicPoint().length());
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, keyExchange.signature().scheme().orElseThrow());
        // The signed params are curve_type, the group and the point, exactly as they were sent.
        assertEquals("03001d20" + keyExchange.publicPoint().toHex(),
                HexFormat.of().formatHex(keyExchange.encodedParams()));
        byte[] signed = keyExchange.signedContent(Opaque.zeros(32), hello.random());
        assertEquals(64 + keyExchange.encodedParams().length, signed.length);

        Framed.decode(MESSAGES.get("ServerHelloDone"), HandshakeType.SERVER_HELLO_DONE, ServerHelloDone::decode);
    }

    @Test
    void clientKeyExchangeTicketAndFinished() throws TlsAlertException {
        ClientKeyExchangeEcdhe keyExchange = Framed.decode(MESSAGES.get("ClientKeyExchange"),
                HandshakeType.CLIENT_KEY_EXCHANGE,
                body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.ECDHE, TLS12));
        assertEquals(32, keyExchange.ecdhYc().length());

        NewSessionTicket ticket = Framed.decode(MESSAGES.get("NewSessionTicket"), HandshakeType.NEW_SESSION_TICKET,
                NewSessionTicket::decode);
        assertEquals(7200, ticket.ticketLifetimeHint());
        assertEquals(176, ticket.ticket().length());

        int verifyDataLength = Finished.verifyDataLength(TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
        for (String name : List.of("ClientFinished", "ServerFinished")) {
            Finished finished = Framed.decode(MESSAGES.get(name), HandshakeType.FINISHED,
                    body -> Finished.decode(body, verifyDataLength));
            assertEquals(Finished.TLS_VERIFY_DATA_LENGTH, finished.verifyData().length());
        }
        assertArrayEquals(MESSAGES.get("ServerHelloDone"), new ServerHelloDone().toHandshakeMessage().encoded());
    }
}
