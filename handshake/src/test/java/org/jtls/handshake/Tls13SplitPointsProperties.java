package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * The TLS 1.3 counterpart of {@link EngineRobustnessProperties#splitPointsDoNotChangeTheHandshakeOrTheData}:
 * the same TLS 1.3 handshake (suite, group, with or without a HelloRetryRequest, with or without
 * client authentication, resumed or not) fed in TCP chunks of any size — single bytes, more than the
 * engine's receive buffer, several receives before a process — negotiates exactly what whole flights
 * negotiate, and application data of any length arrives intact both ways. (TLS 1.3 records are
 * protected from the ServerHello on, so re-framing them is not possible from outside; the chunking
 * cuts through record headers, records and coalesced messages alike.)
 */
class Tls13SplitPointsProperties {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey SERVER = TestCredentials.ec(EcCurve.P256);
    private static final CertifiedKey CLIENT = TestCredentials.ec(EcCurve.P384);
    private static final TicketKeys TICKET_KEYS = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM,
            Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(2));

    record Case(CipherSuite suite, NamedGroup group, boolean helloRetry, boolean clientAuth, boolean resumed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        List<CipherSuite> suites = java.util.stream.Stream.of(CipherSuite.values()).filter(CipherSuite::isTls13).toList();
        return Combinators.combine(Arbitraries.of(suites),
                Arbitraries.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X25519MLKEM768, NamedGroup.X448),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Case::new);
    }

    @Provide
    Arbitrary<Conversation.Delivery> deliveries() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 4)),
                Tuple.of(3, Arbitraries.integers().between(5, 300)),
                Tuple.of(2, Arbitraries.integers().between(301, 20_000)),
                Tuple.of(1, Arbitraries.integers().between(20_001, 80_000)));
        return Combinators.combine(size.list().ofMinSize(1).ofMaxSize(8), Arbitraries.integers().between(1, 4))
                .as(Conversation.Delivery::new);
    }

    private static TlsConfig.Builder common(Case c) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3))
                .cipherSuites(List.of(c.suite()));
    }

    /** A fresh conversation for the case; with {@code resumption} the client offers that ticket. */
    private static Conversation conversation(Case c, Session resumption) {
        // HRR: the client's first (and only key-shared) group is one the server does not take.
        NamedGroup first = c.group() == NamedGroup.X25519 ? NamedGroup.SECP384R1 : NamedGroup.X25519;
        TlsConfig.Builder client = common(c).groups(c.helloRetry() ? List.of(first, c.group()) : List.of(c.group()));
        if (c.clientAuth()) {
            client.certificates(List.of(CLIENT));
        }
        if (resumption != null) {
            client.resumptionSession(resumption);
        }
        TlsConfig.Builder server = common(c).groups(List.of(c.group())).certificates(List.of(SERVER))
                .ticketKeys(TICKET_KEYS).clientAuth(c.clientAuth() ? TlsConfig.ClientAuth.REQUIRE : TlsConfig.ClientAuth.NONE);
        return new Conversation(client.build(), server.build()).tls13();
    }

    private static String describe(TlsEngine engine) {
        SessionInfo session = engine.session().orElseThrow();
        return session.version() + " " + session.cipherSuite() + " " + session.group() + " resumed="
                + session.resumed() + " certificates=" + session.peerCertificates().size() + " scheme="
                + session.peerSignatureScheme();
    }

    @Property(tries = 60)
    void splitPointsDoNotChangeTheHandshakeOrTheData(@ForAll("cases") Case c,
            @ForAll("deliveries") Conversation.Delivery delivery,
            @ForAll @IntRange(max = 70_000) int clientDataLength, @ForAll @IntRange(max = 70_000) int serverDataLength,
            @ForAll long dataSeed) {
        Session ticket = null;
        if (c.resumed()) {
            Conversation issuing = conversation(c, null).handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(issuing.bothConnected(), issuing.toString());
            ticket = issuing.client.engine.resumableSession().orElseThrow(() -> new AssertionError("no ticket"));
        }
        Conversation whole = conversation(c, ticket).handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
        assertTrue(whole.bothConnected(), "whole flights: " + whole);
        Conversation split = conversation(c, ticket).handshake(Conversation.UNTOUCHED, delivery);
        assertTrue(split.bothConnected(), "split " + delivery + ": " + split);
        assertEquals(describe(whole.client.engine), describe(split.client.engine));
        assertEquals(describe(whole.server.engine), describe(split.server.engine));
        assertEquals(c.resumed(), split.server.engine.session().orElseThrow().resumed());

        Random data = new Random(dataSeed);
        byte[] fromClient = new byte[clientDataLength];
        byte[] fromServer = new byte[serverDataLength];
        data.nextBytes(fromClient);
        data.nextBytes(fromServer);
        split.write(split.client, fromClient);
        split.write(split.server, fromServer);
        split.run(Conversation.UNTOUCHED, delivery);
        assertArrayEquals(fromClient, split.server.applicationData.toByteArray(), "client → server data");
        assertArrayEquals(fromServer, split.client.applicationData.toByteArray(), "server → client data");
        Statistics.label("case").collect((c.helloRetry() ? "HRR " : "") + (c.clientAuth() ? "client-auth " : "")
                + (c.resumed() ? "resumed" : "full"));
    }
}
