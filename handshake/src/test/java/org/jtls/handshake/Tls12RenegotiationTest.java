package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.config;
import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.EcCurve;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/** Secure renegotiation (RFC 5746) between our client and server. */
class Tls12RenegotiationTest {
    private static final CertifiedKey ECDSA = TestCredentials.ec(EcCurve.P256);

    private static TlsEngine[] connect(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        drainEvents(client);
        drainEvents(server);
        return new TlsEngine[] {client, server};
    }

    private static List<TlsEvent> drainEvents(TlsEngine engine) {
        List<TlsEvent> events = new ArrayList<>();
        for (TlsEvent event = engine.pollEvent(); event != null; event = engine.pollEvent()) {
            events.add(event);
        }
        return events;
    }

    private static long completions(List<TlsEvent> events) {
        return events.stream().filter(TlsEvent.HandshakeCompleted.class::isInstance).count();
    }

    @Test
    void clientInitiatedRenegotiationWhenTheServerAllowsIt() throws TlsException {
        TlsEngine[] engines = connect(config().build(),
                config().certificates(List.of(ECDSA)).allowClientRenegotiation(true).build());
        engines[0].renegotiate();
        pump(engines[0], engines[1]);
        assertEquals(1, completions(drainEvents(engines[0])));
        assertEquals(1, completions(drainEvents(engines[1])));
        assertTrue(engines[0].session().orElseThrow().secureRenegotiation());
        exchangeData(engines[0], engines[1]);
    }

    @Test
    void serverInitiatedRenegotiationWithHelloRequest() throws TlsException {
        TlsEngine[] engines = connect(config().build(), config().certificates(List.of(ECDSA)).build());
        engines[1].renegotiate();
        pump(engines[0], engines[1]);
        assertEquals(1, completions(drainEvents(engines[0])));
        assertEquals(1, completions(drainEvents(engines[1])));
        exchangeData(engines[0], engines[1]);
    }

    @Test
    void applicationDataInterleavesWithARenegotiation() throws TlsException {
        TlsEngine[] engines = connect(config().build(),
                config().certificates(List.of(ECDSA)).allowClientRenegotiation(true).build());
        engines[0].renegotiate();
        byte[] data = "during renegotiation".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        engines[0].writeApplicationData(ByteBuffer.wrap(data));
        pump(engines[0], engines[1]);
        ByteBuffer received = ByteBuffer.allocate(data.length);
        engines[1].readApplicationData(received);
        assertEquals(new String(data, java.nio.charset.StandardCharsets.US_ASCII),
                new String(received.array(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(TlsEngine.Status.CONNECTED, engines[0].status());
    }

    @Test
    void serversDeclineClientRenegotiationByDefault() throws TlsException {
        TlsEngine[] engines = connect(config().build(), config().certificates(List.of(ECDSA)).build());
        engines[0].renegotiate();
        pump(engines[0], engines[1]);
        List<TlsEvent> clientEvents = drainEvents(engines[0]);
        assertTrue(clientEvents.stream().anyMatch(event -> event instanceof TlsEvent.AlertReceived received
                && received.alert().code() == AlertDescription.NO_RENEGOTIATION.code()), clientEvents.toString());
        // The refusal leaves the connection as it was, on both sides.
        assertEquals(TlsEngine.Status.CONNECTED, engines[1].status());
        assertEquals("Tls12Connected", engines[0].handshakeState());
        exchangeData(engines[0], engines[1]);
    }

    @Test
    void renegotiationsBeyondTheRateLimitAreDeclined() throws TlsException {
        TlsEngine[] engines = connect(config().build(), config().certificates(List.of(ECDSA))
                .allowClientRenegotiation(true).maxRenegotiationsPerMinute(2).build());
        for (int i = 0; i < 2; i++) {
            engines[0].renegotiate();
            pump(engines[0], engines[1]);
            assertEquals(1, completions(drainEvents(engines[1])));
        }
        engines[0].renegotiate();
        pump(engines[0], engines[1]);
        assertEquals(0, completions(drainEvents(engines[1])));
    }

    @Test
    void renegotiationNeedsAnEstablishedConnection() throws TlsException {
        TlsEngine client = TlsEngine.client(config().build(), "localhost");
        assertThrows(IllegalStateException.class, client::renegotiate);
        client.beginHandshake();
        assertThrows(IllegalStateException.class, client::renegotiate);
    }
}
