package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * Session caches (the server's bounded in size, the client's keyed by server name and port) and the
 * RFC 5746 rules: the empty-renegotiation-info SCSV, and insecure renegotiation refused unless
 * explicitly allowed.
 */
class Tls12SessionAndRenegotiationRulesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey ECDSA = TestCredentials.ec(EcCurve.P256);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_2));
    }

    private static TlsEngine[] connect(TlsEngine client, TlsConfig serverConfig) throws TlsException {
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        Tls12HandshakeTest.pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, server.status(), server.handshakeState());
        drain(client);
        drain(server);
        return new TlsEngine[] {client, server};
    }

    private static List<TlsEvent> drain(TlsEngine engine) {
        List<TlsEvent> events = new ArrayList<>();
        for (TlsEvent event = engine.pollEvent(); event != null; event = engine.pollEvent()) {
            events.add(event);
        }
        return events;
    }

    private static boolean resumed(TlsEngine[] engines) {
        boolean client = engines[0].session().orElseThrow().resumed();
        assertEquals(client, engines[1].session().orElseThrow().resumed());
        return client;
    }

    // ---------------------------------------------------------------- session caches

    @Test
    void theServersSessionCacheIsBoundedAndDropsItsOldestEntry() throws TlsException {
        SessionCache serverCache = new SessionCache(2, Duration.ofHours(1), Clock.systemUTC());
        TlsConfig server = config().certificates(List.of(ECDSA)).sessionCache(serverCache).build();
        List<TlsConfig> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TlsConfig client = config().sessionTickets(false)
                    .sessionCache(new SessionCache(10, Duration.ofHours(1), Clock.systemUTC())).build();
            clients.add(client);
            assertFalse(resumed(connect(TlsEngine.client(client, "localhost", 443), server)));
            assertEquals(Math.min(i + 1, 2), serverCache.size(), "never more than the capacity");
        }
        // The first session was pushed out by the third; the second and third resume.
        assertFalse(resumed(connect(TlsEngine.client(clients.get(0), "localhost", 443), server)));
        assertTrue(resumed(connect(TlsEngine.client(clients.get(2), "localhost", 443), server)));
        assertEquals(2, serverCache.size());
    }

    @Test
    void theClientsSessionCacheIsKeyedByServerNameAndPort() throws TlsException {
        SessionCache clientCache = new SessionCache(10, Duration.ofHours(1), Clock.systemUTC());
        TlsConfig client = config().sessionTickets(false).sessionCache(clientCache).build();
        TlsConfig server = config().certificates(List.of(ECDSA))
                .sessionCache(new SessionCache(10, Duration.ofHours(1), Clock.systemUTC())).build();
        assertFalse(resumed(connect(TlsEngine.client(client, "localhost", 443), server)));
        assertTrue(clientCache.get("localhost:443").isPresent());
        // Another port or another name of the same server: the session is not offered.
        for (TlsEngine other : List.of(TlsEngine.client(client, "localhost", 8443),
                TlsEngine.client(client, "127.0.0.1", 443))) {
            assertFalse(resumed(connect(other, server)), "a session is only offered to its own name and port");
        }
        assertTrue(resumed(connect(TlsEngine.client(client, "localhost", 443), server)));
        assertTrue(clientCache.get("localhost:8443").isPresent() && clientCache.get("127.0.0.1:443").isPresent(),
                "each name and port keeps its own session");
    }

    // ---------------------------------------------------------------- RFC 5746

    /** A handshake message as the only content of one plaintext TLS 1.2 record. */
    private static ByteBuffer record(HandshakeMessage message) {
        byte[] encoded = message.encoded();
        ByteBuffer record = ByteBuffer.allocate(5 + encoded.length);
        record.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) encoded.length).put(encoded).flip();
        return record;
    }

    private static ServerHello serverHelloFor(List<Integer> suites, Extensions extensions) throws TlsException {
        TlsEngine server = TlsEngine.server(config().certificates(List.of(ECDSA)).build());
        server.beginHandshake();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        ClientHello hello = new ClientHello(ProtocolVersion.TLS_1_2.code(), Opaque.of(random), Opaque.empty(), suites,
                List.of(ClientHello.NULL_COMPRESSION), extensions);
        server.receive(record(hello.toHandshakeMessage()));
        server.process();
        ByteBuffer out = ByteBuffer.wrap(server.drainOutput());
        out.position(5);
        int type = out.get() & 0xFF;
        assertEquals(HandshakeType.SERVER_HELLO.code(), type);
        int length = ((out.get() & 0xFF) << 16) | ((out.get() & 0xFF) << 8) | (out.get() & 0xFF);
        byte[] body = new byte[length];
        out.get(body);
        return Messages.decode(HandshakeMessage.of(type, body), ServerHello::decode);
    }

    @Test
    void theEmptyRenegotiationInfoScsvCountsAsTheExtension() throws TlsException {
        int suite = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.code();
        Extensions basic = Extensions.of(SupportedGroups.of(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)),
                SignatureAlgorithms.of(SignatureScheme.defaults()), EcPointFormats.uncompressedOnly(),
                new org.jtls.handshake.message.extension.ExtendedMasterSecret());
        // RFC 5746 §3.6: the SCSV in place of the extension; the server answers with an empty renegotiation_info.
        ServerHello withScsv = serverHelloFor(List.of(suite, 0x00FF), basic);
        RenegotiationInfo info = withScsv.extensions().find(RenegotiationInfo.class)
                .orElseThrow(() -> new AssertionError("no renegotiation_info for a client signalling the SCSV"));
        assertEquals(0, info.renegotiatedConnection().toByteArray().length);
        // Neither: a legacy client; the server says nothing about renegotiation.
        ServerHello legacy = serverHelloFor(List.of(suite), basic);
        assertTrue(legacy.extensions().findCode(ExtensionType.RENEGOTIATION_INFO.code()).isEmpty(), legacy.toString());
    }

    /** A client that hides RFC 5746 support: the interceptor strips renegotiation_info from each ClientHello. */
    private static TlsConfig.Builder legacyClient() {
        return config().interceptor(message -> {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                return message;
            }
            try {
                ClientHello hello = Messages.decode(message, ClientHello::decode);
                return hello.withExtensions(hello.extensions().without(ExtensionType.RENEGOTIATION_INFO.code()))
                        .toHandshakeMessage();
            } catch (TlsException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void insecureRenegotiationIsRefusedByDefault() throws TlsException {
        TlsEngine[] engines = connect(TlsEngine.client(legacyClient().build(), "localhost"),
                config().certificates(List.of(ECDSA)).allowClientRenegotiation(true).build());
        assertFalse(engines[0].session().orElseThrow().secureRenegotiation());
        assertFalse(engines[1].session().orElseThrow().secureRenegotiation());
        // Neither side starts one ...
        assertThrows(IllegalStateException.class, engines[0]::renegotiate);
        assertThrows(IllegalStateException.class, engines[1]::renegotiate);
        // ... and a server asked by a client that allows it declines with no_renegotiation, staying connected.
        TlsEngine[] lenientClient = connect(TlsEngine.client(legacyClient().allowLegacyRenegotiation(true).build(),
                "localhost"), config().certificates(List.of(ECDSA)).allowClientRenegotiation(true).build());
        lenientClient[0].renegotiate();
        Tls12HandshakeTest.pump(lenientClient[0], lenientClient[1]);
        List<TlsEvent> events = drain(lenientClient[0]);
        assertTrue(events.stream().anyMatch(event -> event instanceof TlsEvent.AlertReceived received
                && received.alert().code() == AlertDescription.NO_RENEGOTIATION.code()), events.toString());
        assertTrue(drain(lenientClient[1]).stream().noneMatch(TlsEvent.HandshakeCompleted.class::isInstance));
        assertEquals(TlsEngine.Status.CONNECTED, lenientClient[1].status());
        Tls12HandshakeTest.exchangeData(lenientClient[0], lenientClient[1]);
    }

    @Test
    void insecureRenegotiationWorksWhenBothSidesAllowIt() throws TlsException {
        TlsEngine[] engines = connect(TlsEngine.client(legacyClient().allowLegacyRenegotiation(true).build(),
                "localhost"), config().certificates(List.of(ECDSA)).allowLegacyRenegotiation(true).build());
        assertFalse(engines[0].session().orElseThrow().secureRenegotiation());
        engines[1].renegotiate(); // HelloRequest
        Tls12HandshakeTest.pump(engines[0], engines[1]);
        assertEquals(1, drain(engines[0]).stream().filter(TlsEvent.HandshakeCompleted.class::isInstance).count());
        assertEquals(1, drain(engines[1]).stream().filter(TlsEvent.HandshakeCompleted.class::isInstance).count());
        Tls12HandshakeTest.exchangeData(engines[0], engines[1]);
    }
}
