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
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8446 §4.1.2–4.1.3 legacy fields in TLS 1.3: both hellos carry legacy_version 0x0303 and null
 * compression; a ServerHello with another legacy_version or a compression method, and a ClientHello
 * offering compression, are refused with illegal_parameter.
 */
class Tls13LegacyFieldsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    @Test
    void bothHellosCarryTheLegacyValues() throws TlsException {
        List<HandshakeMessage> hellos = new ArrayList<>();
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageSent(HandshakeMessage message) {
                if (message.type() == HandshakeType.CLIENT_HELLO.code()) {
                    hellos.add(message);
                }
            }

            @Override
            public void messageReceived(HandshakeMessage message) {
                if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                    hellos.add(message);
                }
            }
        };
        // Tls12HandshakeTest.connect also checks that both ends report the same session: found here, our
        // TLS 1.3 server reported extended_master_secret (a TLS <= 1.2 matter) because the ClientHello
        // offered it, while the client did not.
        SessionInfo session = Tls12HandshakeTest.connect(config().observer(watcher).build(),
                config().certificates(List.of(P256)).build());
        assertEquals(ProtocolVersion.TLS_1_3, session.version());
        assertFalse(session.extendedMasterSecret());
        assertFalse(session.secureRenegotiation());
        ClientHello clientHello = Messages.decode(hellos.get(0), ClientHello::decode);
        ServerHello serverHello = Messages.decode(hellos.get(1), ServerHello::decode);
        assertEquals(0x0303, clientHello.legacyVersion());
        assertEquals(List.of(ClientHello.NULL_COMPRESSION), clientHello.legacyCompressionMethods());
        assertEquals(0x0303, serverHello.legacyVersion());
        assertEquals(ClientHello.NULL_COMPRESSION, serverHello.legacyCompressionMethod());
    }

    /** Our server's ServerHello, changed on its way: legacy_version or the compression method. */
    private static TlsAlertException clientFacing(HandshakeInterceptor change) throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(P256)).interceptor(change).build());
        client.beginHandshake();
        server.beginHandshake();
        Tls12HandshakeTest.deliver(client, server);
        return assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.deliver(server, client));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302, 0x0304, 0x7f1c})
    void theClientRefusesAnotherLegacyVersion(int legacyVersion) throws TlsException {
        TlsAlertException error = clientFacing(message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            byte[] body = message.body();
            body[0] = (byte) (legacyVersion >>> 8);
            body[1] = (byte) legacyVersion;
            return HandshakeMessage.of(message.type(), body);
        });
        assertTrue(error.isLocal());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert(), error.getMessage());
    }

    @Test
    void theClientRefusesACompressionMethod() throws TlsException {
        TlsAlertException error = clientFacing(message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            byte[] body = message.body();
            int sessionIdLength = body[34] & 0xFF;
            body[35 + sessionIdLength + 2] = 1; // DEFLATE
            return HandshakeMessage.of(message.type(), body);
        });
        assertTrue(error.isLocal());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert(), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void theServerRefusesAClientHelloOfferingCompression(int method) throws TlsException {
        HandshakeInterceptor compress = message -> {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                return message;
            }
            try {
                ClientHello hello = Messages.decode(message, ClientHello::decode);
                return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(),
                        hello.cipherSuites(), List.of(method, ClientHello.NULL_COMPRESSION), hello.extensions())
                        .toHandshakeMessage();
            } catch (TlsException e) {
                throw new AssertionError(e);
            }
        };
        TlsEngine client = TlsEngine.client(config().interceptor(compress).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(P256)).build());
        client.beginHandshake();
        server.beginHandshake();
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.deliver(client, server));
        assertTrue(error.isLocal());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert(), error.getMessage());
    }
}
