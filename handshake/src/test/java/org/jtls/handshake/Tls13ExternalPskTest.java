package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.deliver;
import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.TlsConfig.PskKeyExchangeMode;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 external PSKs (RFC 8446 §4.2.11, "ext binder" of §7.1; RFC 9258: one hash per key) between
 * our client ({@link TlsConfig.Builder#externalPsk}) and server ({@link TlsConfig.Builder#externalPskLookup}).
 */
class Tls13ExternalPskTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final byte[] IDENTITY = "client-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final ExternalPsk PSK = ExternalPsk.sha256(IDENTITY, SECRET);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    /** A server knowing only {@code known}, without certificates. */
    private static TlsConfig.Builder pskServer(ExternalPsk... known) {
        return config().externalPskLookup(identity -> Arrays.stream(known).filter(psk -> psk.hasIdentity(identity))
                .findFirst());
    }

    private static TicketKeys ticketKeys() {
        return new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofHours(2));
    }

    private static final class Recorder implements HandshakeObserver {
        final List<HandshakeMessage> sent = new ArrayList<>();
        final List<HandshakeMessage> received = new ArrayList<>();

        @Override
        public void messageSent(HandshakeMessage message) {
            sent.add(message);
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            received.add(message);
        }

        ClientHello clientHello() throws TlsAlertException {
            return Messages.decode(sent.stream().filter(m -> m.type() == HandshakeType.CLIENT_HELLO.code())
                    .findFirst().orElseThrow(), ClientHello::decode);
        }

        long received(HandshakeType type) {
            return received.stream().filter(m -> m.type() == type.code()).count();
        }
    }

    private static TlsEngine[] start(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine[] engines = {TlsEngine.client(client, "localhost"), TlsEngine.server(server)};
        engines[0].beginHandshake();
        engines[1].beginHandshake();
        return engines;
    }

    private static TlsEngine[] connect(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine[] engines = start(client, server);
        pump(engines[0], engines[1]);
        for (TlsEngine engine : engines) {
            assertEquals(TlsEngine.Status.CONNECTED, engine.status(), engine.handshakeState());
        }
        exchangeData(engines[0], engines[1]);
        return engines;
    }

    private static void assertExternalPsk(TlsEngine engine, byte[] identity) {
        SessionInfo session = engine.session().orElseThrow();
        assertArrayEquals(identity, session.pskIdentity().orElseThrow());
        assertTrue(session.externalPskAuthenticated());
        assertFalse(session.resumed(), "an external PSK handshake is not a resumption");
        assertTrue(session.peerCertificates().isEmpty());
        assertTrue(session.peerSignatureScheme().isEmpty());
    }

    @Test
    void connectsWithPskDheKeAndNoCertificates() throws TlsException {
        Recorder client = new Recorder();
        TlsEngine[] engines = connect(config().externalPsk(PSK).earlyData(true).observer(client).build(),
                pskServer(PSK).build());
        for (TlsEngine engine : engines) {
            assertExternalPsk(engine, IDENTITY);
            assertTrue(engine.session().orElseThrow().group().isPresent(), "psk_dhe_ke runs (EC)DHE");
        }
        assertEquals(0, client.received(HandshakeType.CERTIFICATE));
        assertEquals(0, client.received(HandshakeType.CERTIFICATE_VERIFY));
        ClientHello hello = client.clientHello();
        PreSharedKeyOffer offer = hello.extensions().find(PreSharedKeyOffer.class).orElseThrow();
        assertEquals(1, offer.identities().size());
        assertArrayEquals(IDENTITY, offer.identities().get(0).identity().toByteArray());
        assertEquals(0, offer.identities().get(0).obfuscatedTicketAge());
        assertTrue(hello.extensions().findCode(ExtensionType.EARLY_DATA.code()).isEmpty(),
                "no early data under an external PSK");
    }

    @Test
    void connectsWithPskKe() throws TlsException {
        List<PskKeyExchangeMode> pskKe = List.of(PskKeyExchangeMode.PSK_KE);
        TlsEngine[] engines = connect(config().externalPsk(PSK).pskKeyExchangeModes(pskKe).build(),
                pskServer(PSK).pskKeyExchangeModes(pskKe).build());
        for (TlsEngine engine : engines) {
            assertExternalPsk(engine, IDENTITY);
            assertTrue(engine.session().orElseThrow().group().isEmpty(), "psk_ke negotiates no group");
        }
    }

    /** RFC 8446 §4.2.11.2: a binder that does not verify aborts the handshake with decrypt_error. */
    @Test
    void aWrongSecretFailsTheBinderWithDecryptError() throws TlsException {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        TlsEngine[] engines = start(config().externalPsk(ExternalPsk.sha256(IDENTITY, other)).build(),
                pskServer(PSK).certificates(List.of(P256)).build());
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(engines[0], engines[1]));
        assertEquals(AlertDescription.DECRYPT_ERROR, error.alert());
        assertTrue(error.isLocal(), "the server detects the bad binder");
    }

    @Test
    void anUnknownIdentityFallsBackToCertificatesWhenTheServerHasThem() throws TlsException {
        ExternalPsk unknown = ExternalPsk.sha256("someone-else".getBytes(StandardCharsets.US_ASCII), SECRET);
        Recorder client = new Recorder();
        TlsEngine[] engines = connect(config().externalPsk(unknown).observer(client).build(),
                pskServer(PSK).certificates(List.of(P256)).build());
        for (TlsEngine engine : engines) {
            assertTrue(engine.session().orElseThrow().pskIdentity().isEmpty());
        }
        assertEquals(1, client.received(HandshakeType.CERTIFICATE));
        assertFalse(engines[0].session().orElseThrow().peerCertificates().isEmpty());
    }

    @Test
    void anUnknownIdentityIsAHandshakeFailureWithoutCertificates() throws TlsException {
        ExternalPsk unknown = ExternalPsk.sha256("someone-else".getBytes(StandardCharsets.US_ASCII), SECRET);
        TlsEngine[] engines = start(config().externalPsk(unknown).build(), pskServer(PSK).build());
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(engines[0], engines[1]));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, error.alert());
        assertTrue(error.isLocal());
    }

    @Test
    void aSha384PskUsesOnlyTheSha384Suite() throws TlsException {
        ExternalPsk psk384 = new ExternalPsk(IDENTITY, SECRET, HashAlgorithm.SHA384);
        Recorder client = new Recorder();
        TlsConfig clientConfig = config().externalPsk(psk384).observer(client).cipherSuites(List.of(
                CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384)).build();
        TlsEngine[] engines = connect(clientConfig, pskServer(psk384).build());
        for (TlsEngine engine : engines) {
            assertExternalPsk(engine, IDENTITY);
            assertEquals(CipherSuite.TLS_AES_256_GCM_SHA384, engine.session().orElseThrow().cipherSuite());
        }
        assertEquals(List.of(CipherSuite.TLS_AES_256_GCM_SHA384),
                client.clientHello().knownCipherSuites().stream().filter(CipherSuite::isTls13).toList());
        assertEquals(48, client.clientHello().extensions().find(PreSharedKeyOffer.class).orElseThrow()
                .binders().get(0).length());
    }

    /** A server that knows the identity with another hash does not take it (RFC 9258 §4). */
    @Test
    void aPskOfAnotherHashIsNotSelected() throws TlsException {
        ExternalPsk psk384 = new ExternalPsk(IDENTITY, SECRET, HashAlgorithm.SHA384);
        TlsEngine[] engines = connect(config().externalPsk(PSK).build(),
                pskServer(psk384).certificates(List.of(P256)).build());
        assertTrue(engines[0].session().orElseThrow().pskIdentity().isEmpty());
        assertFalse(engines[0].session().orElseThrow().peerCertificates().isEmpty());
    }

    /** Ticket first (identity 0), then the external PSK (identity 1); either can be selected. */
    @Test
    void aClientWithATicketAndAnExternalPskOffersBoth() throws TlsException {
        TlsConfig server = pskServer(PSK).ticketKeys(ticketKeys()).build();
        Session ticket = connect(config().externalPsk(PSK).build(), server)[0].resumableSession().orElseThrow();

        Recorder client = new Recorder();
        TlsEngine[] resumed = connect(config().externalPsk(PSK).resumptionSession(ticket).observer(client).build(),
                server);
        PreSharedKeyOffer offer = client.clientHello().extensions().find(PreSharedKeyOffer.class).orElseThrow();
        assertEquals(2, offer.identities().size());
        assertArrayEquals(ticket.ticket(), offer.identities().get(0).identity().toByteArray());
        assertArrayEquals(IDENTITY, offer.identities().get(1).identity().toByteArray());
        for (TlsEngine engine : resumed) {
            assertTrue(engine.session().orElseThrow().resumed(), "the ticket (identity 0) was selected");
            assertTrue(engine.session().orElseThrow().pskIdentity().isEmpty());
        }

        // A server that cannot open the ticket selects identity 1, the external PSK.
        TlsConfig forgetful = pskServer(PSK).ticketKeys(ticketKeys()).build();
        TlsEngine[] external = connect(config().externalPsk(PSK).resumptionSession(ticket).build(), forgetful);
        for (TlsEngine engine : external) {
            assertExternalPsk(engine, IDENTITY);
        }
    }

    /** After a HelloRetryRequest the second ClientHello's "ext binder" covers the retry too. */
    @Test
    void theExternalPskSurvivesAHelloRetryRequest() throws TlsException {
        Recorder client = new Recorder();
        TlsEngine[] engines = connect(config().externalPsk(PSK).observer(client)
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).build(),
                pskServer(PSK).groups(List.of(NamedGroup.SECP256R1)).build());
        assertEquals(2, client.sent.stream().filter(m -> m.type() == HandshakeType.CLIENT_HELLO.code()).count());
        for (TlsEngine engine : engines) {
            assertExternalPsk(engine, IDENTITY);
            assertEquals(Optional.of(NamedGroup.SECP256R1), engine.session().orElseThrow().group());
        }
    }

    /** RFC 8446 §4.2.11: a selected_identity outside the offered list is an illegal_parameter. */
    @Test
    void theClientRefusesASelectedIdentityItDidNotOffer() throws TlsException {
        HandshakeInterceptor wrongIndex = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            try {
                ServerHello hello = Messages.decode(message, ServerHello::decode);
                return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(),
                        hello.cipherSuite(), hello.legacyCompressionMethod(),
                        hello.extensions().with(new PreSharedKeySelection(1))).toHandshakeMessage();
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        };
        TlsEngine[] engines = start(config().externalPsk(PSK).build(), pskServer(PSK).interceptor(wrongIndex).build());
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> pump(engines[0], engines[1]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert());
        assertTrue(error.isLocal());
    }

    @Test
    void validatesCopiesAndHidesTheSecret() {
        assertThrows(IllegalArgumentException.class, () -> ExternalPsk.sha256(new byte[0], SECRET));
        assertThrows(IllegalArgumentException.class, () -> ExternalPsk.sha256(new byte[65536], SECRET));
        assertThrows(IllegalArgumentException.class, () -> ExternalPsk.sha256(IDENTITY, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new ExternalPsk(IDENTITY, SECRET, HashAlgorithm.SHA1));
        ExternalPsk.sha256(new byte[65535], new byte[16]);
        byte[] secret = SECRET.clone();
        ExternalPsk psk = ExternalPsk.sha256(IDENTITY, secret);
        secret[0] ^= 1;
        assertArrayEquals(SECRET, psk.secret());
        psk.secret()[1] ^= 1;
        assertArrayEquals(SECRET, psk.secret());
        assertEquals(PSK, psk);
        assertFalse(PSK.equals(ExternalPsk.sha256(IDENTITY, secret)));
        String text = psk.toString();
        assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(SECRET)), text);
        assertFalse(text.contains(Arrays.toString(SECRET)), text);
        assertFalse(text.contains(new String(SECRET, StandardCharsets.ISO_8859_1)), text);
        assertTrue(text.contains(HexFormat.of().formatHex(IDENTITY)), text);
    }
}
