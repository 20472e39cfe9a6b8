package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8446 §4.1.3 downgrade sentinels for TLS 1.1 and older (DOWNGRD\0), next to the TLS 1.2 one that
 * Tls13HandshakeTest covers, and the legacy versions being off unless configured.
 */
class DowngradeAndLegacyVersionsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey RSA = TestCredentials.rsa(2048);
    private static final List<CipherSuite> CBC = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_AES_128_GCM_SHA256);

    private static TlsConfig.Builder config(ProtocolVersion... versions) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(versions)).cipherSuites(CBC);
    }

    /** Keeps the server randoms a client receives. */
    private static final class Randoms implements HandshakeObserver {
        final List<Opaque> seen = new ArrayList<>();

        @Override
        public void messageReceived(HandshakeMessage message) {
            if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                seen.add(Opaque.of(java.util.Arrays.copyOfRange(message.body(), 2, 34)));
            }
        }
    }

    private static Opaque serverRandom(TlsConfig.Builder client, TlsConfig.Builder server) throws TlsException {
        Randoms randoms = new Randoms();
        TlsEngine clientEngine = TlsEngine.client(client.observer(randoms).build(), "localhost");
        TlsEngine serverEngine = TlsEngine.server(server.certificates(List.of(RSA)).build());
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.pump(clientEngine, serverEngine);
        assertEquals(TlsEngine.Status.CONNECTED, clientEngine.status(), clientEngine.handshakeState());
        return randoms.seen.get(0);
    }

    @ParameterizedTest
    @EnumSource(names = {"SSL_3_0", "TLS_1_0", "TLS_1_1"})
    void aServerThatCouldDoBetterWritesTheTls11Sentinel(ProtocolVersion old) throws TlsException {
        // A TLS 1.3 server and a TLS 1.2 server settling for an old version both write DOWNGRD\0.
        for (ProtocolVersion best : List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2)) {
            Opaque random = serverRandom(config(old), config(best, old));
            assertTrue(random.endsWith(ServerHello.DOWNGRADE_TLS11), best + " → " + old + ": " + random);
            assertFalse(random.endsWith(ServerHello.DOWNGRADE_TLS12));
        }
        // A server whose best is that old version has nothing to signal.
        Opaque plain = serverRandom(config(old), config(old));
        assertFalse(plain.endsWith(ServerHello.DOWNGRADE_TLS11) || plain.endsWith(ServerHello.DOWNGRADE_TLS12));
    }

    @Test
    void aTls12ServerSettlingForTls12WritesNoSentinel() throws TlsException {
        Opaque random = serverRandom(config(ProtocolVersion.TLS_1_2), config(ProtocolVersion.TLS_1_2));
        assertFalse(random.endsWith(ServerHello.DOWNGRADE_TLS11) || random.endsWith(ServerHello.DOWNGRADE_TLS12));
    }

    /** A man in the middle makes the server old-only; the random still says DOWNGRD\0. */
    @ParameterizedTest
    @EnumSource(names = {"TLS_1_3", "TLS_1_2"})
    void aClientOfferingTls12OrBetterRefusesADowngradeToTls11(ProtocolVersion best) throws TlsException {
        HandshakeInterceptor markDowngrade = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            byte[] body = message.body();
            System.arraycopy(ServerHello.DOWNGRADE_TLS11.toByteArray(), 0, body, 2 + 24, 8);
            return HandshakeMessage.of(message.type(), body);
        };
        TlsEngine client = TlsEngine.client(config(best, ProtocolVersion.TLS_1_1).build(), "localhost");
        TlsEngine server = TlsEngine.server(config(ProtocolVersion.TLS_1_1).certificates(List.of(RSA))
                .interceptor(markDowngrade).build());
        client.beginHandshake();
        server.beginHandshake();
        Tls12HandshakeTest.deliver(client, server);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.deliver(server, client));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert());
        assertTrue(error.isLocal());
        assertTrue(error.getMessage().contains("TLS 1.1 downgrade sentinel"), error.getMessage());
    }

    @Test
    void withoutTheSentinelTheSameClientAcceptsTls11() throws TlsException {
        // The control for the test above: an honest TLS 1.1-only server (its best, so no sentinel).
        Opaque random = serverRandom(config(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1),
                config(ProtocolVersion.TLS_1_1));
        assertFalse(random.endsWith(ServerHello.DOWNGRADE_TLS11));
    }

    // ---------------------------------------------------------------- legacy versions off by default

    @Test
    void legacyVersionsAreOffUnlessConfigured() throws TlsException {
        TlsConfig defaults = TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).build();
        assertEquals(List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2), defaults.versions());
        for (ProtocolVersion old : List.of(ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_1)) {
            // A default server refuses an old-only client with protocol_version ...
            TlsEngine client = TlsEngine.client(config(old).build(), "localhost");
            TlsEngine server = TlsEngine.server(TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM,
                    Clock.systemUTC()).peerVerifier(PeerVerifier.ACCEPT_ANY).certificates(List.of(RSA)).build());
            client.beginHandshake();
            server.beginHandshake();
            TlsAlertException refused = assertThrows(TlsAlertException.class,
                    () -> Tls12HandshakeTest.deliver(client, server));
            assertEquals(AlertDescription.PROTOCOL_VERSION, refused.alert(), old.toString());
            // ... and a default client refuses a ServerHello that picks the old version.
            HandshakeInterceptor pickOld = message -> {
                if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                    return message;
                }
                byte[] body = message.body();
                body[0] = (byte) (old.code() >>> 8);
                body[1] = (byte) old.code();
                return HandshakeMessage.of(message.type(), body);
            };
            TlsEngine defaultClient = TlsEngine.client(TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM,
                    Clock.systemUTC()).peerVerifier(PeerVerifier.ACCEPT_ANY).build(), "localhost");
            TlsEngine tls12Server = TlsEngine.server(config(ProtocolVersion.TLS_1_2).certificates(List.of(RSA))
                    .interceptor(pickOld).build());
            defaultClient.beginHandshake();
            tls12Server.beginHandshake();
            Tls12HandshakeTest.deliver(defaultClient, tls12Server);
            TlsAlertException refusedByServer = assertThrows(TlsAlertException.class,
                    () -> Tls12HandshakeTest.deliver(tls12Server, defaultClient));
            assertTrue(refusedByServer.isLocal(), "the client refused it");
            assertEquals(AlertDescription.PROTOCOL_VERSION, refusedByServer.alert(), refusedByServer.getMessage());
            assertEquals(AlertDescription.PROTOCOL_VERSION, refusedByServer.alert(), old.toString());
        }
    }
}
