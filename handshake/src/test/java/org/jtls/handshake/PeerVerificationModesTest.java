package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.trust.TrustStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's two ways of asking for a client certificate, QSslSocket's QueryPeer and VerifyPeer:
 * {@link TlsConfig.ClientAuth#REQUEST} asks and accepts a certificate its verifier rejects (and none
 * at all), {@link TlsConfig.ClientAuth#REQUIRE} refuses both; in TLS 1.2 and 1.3 and in TLS 1.3
 * post-handshake authentication. Certificate problems come from the x509 module as a list, all of
 * which reach the alert's message.
 */
class PeerVerificationModesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey SERVER = TestCredentials.ec(EcCurve.P256);
    private static final TestCredentials.Credential CLIENT = TestCredentials.ecCredential(EcCurve.P256, "jtls client");
    private static final List<String> PROBLEMS = List.of("UntrustedRoot: not ours", "CertificateExpired: long ago");

    /** A verifier that rejects every client chain with two problems, and records what it saw. */
    private static final class Rejecting implements PeerVerifier {
        final List<List<byte[]>> seen = new ArrayList<>();

        @Override
        public List<String> verify(List<byte[]> chain, String serverName, Role peerRole) {
            seen.add(chain);
            return peerRole == Role.CLIENT ? PROBLEMS : List.of();
        }
    }

    private static TlsConfig.Builder config(ProtocolVersion version) {
        TlsConfig.Builder builder = TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(version));
        if (version.isBefore(ProtocolVersion.TLS_1_2)) {
            builder.cipherSuites(List.of(org.jtls.crypto.registry.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA));
        }
        return builder;
    }

    private static TlsEngine[] start(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine clientEngine = TlsEngine.client(client, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        return new TlsEngine[] {clientEngine, serverEngine};
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_0", "TLS_1_2", "TLS_1_3"})
    void queryPeerTakesACertificateItsVerifierRejects(ProtocolVersion version) throws TlsException {
        Rejecting verifier = new Rejecting();
        TlsEngine[] engines = start(config(version).certificates(List.of(CLIENT.certifiedKey())).build(),
                config(version).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUEST)
                        .peerVerifier(verifier).build());
        Tls12HandshakeTest.pump(engines[0], engines[1]);
        assertEquals(TlsEngine.Status.CONNECTED, engines[1].status(), engines[1].handshakeState());
        assertEquals(1, verifier.seen.size(), "the certificate was still checked");
        assertArrayEquals(CLIENT.certificateDer(), engines[1].session().orElseThrow().peerCertificates().get(0));
        Tls12HandshakeTest.exchangeData(engines[0], engines[1]);
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_0", "TLS_1_2", "TLS_1_3"})
    void verifyPeerRefusesItWithBadCertificateAndEveryProblem(ProtocolVersion version) throws TlsException {
        TlsEngine[] engines = start(config(version).certificates(List.of(CLIENT.certifiedKey())).build(),
                config(version).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE)
                        .peerVerifier(new Rejecting()).build());
        TlsAlertException failure = assertThrows(TlsAlertException.class,
                () -> Tls12HandshakeTest.pump(engines[0], engines[1]));
        assertEquals(AlertDescription.BAD_CERTIFICATE, failure.alert());
        for (String problem : PROBLEMS) {
            assertTrue(failure.getMessage().contains(problem), failure.getMessage());
        }
        assertTrue(engines[1].status() != TlsEngine.Status.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void queryPeerAcceptsNoCertificateAndVerifyPeerDoesNot(ProtocolVersion version) throws TlsException {
        TlsEngine[] query = start(config(version).build(),
                config(version).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUEST).build());
        Tls12HandshakeTest.pump(query[0], query[1]);
        assertEquals(TlsEngine.Status.CONNECTED, query[1].status());
        assertTrue(query[1].session().orElseThrow().peerCertificates().isEmpty());

        TlsEngine[] verify = start(config(version).build(),
                config(version).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE).build());
        TlsAlertException failure = assertThrows(TlsAlertException.class,
                () -> Tls12HandshakeTest.pump(verify[0], verify[1]));
        // RFC 8446 §4.4.2.4 names certificate_required; TLS 1.2 has only handshake_failure for it.
        assertEquals(version == ProtocolVersion.TLS_1_3 ? AlertDescription.CERTIFICATE_REQUIRED
                : AlertDescription.HANDSHAKE_FAILURE, failure.alert());
    }

    /**
     * Post-handshake authentication (RFC 8446 §4.6.2) follows the same two modes. The verifier accepts
     * the handshake's certificate and rejects the one sent after it: QueryPeer takes it anyway,
     * VerifyPeer ends the connection with bad_certificate.
     */
    @Test
    void postHandshakeAuthenticationFollowsTheMode() throws TlsException {
        for (TlsConfig.ClientAuth mode : List.of(TlsConfig.ClientAuth.REQUEST, TlsConfig.ClientAuth.REQUIRE)) {
            List<List<byte[]>> seen = new ArrayList<>();
            PeerVerifier laterRejecting = (chain, serverName, role) -> {
                seen.add(chain);
                return seen.size() == 1 ? List.of() : PROBLEMS;
            };
            TlsEngine[] engines = start(config(ProtocolVersion.TLS_1_3).certificates(List.of(CLIENT.certifiedKey()))
                    .postHandshakeAuthentication(true).build(), config(ProtocolVersion.TLS_1_3)
                    .certificates(List.of(SERVER)).clientAuth(mode).peerVerifier(laterRejecting).build());
            Tls12HandshakeTest.pump(engines[0], engines[1]);
            assertEquals(TlsEngine.Status.CONNECTED, engines[1].status(), mode.toString());
            engines[1].requestClientCertificate();
            if (mode == TlsConfig.ClientAuth.REQUEST) {
                Tls12HandshakeTest.pump(engines[0], engines[1]);
                boolean updated = false;
                for (TlsEvent event = engines[1].pollEvent(); event != null; event = engines[1].pollEvent()) {
                    updated |= event instanceof TlsEvent.PeerCertificateUpdated;
                }
                assertTrue(updated, "QueryPeer takes the post-handshake certificate");
                assertEquals(TlsEngine.Status.CONNECTED, engines[1].status());
                Tls12HandshakeTest.exchangeData(engines[0], engines[1]);
            } else {
                TlsAlertException failure = assertThrows(TlsAlertException.class,
                        () -> Tls12HandshakeTest.pump(engines[0], engines[1]));
                assertEquals(AlertDescription.BAD_CERTIFICATE, failure.alert());
                assertTrue(failure.getMessage().contains(PROBLEMS.get(1)), failure.getMessage());
            }
            assertEquals(2, seen.size(), "both certificates were checked");
        }
    }

    /**
     * The x509 module's verdict is a list: a certificate that is untrusted, expired and for another
     * name gets one entry per problem, each named by its kind, and the client's bad_certificate alert
     * carries all of them.
     */
    @Test
    void x509ProblemsAreReportedAsAList() throws Exception {
        TestCredentials.Credential stranger = TestCredentials.ecCredential(EcCurve.P256, "localhost");
        TestCredentials.Credential served = TestCredentials.ecCredential(EcCurve.P256, "localhost");
        X509PeerVerifier verifier = new X509PeerVerifier(TrustStore.of(Certificate.parse(stranger.certificateDer())),
                CryptoBackends.defaultBackend(), Clock.offset(Clock.systemUTC(), Duration.ofDays(400)), 8);
        List<String> problems = verifier.verify(List.of(served.certificateDer()), "example.org", Role.SERVER);
        assertTrue(problems.size() >= 2, problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("HostNameMismatch")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("CertificateExpired")), problems.toString());
        for (String problem : problems) {
            assertTrue(problem.matches("[A-Z][A-Za-z]+: .*"), "kind: detail, got " + problem);
        }

        TlsEngine client = TlsEngine.client(config(ProtocolVersion.TLS_1_3).peerVerifier(verifier).build(),
                "example.org");
        TlsEngine server = TlsEngine.server(config(ProtocolVersion.TLS_1_3)
                .certificates(List.of(served.certifiedKey())).build());
        client.beginHandshake();
        server.beginHandshake();
        TlsAlertException failure = assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.pump(client, server));
        assertNotNull(failure);
        assertEquals(AlertDescription.BAD_CERTIFICATE, failure.alert());
        for (String problem : problems) {
            String kind = problem.substring(0, problem.indexOf(':'));
            assertTrue(failure.getMessage().contains(kind), kind + " missing from " + failure.getMessage());
        }
    }
}
