package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/** TLS 1.3 0-RTT (RFC 8446 §4.2.10, §8) between our client and server. */
class Tls13EarlyDataTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final byte[] EARLY = "GET /early HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static TlsConfig server(TicketKeys keys) {
        return config().certificates(List.of(P256)).ticketKeys(keys).maxEarlyDataSize(16384).build();
    }

    private static TicketKeys keys() {
        return new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofHours(2));
    }

    private static Session firstConnection(TlsConfig server) throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine engine = TlsEngine.server(server);
        client.beginHandshake();
        engine.beginHandshake();
        pump(client, engine);
        Session session = client.resumableSession().orElseThrow();
        assertEquals(16384, session.maxEarlyDataSize());
        return session;
    }

    /** Sends early data with the first flight; returns what the server read before the handshake ended. */
    private static String earlyConnection(TlsConfig clientConfig, TlsConfig serverConfig, List<TlsEvent> clientEvents)
            throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        assertTrue(client.canWriteEarlyData());
        client.writeApplicationData(ByteBuffer.wrap(EARLY));
        ByteBuffer firstFlight = ByteBuffer.wrap(client.drainOutput());
        StringBuilder earlySeen = new StringBuilder();
        while (firstFlight.hasRemaining() || server.applicationDataAvailable() > 0) {
            server.receive(firstFlight);
            server.process();
            ByteBuffer read = ByteBuffer.allocate(256);
            server.readApplicationData(read);
            earlySeen.append(new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII));
        }
        pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, server.status(), server.handshakeState());
        assertTrue(server.session().orElseThrow().resumed());
        exchangeData(client, server);
        for (TlsEvent event = client.pollEvent(); event != null; event = client.pollEvent()) {
            clientEvents.add(event);
        }
        return earlySeen.toString();
    }

    private static boolean answered(List<TlsEvent> events, boolean accepted) {
        return events.contains(new TlsEvent.EarlyDataAnswered(accepted));
    }

    @Test
    void earlyDataIsAcceptedOncePerTicket() throws TlsException {
        TlsConfig server = server(keys());
        Session ticket = firstConnection(server);
        TlsConfig client = config().earlyData(true).resumptionSession(ticket).build();

        List<TlsEvent> events = new ArrayList<>();
        assertEquals(new String(EARLY, StandardCharsets.US_ASCII), earlyConnection(client, server, events));
        assertTrue(answered(events, true), events.toString());

        // The same ticket again: a replay as far as the server can tell. Early data is refused (and
        // skipped unread), the handshake still resumes, and the client is told to send again.
        List<TlsEvent> replayEvents = new ArrayList<>();
        assertEquals("", earlyConnection(client, server, replayEvents));
        assertTrue(answered(replayEvents, false), replayEvents.toString());
    }

    /**
     * RFC 8446 §5.1: only the initial ClientHello may say 0x0301 in its record header. The
     * compatibility change_cipher_spec sent right after a ClientHello with early data must say
     * 0x0303 (openssl 3.0 refuses it otherwise, "wrong version number").
     */
    @Test
    void recordsAfterTheClientHelloWithEarlyDataCarryVersion0x0303() throws TlsException {
        TlsConfig server = server(keys());
        Session ticket = firstConnection(server);
        TlsEngine client = TlsEngine.client(config().earlyData(true).resumptionSession(ticket).build(), "localhost");
        client.beginHandshake();
        client.writeApplicationData(ByteBuffer.wrap(EARLY));
        ByteBuffer flight = ByteBuffer.wrap(client.drainOutput());
        List<Integer> types = new ArrayList<>();
        while (flight.remaining() >= 5) {
            int type = flight.get() & 0xFF;
            int version = flight.getShort() & 0xFFFF;
            int length = flight.getShort() & 0xFFFF;
            flight.position(flight.position() + length);
            types.add(type);
            if (types.size() > 1) {
                assertEquals(0x0303, version, "record " + types.size() + " (type " + type + ")");
            }
        }
        assertEquals(List.of(22, 20, 23), types, "ClientHello, change_cipher_spec, early data");
    }

    @Test
    void aHelloRetryRequestRejectsEarlyData() throws TlsException {
        TlsConfig server = config().certificates(List.of(P256)).ticketKeys(keys()).maxEarlyDataSize(16384)
                .groups(List.of(NamedGroup.SECP384R1, NamedGroup.X25519)).build();
        Session ticket = firstConnection(server);
        TlsConfig client = config().earlyData(true).resumptionSession(ticket)
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)).build();
        // The server prefers P-384 but the client sent an X25519 share: HelloRetryRequest.
        TlsConfig retrying = server.toBuilder().groups(List.of(NamedGroup.SECP384R1)).build();
        List<TlsEvent> events = new ArrayList<>();
        assertEquals("", earlyConnection(client, retrying, events));
        assertTrue(answered(events, false), events.toString());
    }

    @Test
    void serversWithoutEarlyDataNeverAdvertiseIt() throws TlsException {
        TlsConfig server = config().certificates(List.of(P256)).ticketKeys(keys()).build();
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        TlsEngine engine = TlsEngine.server(server);
        client.beginHandshake();
        engine.beginHandshake();
        pump(client, engine);
        assertEquals(0, client.resumableSession().orElseThrow().maxEarlyDataSize());
        TlsEngine resuming = TlsEngine.client(config().earlyData(true)
                .resumptionSession(client.resumableSession().orElseThrow()).build(), "localhost");
        resuming.beginHandshake();
        assertFalse(resuming.canWriteEarlyData());
        assertThrows(IllegalStateException.class, () -> resuming.writeApplicationData(ByteBuffer.wrap(EARLY)));
    }
}
