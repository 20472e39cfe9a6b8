package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/** Session resumption by id and by ticket (RFC 5246 §7.3, RFC 5077), between our client and server. */
class Tls12ResumptionTest {
    private static final CertifiedKey ECDSA = TestCredentials.ec(EcCurve.P256);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static TlsConfig.Builder config() {
        return config(Clock.systemUTC());
    }

    private static TlsConfig.Builder config(Clock clock) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, clock)
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .versions(List.of(ProtocolVersion.TLS_1_2));
    }

    private static TlsEngine[] handshake(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost", 443);
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, server.status(), server.handshakeState());
        exchangeData(client, server);
        return new TlsEngine[] {client, server};
    }

    @Test
    void sessionIdsResumeFromTheServerCache() throws TlsException {
        TestClock clock = new TestClock();
        SessionCache serverCache = new SessionCache(100, Duration.ofHours(1), clock);
        SessionCache clientCache = new SessionCache(100, Duration.ofHours(1), clock);
        TlsConfig client = config(clock).sessionCache(clientCache).sessionTickets(false).build();
        TlsConfig server = config(clock).certificates(List.of(ECDSA)).sessionCache(serverCache).build();

        TlsEngine[] first = handshake(client, server);
        assertFalse(first[0].session().orElseThrow().resumed());
        assertEquals(1, serverCache.size());
        assertEquals(1, clientCache.size());

        TlsEngine[] second = handshake(client, server);
        assertTrue(second[0].session().orElseThrow().resumed());
        assertTrue(second[1].session().orElseThrow().resumed());
        assertArrayEquals(first[0].resumableSession().orElseThrow().sessionId(),
                second[0].resumableSession().orElseThrow().sessionId());
        // Resumption keeps the peer's certificates from the original handshake.
        assertArrayEquals(ECDSA.chain().get(0), second[0].session().orElseThrow().peerCertificates().get(0));

        clock.advance(Duration.ofHours(2));
        TlsEngine[] expired = handshake(client, server);
        assertFalse(expired[0].session().orElseThrow().resumed(), "expired sessions are not resumed");
    }

    @Test
    void ticketsResumeWithoutServerState() throws TlsException {
        TestClock clock = new TestClock();
        TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, clock, Duration.ofHours(1),
                Duration.ofHours(4));
        SessionCache clientCache = new SessionCache(100, Duration.ofHours(8), clock);
        TlsConfig client = config(clock).sessionCache(clientCache).build();
        TlsConfig server = config(clock).certificates(List.of(ECDSA)).ticketKeys(keys).build();

        TlsEngine[] first = handshake(client, server);
        Session issued = first[0].resumableSession().orElseThrow();
        assertTrue(issued.hasTicket());
        boolean reported = false;
        for (TlsEvent event = first[0].pollEvent(); event != null; event = first[0].pollEvent()) {
            reported |= event instanceof TlsEvent.SessionTicketReceived;
        }
        assertTrue(reported, "the ticket is reported as an event");
        assertEquals(Duration.ofHours(4).toSeconds(), issued.ticketLifetimeSeconds());

        TlsEngine[] second = handshake(client, server);
        assertTrue(second[0].session().orElseThrow().resumed());
        assertTrue(second[1].session().orElseThrow().resumed());

        // After a key rotation the old ticket still opens (within its lifetime) ...
        clock.advance(Duration.ofMinutes(90));
        assertTrue(handshake(client, server)[0].session().orElseThrow().resumed());
        // ... but not once its lifetime has passed.
        clock.advance(Duration.ofHours(5));
        clientCache.put("localhost:443", issued);
        assertFalse(handshake(client, server)[0].session().orElseThrow().resumed());
    }

    @Test
    void exportedSessionsResumeInAnotherEngine() throws TlsException {
        TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(),
                Duration.ofHours(1), Duration.ofHours(2));
        TlsConfig server = config().certificates(List.of(ECDSA)).ticketKeys(keys).build();
        TlsEngine[] first = handshake(config().build(), server);
        byte[] exported = first[0].resumableSession().orElseThrow().encode();

        Session imported = Session.decode(exported);
        TlsEngine[] second = handshake(config().resumptionSession(imported).build(), server);
        assertTrue(second[0].session().orElseThrow().resumed());
    }

    @Test
    void sessionsWithoutExtendedMasterSecretAreNotResumedByDefault() throws TlsException {
        SessionCache serverCache = new SessionCache(10, Duration.ofHours(1), Clock.systemUTC());
        SessionCache clientCache = new SessionCache(10, Duration.ofHours(1), Clock.systemUTC());
        // SSL 3.0 has no extended master secret: such sessions stay unresumable unless allowed.
        List<CipherSuite> suites = List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        CertifiedKey rsa = TestCredentials.rsa(2048);
        TlsConfig client = config().versions(List.of(ProtocolVersion.SSL_3_0)).cipherSuites(suites)
                .sessionCache(clientCache).build();
        TlsConfig server = config().versions(List.of(ProtocolVersion.SSL_3_0)).cipherSuites(suites)
                .certificates(List.of(rsa)).sessionCache(serverCache).build();
        handshake(client, server);
        assertFalse(handshake(client, server)[0].session().orElseThrow().resumed());

        TlsConfig lenientClient = client.toBuilder().requireExtendedMasterSecret(false).build();
        TlsConfig lenientServer = server.toBuilder().requireExtendedMasterSecret(false).build();
        handshake(lenientClient, lenientServer);
        assertTrue(handshake(lenientClient, lenientServer)[0].session().orElseThrow().resumed());
    }

    @Test
    void unknownTicketsFallBackToAFullHandshake() throws TlsException {
        TicketKeys serverA = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(),
                Duration.ofHours(1), Duration.ofHours(2));
        TicketKeys serverB = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(),
                Duration.ofHours(1), Duration.ofHours(2));
        TlsEngine[] first = handshake(config().build(), config().certificates(List.of(ECDSA)).ticketKeys(serverA).build());
        Session fromA = first[0].resumableSession().orElseThrow();
        TlsEngine[] second = handshake(config().resumptionSession(fromA).build(),
                config().certificates(List.of(ECDSA)).ticketKeys(serverB).build());
        assertFalse(second[0].session().orElseThrow().resumed());
        assertTrue(second[0].resumableSession().orElseThrow().hasTicket(), "the full handshake issues a new ticket");
    }
}
