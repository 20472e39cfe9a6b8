package org.jtls.x509.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.ocsp.OcspVerdict.Status;
import org.jtls.x509.pem.PemException;
import org.junit.jupiter.api.Test;

/**
 * Responses that {@code openssl ocsp} produced as a responder (see {@code openssl/make.sh} beside
 * the fixtures): a delegated responder named byName with its certificate in certs, SHA-1 and
 * SHA-256 CertIDs, and a CA-signed response naming the CA byKey. Each is judged one minute after
 * its own thisUpdate.
 */
class OpensslOcspResponseTest {
    private static final Certificate CA = certificate("ca.pem");
    private static final OcspVerifier VERIFIER = OcspVerifier.withDefaults();

    private static OcspVerdict verify(String response, String leaf) throws DerException {
        byte[] der = resource(response);
        Instant thisUpdate = OcspResponse.parse(der).basicResponse().orElseThrow().responses().get(0).thisUpdate();
        return VERIFIER.verifyStapled(der, certificate(leaf), CA, thisUpdate.plusSeconds(60), Duration.ZERO,
                CryptoBackends.defaultBackend());
    }

    @Test
    void goodFromADelegatedResponder() throws DerException {
        OcspVerdict verdict = verify("good-delegated.der", "leaf.pem");
        assertEquals(Status.GOOD, verdict.status(), verdict.toString());
        assertTrue(verdict.detail().contains("jtls openssl OCSP responder"), verdict.detail());
    }

    @Test
    void goodWithASha256CertId() throws DerException {
        OcspVerdict verdict = verify("good-sha256.der", "leaf.pem");
        assertEquals(Status.GOOD, verdict.status(), verdict.toString());
        assertEquals(Optional.of(HashAlgorithm.SHA256), verdict.singleResponse().orElseThrow().certId().hash());
    }

    @Test
    void revokedSignedByTheCaNamedByKey() throws DerException {
        OcspVerdict verdict = verify("revoked-by-ca.der", "revoked.pem");
        assertEquals(Status.REVOKED, verdict.status(), verdict.toString());
        CertStatus.Revoked revoked = verdict.revocation().orElseThrow();
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), revoked.revocationTime());
        assertEquals(Optional.of(RevocationReason.KEY_COMPROMISE), revoked.reason());
        BasicOcspResponse basic = OcspResponse.parse(resource("revoked-by-ca.der")).basicResponse().orElseThrow();
        assertInstanceOf(ResponderId.ByKey.class, basic.responderId());
        assertTrue(basic.certs().isEmpty());
    }

    @Test
    void unknownWhenTheSerialIsNotInTheIndex() throws DerException {
        OcspVerdict verdict = verify("unknown.der", "unknown.pem");
        assertEquals(Status.UNKNOWN, verdict.status(), verdict.toString());
        assertEquals(Optional.of(OcspError.STATUS_UNKNOWN), verdict.error());
    }

    @Test
    void aResponseForOneCertificateSaysNothingAboutAnother() throws DerException {
        OcspVerdict verdict = verify("good-delegated.der", "revoked.pem");
        assertEquals(Optional.of(OcspError.RESPONSE_CERT_ID_UNKNOWN), verdict.error(), verdict.toString());
    }

    @Test
    void expiresAfterNextUpdate() throws DerException {
        byte[] der = resource("good-delegated.der");
        Instant nextUpdate = OcspResponse.parse(der).basicResponse().orElseThrow().responses().get(0).nextUpdate()
                .orElseThrow();
        OcspVerdict verdict = VERIFIER.verifyStapled(der, certificate("leaf.pem"), CA, nextUpdate.plusSeconds(1),
                Duration.ZERO, CryptoBackends.defaultBackend());
        assertEquals(Optional.of(OcspError.RESPONSE_EXPIRED), verdict.error(), verdict.toString());
    }

    @Test
    void fixturesAreWhatMakeShIssued() {
        assertEquals(BigInteger.valueOf(0x1001), certificate("leaf.pem").serialNumber());
        assertEquals(BigInteger.valueOf(0x1002), certificate("revoked.pem").serialNumber());
        assertEquals(BigInteger.valueOf(0x1003), certificate("unknown.pem").serialNumber());
    }

    private static Certificate certificate(String name) {
        try {
            return Certificate.parsePem(new String(resource(name), StandardCharsets.US_ASCII)).get(0);
        } catch (PemException | DerException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpensslOcspResponseTest.class.getResourceAsStream("openssl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource openssl/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
