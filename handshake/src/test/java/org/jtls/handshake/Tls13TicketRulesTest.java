package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.NewSessionTicketTls13;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 tickets (RFC 8446 §4.6.1): several per connection, each its own PSK; the lifetime the
 * server states (capped at seven days), after which neither the client offers a ticket nor the server
 * takes it; and the obfuscated ticket age (§4.2.11.1) the client sends.
 */
class Tls13TicketRulesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static TlsConfig.Builder config(Clock clock) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, clock)
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    /** Records tickets and ClientHellos. */
    static final class Watcher implements HandshakeObserver {
        final List<HandshakeMessage> tickets = new ArrayList<>();
        final List<HandshakeMessage> clientHellos = new ArrayList<>();

        @Override
        public void messageSent(HandshakeMessage message) {
            if (message.type() == HandshakeType.CLIENT_HELLO.code()) {
                clientHellos.add(message);
            }
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            if (message.type() == HandshakeType.NEW_SESSION_TICKET.code()) {
                tickets.add(message);
            }
        }
    }

    private static TlsEngine[] connect(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine clientEngine = TlsEngine.client(client, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.pump(clientEngine, serverEngine);
        assertEquals(TlsEngine.Status.CONNECTED, clientEngine.status(), clientEngine.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, serverEngine.status(), serverEngine.handshakeState());
        return new TlsEngine[] {clientEngine, serverEngine};
    }

    @Test
    void severalTicketsPerConnectionEachResumeOnItsOwn() throws TlsException {
        TestClock clock = new TestClock();
        TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, clock, Duration.ofHours(1),
                Duration.ofHours(2));
        TlsConfig server = config(clock).certificates(List.of(P256)).ticketKeys(keys).tls13TicketCount(4).build();
        Watcher watcher = new Watcher();
        TlsEngine[] first = connect(config(clock).observer(watcher).build(), server);
        assertEquals(4, watcher.tickets.size(), "four NewSessionTickets");
        Set<String> nonces = new HashSet<>();
        Set<String> blobs = new HashSet<>();
        for (HandshakeMessage message : watcher.tickets) {
            NewSessionTicketTls13 ticket = Messages.decode(message, NewSessionTicketTls13::decode);
            nonces.add(ticket.ticketNonce().toString());
            blobs.add(ticket.ticket().toString());
        }
        assertEquals(4, nonces.size(), "distinct ticket_nonce values, so distinct PSKs");
        assertEquals(4, blobs.size());
        long reported = 0;
        for (TlsEvent event = first[0].pollEvent(); event != null; event = first[0].pollEvent()) {
            reported += event instanceof TlsEvent.SessionTicketReceived ? 1 : 0;
        }
        assertEquals(4, reported, "each ticket is reported");

        // The client keeps the last ticket it got. To resume with the k-th, the server's other tickets
        // are turned into lifetime-0 ones, which a client discards at once (§4.6.1).
        for (int k = 0; k < 4; k++) {
            int keep = k;
            int[] seen = {0};
            HandshakeInterceptor onlyTheKth = message -> {
                if (message.type() != HandshakeType.NEW_SESSION_TICKET.code() || seen[0]++ == keep) {
                    return message;
                }
                byte[] body = message.body();
                body[0] = body[1] = body[2] = body[3] = 0; // ticket_lifetime
                return HandshakeMessage.of(message.type(), body);
            };
            TlsEngine[] issued = connect(config(clock).build(), server.toBuilder().interceptor(onlyTheKth).build());
            Session kth = issued[0].resumableSession().orElseThrow(() -> new AssertionError("no ticket kept"));
            Watcher resumedWatcher = new Watcher();
            TlsEngine[] resumed = connect(config(clock).resumptionSession(kth).observer(resumedWatcher).build(), server);
            assertTrue(resumed[0].session().orElseThrow().resumed(), "ticket " + k);
            assertTrue(resumed[1].session().orElseThrow().resumed(), "ticket " + k);
            // Tickets without early data may be used again.
            assertTrue(connect(config(clock).resumptionSession(kth).build(), server)[1].session().orElseThrow()
                    .resumed(), "ticket " + k + " again");
        }
    }

    @Test
    void theLifetimeIsCappedAtSevenDaysAndEndsResumption() throws TlsException {
        TestClock clock = new TestClock();
        TicketKeys longLived = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, clock, Duration.ofDays(1),
                Duration.ofDays(30));
        TlsConfig server = config(clock).certificates(List.of(P256)).ticketKeys(longLived).build();
        Watcher watcher = new Watcher();
        TlsEngine[] first = connect(config(clock).observer(watcher).build(), server);
        NewSessionTicketTls13 ticket = Messages.decode(watcher.tickets.get(0), NewSessionTicketTls13::decode);
        assertEquals(7L * 24 * 3600, ticket.ticketLifetime(), "RFC 8446 §4.6.1: at most seven days");
        Session session = first[0].resumableSession().orElseThrow();

        clock.now = clock.now.plus(Duration.ofDays(7)).minusSeconds(60);
        assertTrue(connect(config(clock).resumptionSession(session).build(), server)[1].session().orElseThrow()
                .resumed(), "a minute before the end it still resumes");

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        Watcher late = new Watcher();
        TlsEngine[] expired = connect(config(clock).resumptionSession(session).observer(late).build(), server);
        assertFalse(expired[1].session().orElseThrow().resumed(), "past its lifetime a ticket is not resumed");
        ClientHello hello = Messages.decode(late.clientHellos.get(0), ClientHello::decode);
        assertTrue(hello.extensions().find(PreSharedKeyOffer.class).isEmpty(), "nor even offered by the client");
    }

    @Test
    void theServerRefusesAnExpiredTicketEvenIfOffered() throws TlsException {
        // The client's clock lags: it still thinks the ticket alive and offers it; the server, whose clock
        // is right, must not take it.
        TestClock serverClock = new TestClock();
        TestClock clientClock = new TestClock();
        TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, serverClock, Duration.ofHours(1),
                Duration.ofHours(2));
        TlsConfig server = config(serverClock).certificates(List.of(P256)).ticketKeys(keys).build();
        Session session = connect(config(clientClock).build(), server)[0].resumableSession().orElseThrow();
        serverClock.now = serverClock.now.plus(Duration.ofHours(3));
        Watcher watcher = new Watcher();
        TlsEngine[] engines = connect(config(clientClock).resumptionSession(session).observer(watcher).build(), server);
        ClientHello hello = Messages.decode(watcher.clientHellos.get(0), ClientHello::decode);
        assertTrue(hello.extensions().find(PreSharedKeyOffer.class).isPresent(), "the client offered it");
        assertFalse(engines[1].session().orElseThrow().resumed());
        assertFalse(engines[0].session().orElseThrow().resumed());
    }

    @Test
    void theObfuscatedTicketAgeIsTheAgeInMillisecondsPlusTicketAgeAdd() throws TlsException {
        TestClock clock = new TestClock();
        TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, clock, Duration.ofHours(1),
                Duration.ofHours(2));
        TlsConfig server = config(clock).certificates(List.of(P256)).ticketKeys(keys).tls13TicketCount(1).build();
        Watcher watcher = new Watcher();
        Session session = connect(config(clock).observer(watcher).build(), server)[0].resumableSession().orElseThrow();
        NewSessionTicketTls13 ticket = Messages.decode(watcher.tickets.get(0), NewSessionTicketTls13::decode);
        clock.now = clock.now.plusMillis(12_345);
        Watcher second = new Watcher();
        assertTrue(connect(config(clock).resumptionSession(session).observer(second).build(), server)[0].session()
                .orElseThrow().resumed());
        PreSharedKeyOffer offer = Messages.decode(second.clientHellos.get(0), ClientHello::decode).extensions()
                .find(PreSharedKeyOffer.class).orElseThrow();
        long expected = (12_345 + ticket.ticketAgeAdd()) & 0xFFFFFFFFL;
        assertEquals(expected, offer.identities().get(0).obfuscatedTicketAge());
    }
}
