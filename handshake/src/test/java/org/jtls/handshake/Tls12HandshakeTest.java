package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our TLS ≤ 1.2 client against our TLS ≤ 1.2 server, in memory. */
class Tls12HandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey RSA = TestCredentials.rsa(2048);
    private static final CertifiedKey ECDSA = TestCredentials.ec(EcCurve.P256);
    private static final CertifiedKey ED25519 = TestCredentials.ed25519();

    static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .versions(List.of(ProtocolVersion.TLS_1_2));
    }

    /** Moves bytes both ways until neither side has anything to say; returns the rounds taken. */
    static int pump(TlsEngine client, TlsEngine server) throws TlsException {
        int rounds = 0;
        while (client.pendingOutput() > 0 || server.pendingOutput() > 0) {
            if (++rounds > 50) {
                throw new AssertionError("handshake did not settle");
            }
            deliver(client, server);
            deliver(server, client);
        }
        return rounds;
    }

    static void deliver(TlsEngine from, TlsEngine to) throws TlsException {
        ByteBuffer bytes = ByteBuffer.wrap(from.drainOutput());
        while (bytes.hasRemaining()) {
            to.receive(bytes);
            to.process();
            while (to.applicationDataAvailable() > 0) {
                return;
            }
        }
    }

    static SessionInfo connect(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, server.status(), server.handshakeState());
        exchangeData(client, server);
        SessionInfo clientView = client.session().orElseThrow();
        SessionInfo serverView = server.session().orElseThrow();
        assertEquals(clientView.cipherSuite(), serverView.cipherSuite());
        assertEquals(clientView.version(), serverView.version());
        assertEquals(clientView.extendedMasterSecret(), serverView.extendedMasterSecret());
        return clientView;
    }

    static void exchangeData(TlsEngine client, TlsEngine server) throws TlsException {
        byte[] request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[40_000];
        RANDOM.nextBytes(response);
        client.writeApplicationData(ByteBuffer.wrap(request));
        assertArrayEquals(request, readAll(client, server, request.length));
        server.writeApplicationData(ByteBuffer.wrap(response));
        assertArrayEquals(response, readAll(server, client, response.length));
    }

    static byte[] readAll(TlsEngine from, TlsEngine to, int length) throws TlsException {
        ByteBuffer wire = ByteBuffer.wrap(from.drainOutput());
        ByteBuffer out = ByteBuffer.allocate(length);
        int idleRounds = 0;
        while (out.hasRemaining()) {
            int before = out.position() + wire.remaining();
            to.receive(wire);
            to.process();
            to.readApplicationData(out);
            idleRounds = out.position() + wire.remaining() == before ? idleRounds + 1 : 0;
            if (idleRounds > 2) {
                throw new AssertionError("only " + out.position() + " of " + length + " bytes arrived");
            }
        }
        return out.array();
    }

    static Stream<Arguments> suites() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            if (suite.isTls13()) {
                continue;
            }
            CertifiedKey key = suite.authentication() == CipherSuite.Authentication.RSA ? RSA : ECDSA;
            for (ProtocolVersion version : List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1,
                    ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3_0)) {
                if (suite.supports(version)) {
                    cases.add(Arguments.of(suite, version, key));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suites")
    void everySuiteAndVersionConnects(CipherSuite suite, ProtocolVersion version, CertifiedKey key)
            throws TlsException {
        List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.FFDHE2048);
        TlsConfig client = config().versions(List.of(version)).cipherSuites(List.of(suite)).groups(groups)
                .signatureSchemes(List.of(SignatureScheme.values())).build();
        TlsConfig server = config().versions(List.of(version)).cipherSuites(List.of(suite)).groups(groups)
                .signatureSchemes(List.of(SignatureScheme.values())).certificates(List.of(key)).build();
        SessionInfo session = connect(client, server);
        assertEquals(suite, session.cipherSuite());
        assertEquals(version, session.version());
        assertEquals(version != ProtocolVersion.SSL_3_0, session.extendedMasterSecret());
        assertTrue(session.secureRenegotiation());
    }

    @Test
    void defaultsNegotiateTls12WithEcdheAndAead() throws TlsException {
        SessionInfo session = connect(config().build(), config().certificates(List.of(ECDSA)).build());
        assertEquals(ProtocolVersion.TLS_1_2, session.version());
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, session.cipherSuite());
        assertEquals(Optional.of(NamedGroup.X25519), session.group());
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256), session.peerSignatureScheme());
    }

    @Test
    void eddsaCertificatesSignTls12KeyExchanges() throws TlsException {
        SessionInfo session = connect(config().build(), config().certificates(List.of(ED25519)).build());
        assertEquals(Optional.of(SignatureScheme.ED25519), session.peerSignatureScheme());
    }

    @Test
    void alpnAndSniAreNegotiated() throws TlsException {
        TlsEngine client = TlsEngine.client(config().alpnProtocols(List.of("h2", "http/1.1")).build(), "example.test");
        TlsEngine server = TlsEngine.server(config().alpnProtocols(List.of("http/1.1")).certificates(List.of(RSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(Optional.of("http/1.1"), client.session().orElseThrow().applicationProtocol());
        assertEquals(Optional.of("example.test"), server.session().orElseThrow().serverName());
    }

    @Test
    void noCommonAlpnProtocolIsRefused() throws TlsException {
        TlsEngine client = TlsEngine.client(config().alpnProtocols(List.of("h2")).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().alpnProtocols(List.of("imap")).certificates(List.of(RSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, error.alert());
        TlsAlertException received = assertThrows(TlsAlertException.class, () -> deliver(server, client));
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, received.alert());
        assertFalse(received.isLocal());
    }

    @Test
    void clientCertificatesAreRequestedAndVerified() throws TlsException {
        List<List<byte[]>> seenByServer = new ArrayList<>();
        PeerVerifier recording = (chain, name, role) -> {
            if (role == Role.CLIENT) {
                seenByServer.add(chain);
            }
            return List.of();
        };
        TlsConfig client = config().certificates(List.of(ECDSA)).build();
        TlsConfig server = config().certificates(List.of(RSA)).clientAuth(TlsConfig.ClientAuth.REQUIRE)
                .peerVerifier(recording).build();
        SessionInfo session = connect(client, server);
        assertEquals(1, seenByServer.size());
        assertArrayEquals(ECDSA.chain().get(0), seenByServer.get(0).get(0));
        assertEquals(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, session.cipherSuite());
    }

    @Test
    void requiredClientCertificateMissingIsAHandshakeFailure() throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(RSA))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        deliver(server, client);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, error.alert());
    }

    @Test
    void rejectedServerCertificateAbortsWithBadCertificate() throws TlsException {
        PeerVerifier rejectAll = (chain, name, role) -> List.of("untrusted for the test");
        TlsEngine client = TlsEngine.client(config().peerVerifier(rejectAll).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(RSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(server, client));
        assertEquals(AlertDescription.BAD_CERTIFICATE, error.alert());
        assertTrue(error.getMessage().contains("untrusted for the test"), error.getMessage());
        // The alert goes to the server, which fails with it.
        TlsAlertException atServer = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.BAD_CERTIFICATE, atServer.alert());
    }

    @Test
    void fallbackScsvBelowTheServersBestVersionIsInappropriateFallback() throws TlsException {
        List<CipherSuite> cbc = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);
        TlsEngine client = TlsEngine.client(config().versions(List.of(ProtocolVersion.TLS_1_1)).cipherSuites(cbc)
                .sendFallbackScsv(true).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().versions(List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1))
                .cipherSuites(cbc).certificates(List.of(RSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.INAPPROPRIATE_FALLBACK, error.alert());
    }

    @Test
    void fallbackScsvAtTheServersBestVersionIsAccepted() throws TlsException {
        SessionInfo session = connect(config().sendFallbackScsv(true).build(),
                config().certificates(List.of(RSA)).build());
        assertEquals(ProtocolVersion.TLS_1_2, session.version());
    }

    @Test
    void downgradeToTls11IsMarkedInTheServerRandom() throws TlsException {
        TlsConfig client = config().versions(List.of(ProtocolVersion.TLS_1_1)).build();
        TlsConfig server = config().versions(List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1))
                .certificates(List.of(RSA)).cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)).build();
        TlsEngine clientEngine = TlsEngine.client(client.toBuilder()
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)).build(), "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        pump(clientEngine, serverEngine);
        // A TLS 1.1-only client does not check the sentinel (it could not do better); it connects.
        assertEquals(ProtocolVersion.TLS_1_1, clientEngine.session().orElseThrow().version());
    }

    @Test
    void closeNotifyIsAnsweredAndReportedAsCleanClose() throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(ECDSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        client.closeOutbound();
        deliver(client, server);
        assertTrue(server.isInboundClosed());
        assertTrue(server.isOutboundClosed(), "server answers close_notify");
        deliver(server, client);
        assertTrue(client.isInboundClosed());
        assertFalse(client.receiveEndOfStream(), "a close after close_notify is not a truncation");
    }

    @Test
    void endOfStreamWithoutCloseNotifyIsATruncation() throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(ECDSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertTrue(client.receiveEndOfStream());
        boolean sawTruncation = false;
        for (TlsEvent event = client.pollEvent(); event != null; event = client.pollEvent()) {
            sawTruncation |= event instanceof TlsEvent.InboundClosed closed && closed.truncated();
        }
        assertTrue(sawTruncation);
    }

    /** A handshake message as the only content of one plaintext TLS 1.2 handshake record. */
    private static ByteBuffer handshakeRecord(org.jtls.handshake.message.HandshakeBody body) {
        byte[] message = body.toHandshakeMessage().encoded();
        ByteBuffer record = ByteBuffer.allocate(5 + message.length);
        record.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) message.length).put(message).flip();
        return record;
    }

    /** RFC 7627 §5.2; found by GnuTLS with %NO_SESSION_HASH, which the engine used to accept. */
    @Test
    void serverRequiringExtendedMasterSecretRefusesAClientHelloWithoutIt() throws TlsException {
        TlsEngine server = TlsEngine.server(config().requireExtendedMasterSecret(true)
                .certificates(List.of(RSA)).build());
        server.beginHandshake();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        ClientHello withoutEms = new ClientHello(ProtocolVersion.TLS_1_2.code(), Opaque.of(random), Opaque.empty(),
                List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.code()),
                List.of(ClientHello.NULL_COMPRESSION),
                Extensions.of(SupportedGroups.of(List.of(NamedGroup.X25519)),
                        SignatureAlgorithms.of(SignatureScheme.defaults()), EcPointFormats.uncompressedOnly()));
        server.receive(handshakeRecord(withoutEms));
        TlsAlertException error = assertThrows(TlsAlertException.class, server::process);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, error.alert());
        assertTrue(error.isLocal());
    }

    @Test
    void clientRequiringExtendedMasterSecretRefusesAServerHelloWithoutIt() throws TlsException {
        TlsEngine client = TlsEngine.client(config().requireExtendedMasterSecret(true).build(), "localhost");
        client.beginHandshake();
        client.drainOutput();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        ServerHello withoutEms = new ServerHello(ProtocolVersion.TLS_1_2.code(), Opaque.of(random), Opaque.empty(),
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.code(), ClientHello.NULL_COMPRESSION,
                Extensions.of(new RenegotiationInfo(Opaque.empty())));
        client.receive(handshakeRecord(withoutEms));
        TlsAlertException error = assertThrows(TlsAlertException.class, client::process);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, error.alert());
        assertTrue(error.isLocal());
    }

    @Test
    void extendedMasterSecretIsOptionalWhenNotRequired() throws TlsException {
        TlsEngine client = TlsEngine.client(config().requireExtendedMasterSecret(false).build(), "localhost");
        client.beginHandshake();
        client.drainOutput();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        ServerHello withoutEms = new ServerHello(ProtocolVersion.TLS_1_2.code(), Opaque.of(random), Opaque.empty(),
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.code(), ClientHello.NULL_COMPRESSION,
                Extensions.of(new RenegotiationInfo(Opaque.empty())));
        client.receive(handshakeRecord(withoutEms));
        client.process();
        assertEquals("ExpectCertificate", client.handshakeState());
    }
}
