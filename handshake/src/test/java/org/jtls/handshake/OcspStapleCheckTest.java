package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.ocsp.OcspVerdict;
import org.jtls.x509.ocsp.OcspVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OCSP stapling end to end inside the engine: the server staples its configured response (in a
 * CertificateStatus message up to TLS 1.2, in the leaf's CertificateEntry in TLS 1.3), and the client
 * checks it — here with a {@link PeerVerifier} that asks the x509 module's {@link OcspVerifier} about
 * the bytes the engine hands it. A good response connects; a revoked one ends the handshake with
 * bad_certificate; so does a missing one when the client insists on it.
 */
class OcspStapleCheckTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TestCredentials.Credential SERVER = TestCredentials.ecCredential(EcCurve.P256, "localhost");

    private static byte[] response(boolean revoked) throws Exception {
        X509CertificateHolder certificate = new JcaX509CertificateHolder(SERVER.certificate());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), certificate, certificate.getSerialNumber());
        Date now = new Date();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(certificate.getSubject()));
        CertificateStatus status = revoked
                ? new RevokedStatus(new Date(now.getTime() - Duration.ofDays(1).toMillis()), CRLReason.keyCompromise)
                : CertificateStatus.GOOD;
        builder.addResponse(id, status, new Date(now.getTime() - 60_000),
                new Date(now.getTime() + Duration.ofDays(1).toMillis()), null);
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(SERVER.privateKey()), new X509CertificateHolder[] {certificate}, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    /** Checks the staple of a self-signed server certificate (its own issuer) with the x509 module. */
    private static final class StapleChecking implements PeerVerifier {
        final List<byte[]> staples = new ArrayList<>();

        @Override
        public List<String> verify(List<byte[]> chain, String serverName, Role peerRole) {
            return List.of("the engine must pass the staple");
        }

        @Override
        public List<String> verify(List<byte[]> chain, String serverName, Role peerRole, byte[] staple) {
            staples.add(staple);
            try {
                Certificate leaf = Certificate.parse(chain.get(0));
                OcspVerdict verdict = OcspVerifier.withDefaults().verifyStapled(staple, leaf, leaf,
                        Clock.systemUTC().instant(), Duration.ofMinutes(5), CryptoBackends.defaultBackend());
                return verdict.isGood() ? List.of() : List.of("OCSP " + verdict.status() + ": " + verdict);
            } catch (Exception e) {
                return List.of("unreadable certificate: " + e.getMessage());
            }
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

    private static TlsEngine[] start(ProtocolVersion version, StapleChecking checker, byte[] staple)
            throws TlsException {
        CertifiedKey key = staple == null ? SERVER.certifiedKey() : SERVER.certifiedKey().withOcspResponse(staple);
        TlsEngine client = TlsEngine.client(config(version).requestOcspStapling(true).peerVerifier(checker).build(),
                "localhost");
        TlsEngine server = TlsEngine.server(config(version).certificates(List.of(key)).build());
        client.beginHandshake();
        server.beginHandshake();
        return new TlsEngine[] {client, server};
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_0", "TLS_1_2", "TLS_1_3"})
    void aGoodStapleIsCheckedAndAccepted(ProtocolVersion version) throws Exception {
        byte[] good = response(false);
        StapleChecking checker = new StapleChecking();
        TlsEngine[] engines = start(version, checker, good);
        Tls12HandshakeTest.pump(engines[0], engines[1]);
        assertEquals(TlsEngine.Status.CONNECTED, engines[0].status(), engines[0].handshakeState());
        assertEquals(1, checker.staples.size());
        assertArrayEquals(good, checker.staples.get(0));
        assertArrayEquals(good, engines[0].session().orElseThrow().stapledOcspResponse().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_0", "TLS_1_2", "TLS_1_3"})
    void aRevokedStapleEndsTheHandshake(ProtocolVersion version) throws Exception {
        StapleChecking checker = new StapleChecking();
        TlsEngine[] engines = start(version, checker, response(true));
        TlsAlertException failure = assertThrows(TlsAlertException.class,
                () -> Tls12HandshakeTest.pump(engines[0], engines[1]));
        assertEquals(AlertDescription.BAD_CERTIFICATE, failure.alert());
        assertTrue(failure.getMessage().contains("REVOKED"), failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void aMissingStapleReachesTheCheckAsNone(ProtocolVersion version) throws Exception {
        StapleChecking checker = new StapleChecking();
        TlsEngine[] engines = start(version, checker, null);
        TlsAlertException failure = assertThrows(TlsAlertException.class,
                () -> Tls12HandshakeTest.pump(engines[0], engines[1]));
        assertEquals(AlertDescription.BAD_CERTIFICATE, failure.alert());
        assertEquals(1, checker.staples.size());
        assertEquals(null, checker.staples.get(0));
    }
}
