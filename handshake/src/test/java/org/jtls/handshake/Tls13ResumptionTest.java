package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.deliver;
import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/** TLS 1.3 tickets and PSK resumption (RFC 8446 §2.2, §4.2.11, §4.6.1) between our client and server. */
class Tls13ResumptionTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static TicketKeys ticketKeys() {
        return new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofHours(2));
    }

    private static TlsEngine[] connect(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost", 443);
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        exchangeData(client, server);
        return new TlsEngine[] {client, server};
    }

    @Test
    void ticketsFromOneConnectionResumeTheNext() throws TlsException {
        SessionCache clientCache = new SessionCache(10, Duration.ofHours(1), Clock.systemUTC());
        TlsConfig client = config().sessionCache(clientCache).build();
        TlsConfig server = config().certificates(List.of(P256)).ticketKeys(ticketKeys()).build();

        TlsEngine[] first = connect(client, server);
        long tickets = 0;
        for (TlsEvent event = first[0].pollEvent(); event != null; event = first[0].pollEvent()) {
            tickets += event instanceof TlsEvent.SessionTicketReceived ? 1 : 0;
        }
        assertEquals(2, tickets, "two tickets by default");
        assertFalse(first[0].session().orElseThrow().resumed());

        List<Integer> certificateMessages = new ArrayList<>();
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageReceived(HandshakeMessage message) {
                if (message.type() == HandshakeType.CERTIFICATE.code()) {
                    certificateMessages.add(message.type());
                }
            }
        };
        TlsEngine[] second = connect(client.toBuilder().observer(watcher).build(), server);
        assertTrue(second[0].session().orElseThrow().resumed());
        assertTrue(second[1].session().orElseThrow().resumed());
        assertEquals(List.of(), certificateMessages, "a PSK handshake sends no Certificate");
        assertArrayEquals(P256.chain().get(0), second[0].session().orElseThrow().peerCertificates().get(0));
    }

    /**
     * RFC 8446 §4.2.9: servers issue tickets only for the PSK modes a client lists, so a client that
     * wants tickets lists psk_dhe_ke on its first, PSK-less handshake too (SunJSSE sends none otherwise).
     */
    @Test
    void aFirstClientHelloListsPskModesSoThatServersIssueTickets() throws TlsException {
        List<byte[]> hellos = new ArrayList<>();
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageSent(HandshakeMessage message) {
                if (message.type() == HandshakeType.CLIENT_HELLO.code()) {
                    hellos.add(message.body());
                }
            }
        };
        TlsEngine client = TlsEngine.client(config().observer(watcher).build(), "localhost");
        client.beginHandshake();
        org.jtls.handshake.message.ClientHello hello = org.jtls.handshake.message.ClientHello.decode(
                org.jtls.record.codec.TlsReader.of(hellos.get(0)));
        assertEquals(List.of(org.jtls.handshake.message.extension.PskKeyExchangeModes.PSK_DHE_KE),
                hello.extensions().find(org.jtls.handshake.message.extension.PskKeyExchangeModes.class)
                        .orElseThrow(() -> new AssertionError("no psk_key_exchange_modes")).modes());
        TlsEngine withoutTickets = TlsEngine.client(config().sessionTickets(false).observer(watcher).build(),
                "localhost");
        withoutTickets.beginHandshake();
        assertFalse(org.jtls.handshake.message.ClientHello.decode(org.jtls.record.codec.TlsReader.of(hellos.get(1)))
                .extensions().find(org.jtls.handshake.message.extension.PskKeyExchangeModes.class).isPresent());
    }

    @Test
    void exportedTicketsResumeAfterAHelloRetryRequest() throws TlsException {
        TlsConfig server = config().certificates(List.of(P256)).ticketKeys(ticketKeys())
                .groups(List.of(NamedGroup.SECP384R1)).build();
        TlsEngine[] first = connect(config().groups(List.of(NamedGroup.SECP384R1)).build(), server);
        Session ticket = Session.decode(first[0].resumableSession().orElseThrow().encode());
        // The client's first share is X25519, which the server lacks: it retries for P-384.
        TlsConfig client = config().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1))
                .resumptionSession(ticket).build();
        TlsEngine[] second = connect(client, server);
        assertTrue(second[0].session().orElseThrow().resumed());
    }

    @Test
    void aTamperedBinderIsRefused() throws TlsException {
        TlsConfig server = config().certificates(List.of(P256)).ticketKeys(ticketKeys()).build();
        Session ticket = connect(config().build(), server)[0].resumableSession().orElseThrow();
        HandshakeInterceptor flipBinder = message -> {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                return message;
            }
            byte[] body = message.body();
            body[body.length - 1] ^= 1; // pre_shared_key is last, its binder last in it
            return HandshakeMessage.of(message.type(), body);
        };
        TlsEngine client = TlsEngine.client(config().resumptionSession(ticket).interceptor(flipBinder).build(),
                "localhost");
        TlsEngine engine = TlsEngine.server(server);
        client.beginHandshake();
        engine.beginHandshake();
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(client, engine));
        assertEquals(AlertDescription.DECRYPT_ERROR, error.alert());
    }

    @Test
    void unknownTicketsGetAFullHandshake() throws TlsException {
        Session ticket = connect(config().build(),
                config().certificates(List.of(P256)).ticketKeys(ticketKeys()).build())[0].resumableSession().orElseThrow();
        TlsEngine[] second = connect(config().resumptionSession(ticket).build(),
                config().certificates(List.of(P256)).ticketKeys(ticketKeys()).build());
        assertFalse(second[0].session().orElseThrow().resumed());
    }
}
