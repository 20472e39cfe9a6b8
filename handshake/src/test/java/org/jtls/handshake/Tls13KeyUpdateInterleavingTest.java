package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8446 §4.6.3 / §5.1: a KeyUpdate belongs between flights, never inside one. Through the
 * interceptor a peer sends a KeyUpdate where a message of a handshake flight belongs — in the initial
 * handshake and in post-handshake client authentication — and the receiver answers
 * unexpected_message (without touching its keys). The KeyUpdate framing rules within records are
 * Tls13ProtectedFlightProperties' subject.
 */
class Tls13KeyUpdateInterleavingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final CertifiedKey CLIENT = TestCredentials.ec(EcCurve.P256);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    /** Replaces the first outgoing message of {@code type} with KeyUpdate(update_not_requested or _requested). */
    private static HandshakeInterceptor keyUpdateInsteadOf(HandshakeType type, boolean requested) {
        boolean[] done = {false};
        return message -> {
            if (message.type() != type.code() || done[0]) {
                return message;
            }
            done[0] = true;
            return HandshakeMessage.of(HandshakeType.KEY_UPDATE.code(), new byte[] {(byte) (requested ? 1 : 0)});
        };
    }

    enum InitialFlight {
        /** The server's flight: a KeyUpdate instead of EncryptedExtensions, Certificate, CertificateVerify or Finished. */
        ENCRYPTED_EXTENSIONS(HandshakeType.ENCRYPTED_EXTENSIONS, true),
        CERTIFICATE(HandshakeType.CERTIFICATE, true),
        CERTIFICATE_VERIFY(HandshakeType.CERTIFICATE_VERIFY, true),
        SERVER_FINISHED(HandshakeType.FINISHED, true),
        /** The client's: instead of its Finished. */
        CLIENT_FINISHED(HandshakeType.FINISHED, false);

        final HandshakeType replaced;
        final boolean fromServer;

        InitialFlight(HandshakeType replaced, boolean fromServer) {
            this.replaced = replaced;
            this.fromServer = fromServer;
        }
    }

    @ParameterizedTest
    @EnumSource(InitialFlight.class)
    void aKeyUpdateInsideTheHandshakeIsUnexpected(InitialFlight where) throws TlsException {
        for (boolean requested : List.of(false, true)) {
            HandshakeInterceptor change = keyUpdateInsteadOf(where.replaced, requested);
            TlsConfig.Builder client = config();
            TlsConfig.Builder server = config().certificates(List.of(P256));
            (where.fromServer ? server : client).interceptor(change);
            TlsEngine clientEngine = TlsEngine.client(client.build(), "localhost");
            TlsEngine serverEngine = TlsEngine.server(server.build());
            clientEngine.beginHandshake();
            serverEngine.beginHandshake();
            TlsAlertException failure = assertThrows(TlsAlertException.class,
                    () -> Tls12HandshakeTest.pump(clientEngine, serverEngine));
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, failure.alert(), where + ": " + failure.getMessage());
            assertTrue(failure.isLocal(), "the receiver noticed: " + failure.getMessage());
            TlsEngine receiver = where.fromServer ? clientEngine : serverEngine;
            assertTrue(receiver.status() != TlsEngine.Status.CONNECTED);
        }
    }

    enum AuthenticationFlight {
        CERTIFICATE(HandshakeType.CERTIFICATE),
        CERTIFICATE_VERIFY(HandshakeType.CERTIFICATE_VERIFY),
        FINISHED(HandshakeType.FINISHED);

        final HandshakeType replaced;

        AuthenticationFlight(HandshakeType replaced) {
            this.replaced = replaced;
        }
    }

    /**
     * Post-handshake authentication (§4.6.2): the client's answer is a flight of Certificate,
     * CertificateVerify and Finished. A KeyUpdate in place of any of them is unexpected_message at the
     * server, although a KeyUpdate is welcome just before the request or after the answer.
     */
    @ParameterizedTest
    @EnumSource(AuthenticationFlight.class)
    void aKeyUpdateInsidePostHandshakeAuthenticationIsUnexpected(AuthenticationFlight where) throws TlsException {
        // The client's handshake Finished is its first FINISHED; post-handshake, it is the second.
        int skip = where.replaced == HandshakeType.FINISHED ? 1 : 0;
        int[] seen = {0};
        HandshakeInterceptor change = message -> {
            if (message.type() != where.replaced.code() || seen[0]++ != skip) {
                return message;
            }
            return HandshakeMessage.of(HandshakeType.KEY_UPDATE.code(), new byte[] {0});
        };
        TlsEngine client = TlsEngine.client(config().certificates(List.of(CLIENT)).postHandshakeAuthentication(true)
                .interceptor(change).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(P256)).build());
        client.beginHandshake();
        server.beginHandshake();
        Tls12HandshakeTest.pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        // A KeyUpdate between flights is fine ...
        client.updateKeys(true);
        Tls12HandshakeTest.pump(client, server);
        Tls12HandshakeTest.exchangeData(client, server);
        // ... inside the authentication flight it is not.
        server.requestClientCertificate();
        TlsAlertException failure = assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.pump(client, server));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, failure.alert(), where + ": " + failure.getMessage());
        assertTrue(failure.isLocal(), failure.getMessage());
    }
}
