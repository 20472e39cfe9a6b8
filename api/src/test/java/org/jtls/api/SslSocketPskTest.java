package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.crypto.HashAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS 1.3 external PSKs through {@link SslPreSharedKeyAuthenticator}, over 127.0.0.1. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SslSocketPskTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 5_000;
    private static final byte[] IDENTITY = "client-7".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final SslConfiguration TLS13 = SslConfiguration.builder().protocol(SslProtocol.TLS_V1_3).build();

    private LoopbackServer server;

    record Outcome(boolean encrypted, String received, SocketError error, String errorString,
            Optional<byte[]> identity, List<String> askedIdentities) {
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A certificate-less TLS 1.3 server knowing one identity and key; echoes one line. */
    private Future<Outcome> pskServer(SslConfiguration configuration, byte[] key) {
        return server.acceptPlain(configuration, socket -> {
            List<String> asked = new ArrayList<>();
            socket.addListener(new SslSocketListener() {
                @Override
                public void preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator authenticator) {
                    asked.add(new String(authenticator.identity(), StandardCharsets.US_ASCII));
                    assertEquals(0, authenticator.identityHint().length);
                    if (java.util.Arrays.equals(authenticator.identity(), IDENTITY)) {
                        authenticator.setPreSharedKey(key);
                    }
                }
            });
            socket.startServerEncryption();
            if (!socket.waitForEncrypted(WAIT)) {
                return new Outcome(false, null, socket.error(), socket.errorString(), socket.preSharedKeyIdentity(),
                        asked);
            }
            String line = SslSocketTest.readLine(socket);
            socket.write("echo: " + line);
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return new Outcome(true, line, socket.error(), socket.errorString(), socket.preSharedKeyIdentity(), asked);
        });
    }

    private static SslSocket pskClient(SslConfiguration configuration, byte[] identity, byte[] key, int port,
            List<Integer> asked) {
        SslSocket socket = new SslSocket(configuration);
        socket.addListener(new SslSocketListener() {
            @Override
            public void preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator authenticator) {
                asked.add(1);
                assertEquals(0, authenticator.identity().length);
                assertEquals(HashAlgorithm.SHA256, authenticator.hash());
                authenticator.setIdentity(identity);
                authenticator.setPreSharedKey(key);
            }
        });
        socket.connectToHostEncrypted("127.0.0.1", port, "localhost");
        return socket;
    }

    @Test
    void matchingKeysConnectWithoutCertificatesAndTheServerLearnsTheIdentity() throws Exception {
        Future<Outcome> served = pskServer(TLS13, KEY);
        List<Integer> asked = new ArrayList<>();
        try (SslSocket socket = pskClient(TLS13, IDENTITY, KEY, server.port(), asked)) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(List.of(1), asked, "the client is asked once, before the handshake");
            assertEquals(SslProtocol.TLS_V1_3, socket.sessionProtocol());
            assertEquals(Optional.empty(), socket.peerCertificate(), "no certificate in a PSK handshake");
            assertArrayEquals(IDENTITY, socket.preSharedKeyIdentity().orElseThrow());
            assertTrue(socket.sessionInfo().orElseThrow().externalPskAuthenticated());
            socket.write("hello\n");
            assertEquals("echo: hello\n", SslSocketTest.readLine(socket));
        }
        Outcome outcome = LoopbackServer.result(served);
        assertTrue(outcome.encrypted(), outcome.errorString());
        assertEquals("hello\n", outcome.received());
        assertArrayEquals(IDENTITY, outcome.identity().orElseThrow());
        assertTrue(outcome.askedIdentities().contains("client-7"), outcome.askedIdentities().toString());
    }

    @Test
    void aWrongKeyFailsTheHandshakeOnBothSides() throws Exception {
        Future<Outcome> served = pskServer(TLS13, OTHER_KEY);
        try (SslSocket socket = pskClient(TLS13, IDENTITY, KEY, server.port(), new ArrayList<>())) {
            assertFalse(socket.waitForEncrypted(WAIT));
            assertFalse(socket.isEncrypted());
            assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, socket.error(), socket.errorString());
            assertEquals(Optional.empty(), socket.preSharedKeyIdentity());
        }
        Outcome outcome = LoopbackServer.result(served);
        assertFalse(outcome.encrypted());
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, outcome.error(), outcome.errorString());
        assertTrue(outcome.errorString().toLowerCase().contains("binder"), outcome.errorString());
    }

    @Test
    void anUnknownIdentityFailsACertificateLessServer() throws Exception {
        Future<Outcome> served = pskServer(TLS13, KEY);
        byte[] stranger = "stranger".getBytes(StandardCharsets.US_ASCII);
        try (SslSocket socket = pskClient(TLS13, stranger, KEY, server.port(), new ArrayList<>())) {
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, socket.error(), socket.errorString());
        }
        Outcome outcome = LoopbackServer.result(served);
        assertFalse(outcome.encrypted());
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, outcome.error(), outcome.errorString());
        assertEquals(List.of("stranger"), outcome.askedIdentities().stream().distinct().toList());
    }

    @Test
    void aClientLeavingTheKeyEmptyDoesACertificateHandshake() throws Exception {
        // The server has a certificate and a PSK listener; the client's listener sets only an identity.
        Future<Outcome> served = pskServer(PKI.server.serverConfiguration(), KEY);
        List<Integer> asked = new ArrayList<>();
        try (SslSocket socket = pskClient(PKI.clientTrustingCa(), IDENTITY, new byte[0], server.port(), asked)) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(List.of(1), asked);
            assertEquals(PKI.server.certificate(), socket.peerCertificate().orElseThrow());
            assertEquals(Optional.empty(), socket.preSharedKeyIdentity());
            assertFalse(socket.sessionInfo().orElseThrow().externalPskAuthenticated());
            socket.write("plain\n");
            assertEquals("echo: plain\n", SslSocketTest.readLine(socket));
        }
        Outcome outcome = LoopbackServer.result(served);
        assertTrue(outcome.encrypted(), outcome.errorString());
        assertEquals(Optional.empty(), outcome.identity());
        assertEquals(List.of(), outcome.askedIdentities(), "no PSK was offered, so the server was not asked");
    }

    @Test
    void aShortKeyIsRefusedBeforeTheHandshake() throws Exception {
        Future<Outcome> served = pskServer(TLS13, KEY);
        try (SslSocket socket = pskClient(TLS13, IDENTITY, new byte[8], server.port(), new ArrayList<>())) {
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(SocketError.SSL_INVALID_USER_DATA_ERROR, socket.error());
            assertTrue(socket.errorString().contains("16 bytes"), socket.errorString());
        }
        assertFalse(LoopbackServer.result(served).encrypted());
    }

    @Test
    void aServerWithoutCertificateOrPskListenerCannotStart() throws Exception {
        Future<Outcome> served = server.acceptPlain(TLS13, socket -> {
            socket.startServerEncryption();
            return new Outcome(socket.isEncrypted(), null, socket.error(), socket.errorString(), Optional.empty(),
                    List.of());
        });
        try (SslSocket socket = new SslSocket(TLS13)) {
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "localhost");
            assertFalse(socket.waitForEncrypted(WAIT));
        }
        Outcome outcome = LoopbackServer.result(served);
        assertEquals(SocketError.SSL_INVALID_USER_DATA_ERROR, outcome.error());
        assertTrue(outcome.errorString().contains("certificate"), outcome.errorString());
    }

    @Test
    void theAuthenticatorValidatesAndHidesTheKey() {
        SslPreSharedKeyAuthenticator authenticator = new SslPreSharedKeyAuthenticator();
        assertEquals(65535, authenticator.maximumIdentityLength());
        assertEquals(65535, authenticator.maximumPreSharedKeyLength());
        assertEquals(0, authenticator.identityHint().length);
        assertThrows(IllegalArgumentException.class, () -> authenticator.setIdentity(new byte[65536]));
        assertThrows(IllegalArgumentException.class, () -> authenticator.setHash(HashAlgorithm.SHA512));
        authenticator.setHash(HashAlgorithm.SHA384);
        assertEquals(HashAlgorithm.SHA384, authenticator.hash());
        byte[] key = KEY.clone();
        authenticator.setPreSharedKey(key);
        key[0] = 0;
        assertArrayEquals(KEY, authenticator.preSharedKey(), "the key is copied in");
        assertFalse(authenticator.toString().contains("0123"), authenticator.toString());
    }
}
