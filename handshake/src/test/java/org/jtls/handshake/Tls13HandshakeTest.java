package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.deliver;
import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our TLS 1.3 client against our TLS 1.3 server, in memory. */
class Tls13HandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey RSA = TestCredentials.rsa(2048);
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final CertifiedKey P384 = TestCredentials.ec(EcCurve.P384);
    private static final CertifiedKey ED25519 = TestCredentials.ed25519();

    static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY);
    }

    static TlsEngine[] connect(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, server.status(), server.handshakeState());
        exchangeData(client, server);
        return new TlsEngine[] {client, server};
    }

    static Stream<Arguments> suitesGroupsAndKeys() {
        List<Arguments> cases = new ArrayList<>();
        List<CertifiedKey> keys = List.of(RSA, P256, P384, ED25519);
        for (CipherSuite suite : CipherSuite.values()) {
            if (!suite.isTls13()) {
                continue;
            }
            for (NamedGroup group : NamedGroup.values()) {
                if (group.kind() == NamedGroup.Kind.FFDHE && group != NamedGroup.FFDHE2048) {
                    continue; // the larger ffdhe groups are slow; one stands for them
                }
                cases.add(Arguments.of(suite, group, keys.get(cases.size() % keys.size())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesGroupsAndKeys")
    void everySuiteAndGroupConnects(CipherSuite suite, NamedGroup group, CertifiedKey key) throws TlsException {
        TlsConfig client = config().versions(List.of(ProtocolVersion.TLS_1_3)).cipherSuites(List.of(suite))
                .groups(List.of(group)).build();
        TlsConfig server = config().versions(List.of(ProtocolVersion.TLS_1_3)).cipherSuites(List.of(suite))
                .groups(List.of(group)).certificates(List.of(key)).build();
        SessionInfo session = connect(client, server)[0].session().orElseThrow();
        assertEquals(ProtocolVersion.TLS_1_3, session.version());
        assertEquals(suite, session.cipherSuite());
        assertEquals(Optional.of(group), session.group());
    }

    @ParameterizedTest
    @MethodSource("tls13Schemes")
    void everyTls13SignatureSchemeAuthenticates(SignatureScheme scheme, CertifiedKey key) throws TlsException {
        TlsConfig client = config().signatureSchemes(List.of(scheme)).build();
        TlsConfig server = config().signatureSchemes(List.of(scheme)).certificates(List.of(key)).build();
        assertEquals(Optional.of(scheme), connect(client, server)[0].session().orElseThrow().peerSignatureScheme());
    }

    static Stream<Arguments> tls13Schemes() {
        return Stream.of(
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA256, RSA),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA384, RSA),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA512, RSA),
                Arguments.of(SignatureScheme.ECDSA_SECP256R1_SHA256, P256),
                Arguments.of(SignatureScheme.ECDSA_SECP384R1_SHA384, P384),
                Arguments.of(SignatureScheme.ED25519, ED25519));
    }

    @Test
    void defaultsNegotiateTls13WithTheHybridGroup() throws TlsException {
        SessionInfo session = connect(config().build(), config().certificates(List.of(P256)).build())[0]
                .session().orElseThrow();
        assertEquals(ProtocolVersion.TLS_1_3, session.version());
        assertEquals(Optional.of(NamedGroup.X25519MLKEM768), session.group());
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, session.cipherSuite());
    }

    /**
     * extended_master_secret is a TLS ≤ 1.2 extension: a TLS 1.3 client without it (SunJSSE with only
     * TLSv1.3 enabled) must be served even though the server requires it for TLS 1.2.
     */
    @Test
    void aTls13ClientWithoutExtendedMasterSecretIsServed() throws TlsException {
        HandshakeInterceptor dropEms = message -> {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                return message;
            }
            try {
                org.jtls.handshake.message.ClientHello hello = org.jtls.handshake.message.ClientHello.decode(
                        org.jtls.record.codec.TlsReader.of(message.body()));
                org.jtls.record.codec.TlsWriter writer = new org.jtls.record.codec.TlsWriter();
                hello.withExtensions(hello.extensions().without(23)).encode(writer);
                return HandshakeMessage.of(message.type(), writer.toByteArray());
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        };
        TlsConfig client = config().versions(List.of(ProtocolVersion.TLS_1_3)).interceptor(dropEms).build();
        TlsConfig server = config().requireExtendedMasterSecret(true).certificates(List.of(P256)).build();
        TlsEngine[] engines = connect(client, server);
        assertEquals(ProtocolVersion.TLS_1_3, engines[1].session().orElseThrow().version());
    }

    @Test
    void helloRetryRequestFetchesAShareForTheServersGroup() throws TlsException {
        TlsConfig client = config().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)).build();
        TlsConfig server = config().groups(List.of(NamedGroup.SECP384R1)).certificates(List.of(P256)).build();
        List<Integer> serverHellos = new ArrayList<>();
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageReceived(HandshakeMessage message) {
                if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                    serverHellos.add(message.type());
                }
            }
        };
        TlsEngine[] engines = connect(client.toBuilder().observer(watcher).build(), server);
        assertEquals(2, serverHellos.size(), "a HelloRetryRequest then the ServerHello");
        assertEquals(Optional.of(NamedGroup.SECP384R1), engines[0].session().orElseThrow().group());
    }

    @Test
    void clientAuthenticationInTls13() throws TlsException {
        List<List<byte[]>> seen = new ArrayList<>();
        PeerVerifier recording = (chain, name, role) -> {
            if (role == Role.CLIENT) {
                seen.add(chain);
            }
            return List.of();
        };
        TlsEngine[] engines = connect(config().certificates(List.of(ED25519)).build(),
                config().certificates(List.of(RSA)).clientAuth(TlsConfig.ClientAuth.REQUIRE).peerVerifier(recording).build());
        assertEquals(1, seen.size());
        assertArrayEquals(ED25519.chain().get(0), engines[1].session().orElseThrow().peerCertificates().get(0));
        assertEquals(Optional.of(SignatureScheme.ED25519), engines[1].session().orElseThrow().peerSignatureScheme());
    }

    @Test
    void missingRequiredClientCertificateIsCertificateRequired() throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(RSA)).clientAuth(TlsConfig.ClientAuth.REQUIRE).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        deliver(server, client);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, error.alert());
    }

    @Test
    void keyUpdatesBothWaysKeepDataFlowing() throws TlsException {
        TlsEngine[] engines = connect(config().build(), config().certificates(List.of(P256)).build());
        engines[0].updateKeys(true);
        pump(engines[0], engines[1]);
        exchangeData(engines[0], engines[1]);
        engines[1].updateKeys(false);
        exchangeData(engines[0], engines[1]);
    }

    @Test
    void tls12OnlyClientsGetTls12AndTheSentinelIsWritten() throws TlsException {
        List<byte[]> serverRandoms = new ArrayList<>();
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageReceived(HandshakeMessage message) {
                if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                    serverRandoms.add(java.util.Arrays.copyOfRange(message.body(), 2, 34));
                }
            }
        };
        TlsEngine[] engines = connect(config().versions(List.of(ProtocolVersion.TLS_1_2)).observer(watcher).build(),
                config().certificates(List.of(P256)).build());
        assertEquals(ProtocolVersion.TLS_1_2, engines[0].session().orElseThrow().version());
        assertTrue(Opaque.of(serverRandoms.get(0)).endsWith(ServerHello.DOWNGRADE_TLS12), "RFC 8446 §4.1.3 sentinel");
    }

    @Test
    void aClientOfferingTls13RefusesADowngradedServerHello() throws TlsException {
        // A "man in the middle" turns the server into a TLS 1.2-only one whose random still says DOWNGRD01.
        HandshakeInterceptor markDowngrade = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            byte[] body = message.body();
            System.arraycopy(ServerHello.DOWNGRADE_TLS12.toByteArray(), 0, body, 2 + 24, 8);
            return HandshakeMessage.of(message.type(), body);
        };
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine server = TlsEngine.server(config().versions(List.of(ProtocolVersion.TLS_1_2))
                .certificates(List.of(P256)).interceptor(markDowngrade).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(server, client));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert());
        assertTrue(error.getMessage().contains("downgrade"), error.getMessage());
    }

    /** Regression: the client used to ignore an unknown extension it never offered in a ServerHello. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void anUnofferedExtensionInAServerHelloOrHelloRetryRequestIsUnsupportedExtension(boolean retry)
            throws TlsException {
        HandshakeInterceptor addUnknown = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            byte[] body = message.body();
            int extensions = 2 + 32 + 1 + (body[2 + 32] & 0xFF) + 2 + 1;
            int length = ((body[extensions] & 0xFF) << 8 | (body[extensions + 1] & 0xFF)) + 4;
            byte[] longer = java.util.Arrays.copyOf(body, body.length + 4);
            longer[extensions] = (byte) (length >>> 8);
            longer[extensions + 1] = (byte) length;
            longer[body.length] = 0x12; // 0x1234: unassigned, so never offered
            longer[body.length + 1] = 0x34;
            return HandshakeMessage.of(message.type(), longer);
        };
        TlsEngine client = TlsEngine.client(config().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)).build(),
                "localhost");
        TlsEngine server = TlsEngine.server(config().groups(List.of(retry ? NamedGroup.SECP384R1 : NamedGroup.X25519))
                .certificates(List.of(P256)).interceptor(addUnknown).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(server, client));
        assertEquals(AlertDescription.UNSUPPORTED_EXTENSION, error.alert());
        if (!retry) {
            // The client has no keys yet, so its alert travels in the clear; the server, already
            // reading under the client handshake keys, still learns why (RecordLayer's plaintext-alert
            // window) instead of failing with unexpected_message.
            TlsAlertException heard = assertThrows(TlsAlertException.class, () -> deliver(client, server));
            assertEquals(AlertDescription.UNSUPPORTED_EXTENSION, heard.alert());
            assertTrue(!heard.isLocal(), "the server received the client's alert");
        }
    }

    /** Once a protected record from the client has arrived, a plaintext alert is refused again. */
    @Test
    void plaintextAlertsAreRefusedAfterTheClientsFirstProtectedRecord() throws TlsException {
        TlsEngine client = TlsEngine.client(config().versions(List.of(ProtocolVersion.TLS_1_3)).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(P256)).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        deliver(server, client);
        deliver(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        byte[] plaintextAlert = {21, 3, 3, 0, 2, 2, 40};
        server.receive(java.nio.ByteBuffer.wrap(plaintextAlert));
        TlsAlertException error = assertThrows(TlsAlertException.class, server::process);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, error.alert());
        assertTrue(error.isLocal());
    }

    @Test
    void bothEndsExportTheSameKeyingMaterial() throws TlsException {
        for (ProtocolVersion version : List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_0)) {
            List<CipherSuite> suites = version == ProtocolVersion.TLS_1_0
                    ? List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA) : CipherSuite.defaults();
            TlsEngine[] engines = connect(config().versions(List.of(version)).cipherSuites(suites).build(),
                    config().versions(List.of(version)).cipherSuites(suites).certificates(List.of(P256)).build());
            byte[] context = {1, 2, 3};
            byte[] client = engines[0].exportKeyingMaterial("EXPORTER-test", context, 40);
            assertArrayEquals(client, engines[1].exportKeyingMaterial("EXPORTER-test", context, 40), version.name());
            assertTrue(!java.util.Arrays.equals(client, engines[0].exportKeyingMaterial("EXPORTER-other", context, 40)));
            assertEquals(40, client.length);
        }
    }

    @Test
    void postHandshakeAuthenticationAfterTicketsAndKeyUpdates() throws TlsException {
        TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(),
                java.time.Duration.ofHours(1), java.time.Duration.ofHours(2));
        TlsEngine[] engines = connect(config().certificates(List.of(P384)).postHandshakeAuthentication(true).build(),
                config().certificates(List.of(P256)).ticketKeys(keys).clientAuth(TlsConfig.ClientAuth.REQUEST).build());
        // Tickets and a KeyUpdate travel first; none of them may enter the transcript.
        engines[0].updateKeys(true);
        pump(engines[0], engines[1]);
        engines[1].requestClientCertificate();
        pump(engines[0], engines[1]);
        List<byte[]> updated = null;
        for (TlsEvent event = engines[1].pollEvent(); event != null; event = engines[1].pollEvent()) {
            if (event instanceof TlsEvent.PeerCertificateUpdated update) {
                updated = update.chain();
            }
        }
        assertArrayEquals(P384.chain().get(0), updated.get(0));
        exchangeData(engines[0], engines[1]);
        // A second request works too (the transcript was restored).
        engines[1].requestClientCertificate();
        pump(engines[0], engines[1]);
        exchangeData(engines[0], engines[1]);
    }

    @Test
    void postHandshakeAuthenticationNeedsTheClientsOffer() throws TlsException {
        TlsEngine[] engines = connect(config().build(), config().certificates(List.of(P256)).build());
        assertThrows(IllegalStateException.class, engines[1]::requestClientCertificate);
    }

    @Test
    void serverSendsTicketsNeverUnasked() throws TlsException {
        // Without ticket keys no NewSessionTicket is sent; the client keeps none.
        TlsEngine[] engines = connect(config().build(), config().certificates(List.of(P256)).build());
        for (TlsEvent event = engines[0].pollEvent(); event != null; event = engines[0].pollEvent()) {
            assertTrue(!(event instanceof TlsEvent.SessionTicketReceived), event.toString());
        }
    }

    @Test
    void aClientRefusingTheServerCertificateSendsAnAlertTheServerCanRead() throws TlsException {
        TlsEngine client = TlsEngine.client(config().versions(List.of(ProtocolVersion.TLS_1_3))
                .peerVerifier((chain, serverName, role) -> List.of("not the server we wanted")).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(P256)).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        TlsAlertException refused = assertThrows(TlsAlertException.class, () -> deliver(server, client));
        assertEquals(AlertDescription.BAD_CERTIFICATE, refused.alert());
        // RFC 8446 Appendix A.1: the alert goes out under the client handshake keys the server reads with.
        TlsAlertException heard = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.BAD_CERTIFICATE, heard.alert());
        assertTrue(!heard.isLocal(), "the server received the client's alert");
    }

    /**
     * extended_master_secret is a TLS 1.2 extension (RFC 7627); a TLS 1.3 client need not send it,
     * and a server requiring it (the default) must still take such a client in TLS 1.3. (It used to
     * abort with handshake_failure, found replaying RFC 8448, whose ClientHello has none.)
     */
    @Test
    void serverRequiringExtendedMasterSecretTakesATls13ClientWithoutIt() throws TlsException {
        TlsConfig client = config().versions(List.of(ProtocolVersion.TLS_1_3)).interceptor(message -> {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                return message;
            }
            try {
                ClientHello hello = org.jtls.handshake.core.Messages.decode(message, ClientHello::decode);
                assertTrue(hello.extensions().findCode(0x0017).isPresent());
                return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(),
                        hello.cipherSuites(), hello.legacyCompressionMethods(), hello.extensions().without(0x0017))
                        .toHandshakeMessage();
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        }).build();
        TlsConfig server = config().certificates(List.of(RSA)).build();
        assertTrue(server.requireExtendedMasterSecret());
        connect(client, server);
    }
}
