package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.deliver;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.trust.TrustStore;
import org.junit.jupiter.api.Test;

/** The engine verifying peers through the x509 module's path validation and host-name matching. */
class X509PeerVerifierTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TestCredentials.Credential SERVER = TestCredentials.ecCredential(EcCurve.P256, "localhost");
    private static final TestCredentials.Credential STRANGER = TestCredentials.ecCredential(EcCurve.P256, "localhost");

    private static X509PeerVerifier trusting(TestCredentials.Credential anchor) throws Exception {
        return new X509PeerVerifier(TrustStore.of(Certificate.parse(anchor.certificateDer())),
                CryptoBackends.defaultBackend(), Clock.systemUTC(), 8);
    }

    private static TlsEngine[] start(PeerVerifier verifier, String serverName) throws TlsException {
        TlsEngine client = TlsEngine.client(TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM,
                Clock.systemUTC()).peerVerifier(verifier).build(), serverName);
        TlsEngine server = TlsEngine.server(TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM,
                Clock.systemUTC()).peerVerifier(PeerVerifier.ACCEPT_ANY)
                .certificates(List.of(SERVER.certifiedKey())).build());
        client.beginHandshake();
        server.beginHandshake();
        return new TlsEngine[] {client, server};
    }

    @Test
    void aTrustedCertificateForTheRightNameIsAccepted() throws Exception {
        TlsEngine[] engines = start(trusting(SERVER), "localhost");
        pump(engines[0], engines[1]);
        assertEquals(TlsEngine.Status.CONNECTED, engines[0].status());
    }

    @Test
    void theWrongNameIsAHostNameMismatch() throws Exception {
        TlsEngine[] engines = start(trusting(SERVER), "example.org");
        deliver(engines[0], engines[1]);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(engines[1], engines[0]));
        assertEquals(AlertDescription.BAD_CERTIFICATE, error.alert());
        assertTrue(error.getMessage().contains("HostNameMismatch"), error.getMessage());
    }

    @Test
    void anUntrustedCertificateIsRejectedWithItsPathError() throws Exception {
        TlsEngine[] engines = start(trusting(STRANGER), "localhost");
        deliver(engines[0], engines[1]);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(engines[1], engines[0]));
        assertEquals(AlertDescription.BAD_CERTIFICATE, error.alert());
        assertTrue(error.getMessage().contains("server certificate rejected"), error.getMessage());
    }

    @Test
    void anExpiredCertificateIsReported() throws Exception {
        X509PeerVerifier future = new X509PeerVerifier(TrustStore.of(Certificate.parse(SERVER.certificateDer())),
                CryptoBackends.defaultBackend(), Clock.offset(Clock.systemUTC(), Duration.ofDays(400)), 8);
        List<String> problems = future.verify(List.of(SERVER.certificateDer()), "localhost", Role.SERVER);
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith("CertificateExpired")), problems.toString());
    }
}
