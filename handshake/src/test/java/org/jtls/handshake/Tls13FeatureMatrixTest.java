package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsException;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLS 1.3 client against our TLS 1.3 server, in memory through {@link TlsEngine}, over the
 * feature matrix: cipher suite × key-exchange group × signature scheme × feature scenario.
 *
 * <p>Dimensions:
 * <ul>
 *   <li>suites: every {@link CipherSuite#isTls13()} suite (5: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305,
 *       AES-128-CCM, AES-128-CCM-8);
 *   <li>groups: every {@link NamedGroup} (13: P-256/384/521, X25519, X448, ffdhe2048..8192, ML-KEM-768,
 *       SecP256r1MLKEM768, X25519MLKEM768);
 *   <li>schemes: the 11 TLS 1.3 signature schemes (rsa_pss_rsae_sha256/384/512 with an RSA key,
 *       rsa_pss_pss_sha256/384/512 with an id-RSASSA-PSS key, ecdsa_secp256r1/384r1/521r1, ed25519, ed448);
 *       each case configures both ends with that one scheme only, so it is the one negotiated;
 *   <li>scenarios ({@link Scenario}): plain full handshake; HelloRetryRequest forced (the client's first,
 *       key-shared group is one the server does not take); ticket resumption (psk_dhe_ke); 0-RTT accepted
 *       and read by the server; KeyUpdate with update_requested in both directions; client authentication
 *       during the handshake; post-handshake authentication.
 * </ul>
 *
 * <p>Cases ({@link #cases()}), two families:
 * <ol>
 *   <li>every suite × every scheme × every scenario (5 × 11 × 7 = 385), the group rotating through all 13
 *       groups (each group is met by every scenario and every suite);
 *   <li>every suite × every group (5 × 13 = 65), the scheme and the scenario rotating.
 * </ol>
 * So every (suite, scheme, scenario) triple, every (suite, group) pair and (through the rotation in
 * family 1, 7 and 13 being coprime) every (group, scenario) pair is run; (group, scheme) pairs are
 * covered only partly here (11 of 13 groups per scheme in family 1, plus family 2); the full plain-handshake
 * suite × group × scheme product (715 cases, with no ffdhe subsetting) is {@link Tls13FullProductTest}.
 * 450 cases, about 10 s.
 * In the HRR scenario the client's first, key-shared group is X25519 (P-256 when the case's group is
 * X25519) and the server takes only the case's group.
 *
 * <p>Every case asserts the negotiated version, suite, group and (for certificate-authenticated
 * handshakes) the peer's signature scheme on both ends, that application data flows both ways, and its
 * scenario's own outcome: two ServerHellos for HRR; the resumed flag on both ends and no Certificate
 * message for resumption; the early bytes read by the server before the handshake completes and
 * EarlyDataAnswered(true) for 0-RTT; KeyUpdate messages carrying update_requested answered by
 * update_not_requested, with data still flowing, for KeyUpdate; the client's certificate and scheme
 * as seen by the server for client authentication; and a PeerCertificateUpdated event with the
 * client's leaf for post-handshake authentication.
 *
 * <p>psk_ke (PSK-only key exchange, {@link TlsConfig.Builder#pskKeyExchangeModes}), per suite (5 cases
 * each): {@link #aPskKeOnlyOfferGetsAFullHandshakeFromADefaultServer} — a server left at its default
 * (psk_dhe_ke only) ignores the PSK and runs a full handshake; {@link #pskKeResumesWhenBothSidesAllowIt}
 * — a resumed handshake whose ServerHello carries pre_shared_key but no key_share and no group is
 * negotiated.
 */
class Tls13FeatureMatrixTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EARLY = "GET /early HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static final List<SignatureScheme> SCHEMES = List.of(
            SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA256,
            SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512,
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ED25519, SignatureScheme.ED448);

    /** Server and client keys per scheme: two distinct keys so the server can tell the client's apart. */
    static final Map<SignatureScheme, CertifiedKey[]> KEYS = new EnumMap<>(SignatureScheme.class);

    static {
        CertifiedKey[] rsa = {TestCredentials.rsa(2048), TestCredentials.rsa(2048)};
        CertifiedKey[] pss = {TestCredentials.rsaPssCredential(2048, "localhost").certifiedKey(),
            TestCredentials.rsaPssCredential(2048, "client").certifiedKey()};
        for (SignatureScheme scheme : SCHEMES) {
            KEYS.put(scheme, switch (scheme) {
                case RSA_PSS_RSAE_SHA256, RSA_PSS_RSAE_SHA384, RSA_PSS_RSAE_SHA512 -> rsa;
                case RSA_PSS_PSS_SHA256, RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512 -> pss;
                case ECDSA_SECP256R1_SHA256 -> new CertifiedKey[] {TestCredentials.ec(EcCurve.P256),
                    TestCredentials.ec(EcCurve.P256)};
                case ECDSA_SECP384R1_SHA384 -> new CertifiedKey[] {TestCredentials.ec(EcCurve.P384),
                    TestCredentials.ec(EcCurve.P384)};
                case ECDSA_SECP521R1_SHA512 -> new CertifiedKey[] {TestCredentials.ec(EcCurve.P521),
                    TestCredentials.ec(EcCurve.P521)};
                case ED25519 -> new CertifiedKey[] {TestCredentials.ed25519(), TestCredentials.ed25519()};
                case ED448 -> new CertifiedKey[] {TestCredentials.ed448(), TestCredentials.ed448()};
                default -> throw new AssertionError(scheme);
            });
        }
    }

    enum Scenario { PLAIN, HELLO_RETRY, RESUMPTION, EARLY_DATA, KEY_UPDATE, CLIENT_AUTH, POST_HANDSHAKE_AUTH }

    record Case(CipherSuite suite, NamedGroup group, SignatureScheme scheme, Scenario scenario) {
        @Override
        public String toString() {
            return scenario + " " + suite + " " + group + " " + scheme;
        }
    }

    static List<CipherSuite> suites() {
        return Arrays.stream(CipherSuite.values()).filter(CipherSuite::isTls13).toList();
    }

    static Stream<Case> cases() {
        List<CipherSuite> suites = suites();
        List<NamedGroup> groups = List.of(NamedGroup.values());
        Scenario[] scenarios = Scenario.values();
        List<Case> cases = new ArrayList<>();
        int rotation = 0;
        for (CipherSuite suite : suites) {
            for (SignatureScheme scheme : SCHEMES) {
                for (Scenario scenario : scenarios) {
                    cases.add(new Case(suite, groups.get(rotation++ % groups.size()), scheme, scenario));
                }
            }
        }
        rotation = 0;
        for (CipherSuite suite : suites) {
            for (NamedGroup group : groups) {
                cases.add(new Case(suite, group, SCHEMES.get(rotation % SCHEMES.size()),
                        scenarios[rotation % scenarios.length]));
                rotation++;
            }
        }
        return cases.stream();
    }

    static TlsConfig.Builder config(Case c) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3))
                .cipherSuites(List.of(c.suite())).groups(List.of(c.group()))
                .signatureSchemes(List.of(c.scheme()));
    }

    private static TicketKeys ticketKeys() {
        return new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofHours(2));
    }

    /** Records the handshake messages one engine sends and receives (type, body). */
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

        static List<byte[]> bodies(List<HandshakeMessage> messages, HandshakeType type) {
            return messages.stream().filter(m -> m.type() == type.code()).map(HandshakeMessage::body).toList();
        }
    }

    static TlsEngine[] start(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine[] engines = {TlsEngine.client(client, "localhost"), TlsEngine.server(server)};
        engines[0].beginHandshake();
        engines[1].beginHandshake();
        return engines;
    }

    /** Finishes the handshake, checks what both ends negotiated and that data flows both ways. */
    static void finish(Case c, TlsEngine[] engines, boolean resumed) throws TlsException {
        pump(engines[0], engines[1]);
        for (TlsEngine engine : engines) {
            assertEquals(TlsEngine.Status.CONNECTED, engine.status(), engine.handshakeState());
            SessionInfo session = engine.session().orElseThrow();
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            assertEquals(c.suite(), session.cipherSuite());
            assertEquals(Optional.of(c.group()), session.group());
            assertEquals(resumed, session.resumed());
        }
        if (!resumed) {
            assertEquals(Optional.of(c.scheme()), engines[0].session().orElseThrow().peerSignatureScheme());
        }
        exchangeData(engines[0], engines[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matrix(Case c) throws TlsException {
        CertifiedKey serverKey = KEYS.get(c.scheme())[0];
        CertifiedKey clientKey = KEYS.get(c.scheme())[1];
        TlsConfig server = config(c).certificates(List.of(serverKey)).build();
        Recorder clientSide = new Recorder();
        TlsConfig client = config(c).observer(clientSide).build();
        switch (c.scenario()) {
            case PLAIN -> {
                TlsEngine[] engines = start(client, server);
                finish(c, engines, false);
                assertArrayEquals(serverKey.chain().get(0), engines[0].session().orElseThrow().peerCertificates().get(0));
                assertEquals(1, Recorder.bodies(clientSide.received, HandshakeType.SERVER_HELLO).size());
            }
            case HELLO_RETRY -> helloRetry(c, server, clientSide);
            case RESUMPTION -> resumption(c, server, clientSide);
            case EARLY_DATA -> earlyData(c, server);
            case KEY_UPDATE -> keyUpdate(c, client, server, clientSide);
            case CLIENT_AUTH -> clientAuth(c, server, clientKey);
            case POST_HANDSHAKE_AUTH -> postHandshakeAuth(c, server, clientKey);
            default -> throw new AssertionError(c.scenario());
        }
    }

    private static void helloRetry(Case c, TlsConfig server, Recorder clientSide) throws TlsException {
        // The client's first (and only key-shared) group is one the server does not take.
        NamedGroup decoy = c.group() == NamedGroup.X25519 ? NamedGroup.SECP256R1 : NamedGroup.X25519;
        TlsConfig client = config(c).groups(List.of(decoy, c.group())).observer(clientSide).build();
        finish(c, start(client, server), false);
        assertEquals(2, Recorder.bodies(clientSide.received, HandshakeType.SERVER_HELLO).size(),
                "a HelloRetryRequest then the ServerHello");
        assertEquals(2, Recorder.bodies(clientSide.sent, HandshakeType.CLIENT_HELLO).size());
    }

    private static void resumption(Case c, TlsConfig server, Recorder clientSide) throws TlsException {
        TlsConfig resumable = server.toBuilder().ticketKeys(ticketKeys()).build();
        TlsEngine[] first = start(config(c).build(), resumable);
        finish(c, first, false);
        Session ticket = first[0].resumableSession().orElseThrow();
        TlsEngine[] second = start(config(c).resumptionSession(ticket).observer(clientSide).build(), resumable);
        finish(c, second, true);
        assertEquals(List.of(), Recorder.bodies(clientSide.received, HandshakeType.CERTIFICATE),
                "a PSK handshake sends no Certificate");
        assertArrayEquals(first[0].session().orElseThrow().peerCertificates().get(0),
                second[0].session().orElseThrow().peerCertificates().get(0));
    }

    private static void earlyData(Case c, TlsConfig server) throws TlsException {
        TlsConfig accepting = server.toBuilder().ticketKeys(ticketKeys()).maxEarlyDataSize(16384).build();
        TlsEngine[] first = start(config(c).build(), accepting);
        finish(c, first, false);
        Session ticket = first[0].resumableSession().orElseThrow();
        assertEquals(16384, ticket.maxEarlyDataSize());

        TlsEngine[] engines = start(config(c).earlyData(true).resumptionSession(ticket).build(), accepting);
        TlsEngine client = engines[0];
        TlsEngine engine = engines[1];
        assertTrue(client.canWriteEarlyData());
        client.writeApplicationData(ByteBuffer.wrap(EARLY));
        ByteBuffer firstFlight = ByteBuffer.wrap(client.drainOutput());
        ByteBuffer early = ByteBuffer.allocate(EARLY.length + 1);
        while (firstFlight.hasRemaining() || engine.applicationDataAvailable() > 0) {
            engine.receive(firstFlight);
            engine.process();
            engine.readApplicationData(early);
        }
        assertFalse(engine.status() == TlsEngine.Status.CONNECTED, "early data is read before the handshake ends");
        assertArrayEquals(EARLY, Arrays.copyOf(early.array(), early.position()));
        finish(c, engines, true);
        List<TlsEvent> events = new ArrayList<>();
        for (TlsEvent event = client.pollEvent(); event != null; event = client.pollEvent()) {
            events.add(event);
        }
        assertTrue(events.contains(new TlsEvent.EarlyDataAnswered(true)), events.toString());
    }

    private static void keyUpdate(Case c, TlsConfig client, TlsConfig server, Recorder clientSide)
            throws TlsException {
        TlsEngine[] engines = start(client, server);
        finish(c, engines, false);
        // The client asks for an update; the server answers with its own, update_not_requested.
        engines[0].updateKeys(true);
        pump(engines[0], engines[1]);
        exchangeData(engines[0], engines[1]);
        assertKeyUpdates(List.of(1), Recorder.bodies(clientSide.sent, HandshakeType.KEY_UPDATE));
        assertKeyUpdates(List.of(0), Recorder.bodies(clientSide.received, HandshakeType.KEY_UPDATE));
        // And the other way round.
        engines[1].updateKeys(true);
        pump(engines[0], engines[1]);
        exchangeData(engines[0], engines[1]);
        assertKeyUpdates(List.of(1, 0), Recorder.bodies(clientSide.sent, HandshakeType.KEY_UPDATE));
        assertKeyUpdates(List.of(0, 1), Recorder.bodies(clientSide.received, HandshakeType.KEY_UPDATE));
    }

    private static void assertKeyUpdates(List<Integer> expected, List<byte[]> bodies) {
        assertEquals(expected, bodies.stream().map(body -> {
            assertEquals(1, body.length);
            return (int) body[0];
        }).toList(), "KeyUpdate request_update values");
    }

    private static void clientAuth(Case c, TlsConfig server, CertifiedKey clientKey) throws TlsException {
        List<List<byte[]>> verified = new ArrayList<>();
        TlsConfig requiring = server.toBuilder().clientAuth(TlsConfig.ClientAuth.REQUIRE)
                .peerVerifier((chain, name, role) -> {
                    if (role == Role.CLIENT) {
                        verified.add(chain);
                    }
                    return List.of();
                }).build();
        TlsEngine[] engines = start(config(c).certificates(List.of(clientKey)).build(), requiring);
        finish(c, engines, false);
        SessionInfo serverView = engines[1].session().orElseThrow();
        assertArrayEquals(clientKey.chain().get(0), serverView.peerCertificates().get(0));
        assertEquals(Optional.of(c.scheme()), serverView.peerSignatureScheme());
        assertEquals(1, verified.size());
        assertArrayEquals(clientKey.chain().get(0), verified.get(0).get(0));
    }

    private static void postHandshakeAuth(Case c, TlsConfig server, CertifiedKey clientKey) throws TlsException {
        Recorder clientSide = new Recorder();
        TlsEngine[] engines = start(config(c).certificates(List.of(clientKey)).postHandshakeAuthentication(true)
                .observer(clientSide).build(), server);
        finish(c, engines, false);
        assertEquals(List.of(), engines[1].session().orElseThrow().peerCertificates(),
                "no client certificate during the handshake");
        engines[1].requestClientCertificate();
        pump(engines[0], engines[1]);
        List<byte[]> updated = null;
        for (TlsEvent event = engines[1].pollEvent(); event != null; event = engines[1].pollEvent()) {
            if (event instanceof TlsEvent.PeerCertificateUpdated update) {
                updated = update.chain();
            }
        }
        assertNotNull(updated, "the server saw no client certificate");
        assertArrayEquals(clientKey.chain().get(0), updated.get(0));
        assertEquals(1, Recorder.bodies(clientSide.received, HandshakeType.CERTIFICATE_REQUEST).size());
        List<byte[]> verifies = Recorder.bodies(clientSide.sent, HandshakeType.CERTIFICATE_VERIFY);
        assertEquals(1, verifies.size());
        assertEquals(c.scheme().code(), ((verifies.get(0)[0] & 0xFF) << 8) | (verifies.get(0)[1] & 0xFF),
                "the post-handshake CertificateVerify's scheme");
        exchangeData(engines[0], engines[1]);
    }

    /**
     * A ClientHello whose psk_key_exchange_modes say psk_ke only (rewritten in flight; the server never
     * checks the then-stale binder, as it does not take the PSK): a server at its default modes
     * (psk_dhe_ke only) must fall back to a full, certificate-authenticated handshake (RFC 8446 §4.2.9).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aPskKeOnlyOfferGetsAFullHandshakeFromADefaultServer(CipherSuite suite) throws TlsException {
        Case c = new Case(suite, NamedGroup.X25519, SignatureScheme.ECDSA_SECP256R1_SHA256, Scenario.RESUMPTION);
        TlsConfig server = config(c).certificates(List.of(KEYS.get(c.scheme())[0])).ticketKeys(ticketKeys()).build();
        TlsEngine[] first = start(config(c).build(), server);
        finish(c, first, false);
        Session ticket = first[0].resumableSession().orElseThrow();
        List<Integer> offeredModes = new ArrayList<>();
        HandshakeInterceptor pskKeOnly = message -> {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                return message;
            }
            try {
                ClientHello hello = org.jtls.handshake.core.Messages.decode(message, ClientHello::decode);
                List<Extension> entries = hello.extensions().entries().stream()
                        .map(e -> e instanceof PskKeyExchangeModes
                                ? (Extension) new PskKeyExchangeModes(List.of(PskKeyExchangeModes.PSK_KE)) : e)
                        .toList();
                Extensions rewritten = new Extensions(entries);
                offeredModes.addAll(rewritten.find(PskKeyExchangeModes.class).orElseThrow().modes());
                return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(),
                        hello.cipherSuites(), hello.legacyCompressionMethods(), rewritten).toHandshakeMessage();
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        };
        Recorder clientSide = new Recorder();
        TlsEngine[] second = start(config(c).resumptionSession(ticket).interceptor(pskKeOnly).observer(clientSide)
                .build(), server);
        finish(c, second, false);
        assertEquals(List.of(PskKeyExchangeModes.PSK_KE), offeredModes);
        assertEquals(1, Recorder.bodies(clientSide.received, HandshakeType.CERTIFICATE).size(),
                "a full handshake authenticates with a certificate");
    }

    /**
     * Client and server both configured for psk_ke only: the resumed handshake has a ServerHello with
     * pre_shared_key and no key_share, no Certificate, no negotiated group, and data flows both ways
     * under the PSK-only keys (RFC 8446 §4.2.9, §7.1).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void pskKeResumesWhenBothSidesAllowIt(CipherSuite suite) throws TlsException {
        Case c = new Case(suite, NamedGroup.X25519, SignatureScheme.ECDSA_SECP256R1_SHA256, Scenario.RESUMPTION);
        List<TlsConfig.PskKeyExchangeMode> pskKe = List.of(TlsConfig.PskKeyExchangeMode.PSK_KE);
        TlsConfig server = config(c).certificates(List.of(KEYS.get(c.scheme())[0])).ticketKeys(ticketKeys())
                .pskKeyExchangeModes(pskKe).build();
        TlsEngine[] first = start(config(c).pskKeyExchangeModes(pskKe).build(), server);
        finish(c, first, false);
        Session ticket = first[0].resumableSession().orElseThrow();
        Recorder clientSide = new Recorder();
        TlsEngine[] second = start(config(c).pskKeyExchangeModes(pskKe).resumptionSession(ticket)
                .observer(clientSide).build(), server);
        pump(second[0], second[1]);
        for (TlsEngine engine : second) {
            assertEquals(TlsEngine.Status.CONNECTED, engine.status(), engine.handshakeState());
            SessionInfo session = engine.session().orElseThrow();
            assertEquals(suite, session.cipherSuite());
            assertTrue(session.resumed(), "resumed");
            assertEquals(Optional.empty(), session.group(), "psk_ke negotiates no group");
        }
        ClientHello hello = org.jtls.handshake.core.Messages.decode(clientSide.sent.stream()
                .filter(m -> m.type() == HandshakeType.CLIENT_HELLO.code()).findFirst().orElseThrow(),
                ClientHello::decode);
        assertEquals(List.of(PskKeyExchangeModes.PSK_KE),
                hello.extensions().find(PskKeyExchangeModes.class).orElseThrow().modes());
        List<HandshakeMessage> serverHellos = clientSide.received.stream()
                .filter(m -> m.type() == HandshakeType.SERVER_HELLO.code()).toList();
        assertEquals(1, serverHellos.size(), "no HelloRetryRequest");
        org.jtls.handshake.message.ServerHello serverHello = org.jtls.handshake.core.Messages.decode(
                serverHellos.get(0), org.jtls.handshake.message.ServerHello::decode);
        assertTrue(serverHello.extensions().find(org.jtls.handshake.message.extension.PreSharedKeySelection.class)
                .isPresent(), "pre_shared_key in ServerHello");
        assertTrue(serverHello.extensions().findCode(
                org.jtls.handshake.message.extension.ExtensionType.KEY_SHARE.code()).isEmpty(),
                "no key_share in a psk_ke ServerHello");
        assertEquals(0, Recorder.bodies(clientSide.received, HandshakeType.CERTIFICATE).size());
        exchangeData(second[0], second[1]);
    }
}
