package org.jtls.x509.ocsp;

import static org.jtls.x509.ocsp.OcspFixtures.CA;
import static org.jtls.x509.ocsp.OcspFixtures.CA_KEYS;
import static org.jtls.x509.ocsp.OcspFixtures.CA_NAME;
import static org.jtls.x509.ocsp.OcspFixtures.LEAF_SERIAL;
import static org.jtls.x509.ocsp.OcspFixtures.NOW;
import static org.jtls.x509.ocsp.OcspFixtures.RESPONDER_KEYS;
import static org.jtls.x509.ocsp.OcspFixtures.leafId;
import static org.jtls.x509.ocsp.OcspFixtures.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.ocsp.OcspVerdict.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses made by bcpkix's BasicOCSPRespBuilder, and the verdict RFC 6960 §3.2 gives each. */
class OcspVerifierTest {
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant THIS_UPDATE = NOW.minusSeconds(3600);
    private static final Instant NEXT_UPDATE = NOW.plusSeconds(86_400);
    private static final OcspVerifier VERIFIER = OcspVerifier.withDefaults();

    private static OcspVerdict verify(byte[] response) {
        return verify(response, CryptoBackends.defaultBackend());
    }

    private static OcspVerdict verify(byte[] response, CryptoBackend crypto) {
        return VERIFIER.verifyStapled(response, OcspFixtures.leaf(), OcspFixtures.ca(), NOW, SKEW, crypto);
    }

    private static void assertFailure(OcspError expected, OcspVerdict verdict) {
        assertEquals(Status.FAILED, verdict.status(), verdict.toString());
        assertEquals(Optional.of(expected), verdict.error(), verdict.toString());
        assertTrue(verdict.singleResponse().isEmpty());
        assertFalse(verdict.detail().isBlank());
    }

    // ---- who signed ----

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void goodWhenTheIssuerSignsAndNamesItself(String backend) {
        OcspVerdict verdict = verify(response().goodForLeaf().build(), CryptoBackends.byName(backend));
        assertEquals(Status.GOOD, verdict.status(), verdict.toString());
        assertTrue(verdict.isGood());
        assertTrue(verdict.error().isEmpty());
        SingleResponse single = verdict.singleResponse().orElseThrow();
        assertEquals(new CertStatus.Good(), single.certStatus());
        assertEquals(THIS_UPDATE, single.thisUpdate());
        assertEquals(Optional.of(NEXT_UPDATE), single.nextUpdate());
        assertEquals(LEAF_SERIAL, single.certId().serialNumber());
        assertTrue(verdict.detail().contains("the issuer"), verdict.detail());
    }

    @Test
    void goodWhenTheIssuerIsNamedByKey() {
        assertEquals(Status.GOOD, verify(response().respondByKey(CA_KEYS).goodForLeaf().build()).status());
    }

    @Test
    void goodWhenTheIssuerAlsoAppearsInCerts() {
        assertEquals(Status.GOOD, verify(response().certs(CA).goodForLeaf().build()).status());
    }

    @Test
    void goodFromAnAuthorizedResponder() {
        OcspVerdict verdict = verify(response().delegatedTo(OcspFixtures.RESPONDER, RESPONDER_KEYS).goodForLeaf().build());
        assertEquals(Status.GOOD, verdict.status(), verdict.toString());
        assertTrue(verdict.detail().contains("authorized responder"), verdict.detail());
    }

    @Test
    void goodFromAnAuthorizedResponderNamedByKey() {
        byte[] response = response().delegatedTo(OcspFixtures.RESPONDER, RESPONDER_KEYS).respondByKey(RESPONDER_KEYS)
                .goodForLeaf().build();
        assertEquals(Status.GOOD, verify(response).status());
    }

    @Test
    void responderWithoutOcspSigningIsNotTrusted() {
        OcspVerdict verdict = verify(response().delegatedTo(OcspFixtures.RESPONDER_WITHOUT_EKU, RESPONDER_KEYS)
                .goodForLeaf().build());
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("id-kp-OCSPSigning"), verdict.detail());
    }

    @Test
    void expiredResponderIsNotTrusted() {
        OcspVerdict verdict = verify(response().delegatedTo(OcspFixtures.EXPIRED_RESPONDER, RESPONDER_KEYS)
                .goodForLeaf().build());
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("not valid at"), verdict.detail());
    }

    @Test
    void responderIssuedByAnotherKeyWithTheSameNameIsNotTrusted() {
        OcspVerdict verdict = verify(response().delegatedTo(OcspFixtures.IMPOSTOR_RESPONDER, RESPONDER_KEYS)
                .goodForLeaf().build());
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("does not verify with the issuer's key"), verdict.detail());
    }

    @Test
    void responderIssuedByAnotherCaIsNotTrusted() {
        KeyPair otherKeys = OcspFixtures.ecKeys();
        X509CertificateHolder responder = OcspFixtures.issue(new X500Name("CN=other CA"), otherKeys,
                new X500Name("CN=other responder"), BigInteger.TWO, RESPONDER_KEYS, OcspFixtures.NOT_BEFORE,
                OcspFixtures.NOT_AFTER, true, true);
        OcspVerdict verdict = verify(response().delegatedTo(responder, RESPONDER_KEYS).goodForLeaf().build());
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("was issued by CN=other CA"), verdict.detail());
    }

    @Test
    void responderWhoseKeyUsageLacksDigitalSignatureIsNotTrusted() {
        X509CertificateHolder responder = OcspFixtures.issue(CA_NAME, CA_KEYS, "SHA256withECDSA",
                new X500Name("CN=key agreement responder"), BigInteger.valueOf(104), RESPONDER_KEYS,
                OcspFixtures.NOT_BEFORE, OcspFixtures.NOT_AFTER, true, KeyUsage.keyAgreement);
        OcspVerdict verdict = verify(response().delegatedTo(responder, RESPONDER_KEYS).goodForLeaf().build());
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("digitalSignature"), verdict.detail());
    }

    @Test
    void responderMissingFromCertsIsNotTrusted() {
        byte[] response = response().delegatedTo(OcspFixtures.RESPONDER, RESPONDER_KEYS).certs().goodForLeaf().build();
        OcspVerdict verdict = verify(response);
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("neither the issuer nor any of the 0 certificates"), verdict.detail());
    }

    @Test
    void responseSignedByAnotherKeyInTheIssuersNameIsNotTrusted() {
        byte[] response = response().signedWith(OcspFixtures.IMPOSTOR_KEYS.getPrivate(), "SHA256withECDSA")
                .goodForLeaf().build();
        OcspVerdict verdict = verify(response);
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("signature does not verify"), verdict.detail());
    }

    @Test
    void responseSignedByTheResponderKeyButNamingTheIssuerIsNotTrusted() {
        byte[] response = response().signedWith(RESPONDER_KEYS.getPrivate(), "SHA256withECDSA")
                .certs(OcspFixtures.RESPONDER).goodForLeaf().build();
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verify(response));
    }

    @Test
    void tamperedSignatureIsNotTrusted() {
        byte[] response = response().goodForLeaf().build();
        // Without certs the signature BIT STRING ends the response.
        response[response.length - 1] ^= 0x01;
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verify(response));
    }

    @Test
    void tamperedResponseDataIsNotTrusted() {
        byte[] response = response().goodForLeaf().build();
        int at = indexOf(response, "20250601110000Z".getBytes(StandardCharsets.US_ASCII));
        response[at + 13] = '1';
        OcspVerdict verdict = verify(response);
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
    }

    @Test
    void rsaSignedResponsesVerify() {
        KeyPair rsaKeys = OcspFixtures.keys("RSA", 2048);
        X509CertificateHolder rsaCa = OcspFixtures.selfSignedCa(new X500Name("CN=jtls RSA OCSP CA"), rsaKeys,
                "SHA256withRSA");
        X509CertificateHolder leaf = OcspFixtures.issue(rsaCa.getSubject(), rsaKeys, "SHA256withRSA",
                new X500Name("CN=rsa leaf"), BigInteger.TEN, OcspFixtures.LEAF_KEYS, OcspFixtures.NOT_BEFORE,
                OcspFixtures.NOT_AFTER, false, -1);
        for (String algorithm : new String[] {"SHA256withRSA", "SHA1withRSA", "SHA256withRSAandMGF1"}) {
            byte[] response = response().respondByName(rsaCa.getSubject()).signedWith(rsaKeys.getPrivate(), algorithm)
                    .single(OcspFixtures.certId(rsaCa, BigInteger.TEN, "SHA-1"), CertificateStatus.GOOD, THIS_UPDATE,
                            NEXT_UPDATE)
                    .build();
            OcspVerdict verdict = VERIFIER.verifyStapled(response, OcspFixtures.parsed(leaf),
                    OcspFixtures.parsed(rsaCa), NOW, SKEW, CryptoBackends.defaultBackend());
            assertEquals(Status.GOOD, verdict.status(), algorithm + ": " + verdict);
        }
    }

    // ---- the status itself ----

    @Test
    void revokedWithReason() {
        Instant revokedAt = Instant.parse("2025-05-20T08:30:00Z");
        byte[] response = response().single(leafId(), new RevokedStatus(Date.from(revokedAt), CRLReason.keyCompromise),
                THIS_UPDATE, NEXT_UPDATE).build();
        OcspVerdict verdict = verify(response);
        assertEquals(Status.REVOKED, verdict.status(), verdict.toString());
        assertTrue(verdict.error().isEmpty());
        CertStatus.Revoked revoked = verdict.revocation().orElseThrow();
        assertEquals(revokedAt, revoked.revocationTime());
        assertEquals(Optional.of(RevocationReason.KEY_COMPROMISE), revoked.reason());
        assertTrue(verdict.detail().contains("keyCompromise"), verdict.detail());
    }

    @Test
    void revokedWithoutReason() {
        Instant revokedAt = Instant.parse("2025-05-20T08:30:00Z");
        byte[] response = response().single(leafId(), new RevokedStatus(Date.from(revokedAt)), THIS_UPDATE, NEXT_UPDATE)
                .build();
        CertStatus.Revoked revoked = verify(response).revocation().orElseThrow();
        assertEquals(Optional.empty(), revoked.reason());
    }

    @Test
    void unknownStatus() {
        byte[] response = response().single(leafId(), new UnknownStatus(), THIS_UPDATE, NEXT_UPDATE).build();
        OcspVerdict verdict = verify(response);
        assertEquals(Status.UNKNOWN, verdict.status());
        assertEquals(Optional.of(OcspError.STATUS_UNKNOWN), verdict.error());
        assertTrue(verdict.revocation().isEmpty());
    }

    @Test
    void revokedWinsOverGoodForTheSameCertificate() {
        byte[] response = response().goodForLeaf()
                .single(leafId(), new RevokedStatus(Date.from(NOW.minusSeconds(7200)), CRLReason.superseded),
                        THIS_UPDATE, NEXT_UPDATE)
                .build();
        assertEquals(Status.REVOKED, verify(response).status());
    }

    @Test
    void otherCertificatesResponsesAreIgnored() {
        byte[] response = response()
                .single(OcspFixtures.certId(CA, BigInteger.valueOf(999), "SHA-1"),
                        new RevokedStatus(Date.from(THIS_UPDATE), CRLReason.keyCompromise), THIS_UPDATE, NEXT_UPDATE)
                .goodForLeaf()
                .build();
        assertEquals(Status.GOOD, verify(response).status());
    }

    // ---- is it about this certificate ----

    @Test
    void wrongSerialIsAnUnknownCertId() {
        byte[] response = response().single(OcspFixtures.certId(CA, LEAF_SERIAL.add(BigInteger.ONE), "SHA-1"),
                CertificateStatus.GOOD, THIS_UPDATE, NEXT_UPDATE).build();
        OcspVerdict verdict = verify(response);
        assertFailure(OcspError.RESPONSE_CERT_ID_UNKNOWN, verdict);
        assertTrue(verdict.detail().contains(LEAF_SERIAL.toString(16)), verdict.detail());
    }

    @Test
    void certIdOfAnotherIssuerKeyIsUnknown() {
        X509CertificateHolder impostorCa = OcspFixtures.selfSignedCa(CA_NAME, OcspFixtures.IMPOSTOR_KEYS,
                "SHA256withECDSA");
        byte[] response = response().single(OcspFixtures.certId(impostorCa, LEAF_SERIAL, "SHA-1"),
                CertificateStatus.GOOD, THIS_UPDATE, NEXT_UPDATE).build();
        assertFailure(OcspError.RESPONSE_CERT_ID_UNKNOWN, verify(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256", "SHA-384"})
    void certIdWithSha2(String hash) {
        byte[] response = response().single(OcspFixtures.certId(CA, LEAF_SERIAL, hash), CertificateStatus.GOOD,
                THIS_UPDATE, NEXT_UPDATE).build();
        assertEquals(Status.GOOD, verify(response).status());
    }

    @Test
    void certIdWithMd5IsNotUsed() {
        byte[] response = response().single(OcspFixtures.certId(CA, LEAF_SERIAL, "MD5"), CertificateStatus.GOOD,
                THIS_UPDATE, NEXT_UPDATE).build();
        OcspVerdict verdict = verify(response);
        assertFailure(OcspError.RESPONSE_CERT_ID_UNKNOWN, verdict);
        assertTrue(verdict.detail().contains("md5"), verdict.detail());
    }

    @Test
    void emptyResponseListIsAnUnknownCertId() {
        assertFailure(OcspError.RESPONSE_CERT_ID_UNKNOWN, verify(response().build()));
    }

    // ---- freshness ----

    @ParameterizedTest(name = "thisUpdate {0}, nextUpdate {1} -> {2}")
    @CsvSource({
        "2025-06-01T11:00:00Z, 2025-06-02T12:00:00Z, GOOD",
        // nextUpdate passed
        "2025-05-30T12:00:00Z, 2025-06-01T11:00:00Z, FAILED",
        // nextUpdate passed, but within the skew
        "2025-05-30T12:00:00Z, 2025-06-01T11:58:00Z, GOOD",
        // thisUpdate in the future
        "2025-06-01T13:00:00Z, 2025-06-02T12:00:00Z, FAILED",
        // thisUpdate in the future, but within the skew
        "2025-06-01T12:02:00Z, 2025-06-02T12:00:00Z, GOOD",
        // nextUpdate before thisUpdate
        "2025-06-01T11:00:00Z, 2025-06-01T10:00:00Z, FAILED",
        // no nextUpdate: recent enough, and too old for the default week
        "2025-05-31T12:00:00Z, , GOOD",
        "2025-05-25T11:54:59Z, , FAILED",
        "2025-05-25T11:55:00Z, , GOOD",
    })
    void freshness(Instant thisUpdate, Instant nextUpdate, Status expected) {
        byte[] response = response().single(leafId(), CertificateStatus.GOOD, thisUpdate, nextUpdate).build();
        OcspVerdict verdict = verify(response);
        assertEquals(expected, verdict.status(), verdict.toString());
        if (expected == Status.FAILED) {
            assertEquals(Optional.of(OcspError.RESPONSE_EXPIRED), verdict.error());
        }
    }

    @Test
    void maxAgeWithoutNextUpdateIsConfigurable() {
        byte[] response = response().single(leafId(), CertificateStatus.GOOD, NOW.minus(Duration.ofDays(2)), null)
                .build();
        OcspVerifier strict = OcspVerifier.builder().maxAgeWithoutNextUpdate(Duration.ofDays(1)).build();
        OcspVerdict verdict = strict.verifyStapled(response, OcspFixtures.leaf(), OcspFixtures.ca(), NOW, SKEW,
                CryptoBackends.defaultBackend());
        assertFailure(OcspError.RESPONSE_EXPIRED, verdict);
        assertEquals(Status.GOOD, verify(response).status());
    }

    @Test
    void staleRevokedResponseIsStillExpired() {
        byte[] response = response().single(leafId(), new RevokedStatus(Date.from(THIS_UPDATE), CRLReason.keyCompromise),
                NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1))).build();
        assertFailure(OcspError.RESPONSE_EXPIRED, verify(response));
    }

    // ---- unsigned errors and bad input ----

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
        "1, MALFORMED_REQUEST",
        "2, INTERNAL_ERROR",
        "3, TRY_LATER",
        "5, SIG_REQUIRED",
        "6, UNAUTHORIZED",
    })
    void unsuccessfulStatusesAreErrors(int status, OcspError expected) {
        assertFailure(expected, verify(OcspFixtures.errorResponse(status)));
    }

    @Test
    void tryLaterKeepsQtsName() {
        assertEquals("OcspTryLater", verify(OcspFixtures.errorResponse(OCSPRespBuilder.TRY_LATER)).error()
                .orElseThrow().qtName());
        assertEquals("OcspSigRequred", OcspError.SIG_REQUIRED.qtName());
    }

    @Test
    void nothingStapled() {
        assertFailure(OcspError.NO_RESPONSE_FOUND, verify(null));
        assertFailure(OcspError.NO_RESPONSE_FOUND, verify(new byte[0]));
    }

    @Test
    void garbageIsMalformedWithAnOffset() {
        OcspVerdict verdict = verify(new byte[] {0x30, 0x03, 0x0a, 0x01});
        assertFailure(OcspError.MALFORMED_RESPONSE, verdict);
        assertTrue(verdict.detail().contains("at offset"), verdict.detail());
    }

    @Test
    void truncatedResponseIsMalformed() {
        byte[] response = response().goodForLeaf().build();
        assertFailure(OcspError.MALFORMED_RESPONSE, verify(java.util.Arrays.copyOf(response, response.length - 1)));
    }

    // ---- extensions ----

    @Test
    void nonceIsReadInBothEncodings() throws Exception {
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] wrapped = response().goodForLeaf().responseExtensions(new Extension(OcspFixtures.OCSP_NONCE, false,
                new DEROctetString(new DEROctetString(nonce).getEncoded()))).build();
        byte[] bare = response().goodForLeaf().responseExtensions(new Extension(OcspFixtures.OCSP_NONCE, false,
                new DEROctetString(nonce))).build();
        for (byte[] response : new byte[][] {wrapped, bare}) {
            BasicOcspResponse basic = OcspResponse.parse(response).basicResponse().orElseThrow();
            assertArrayEquals(nonce, basic.nonce().orElseThrow());
            assertEquals(Status.GOOD, verify(response).status());
        }
    }

    @Test
    void criticalNonceIsUnderstood() throws Exception {
        byte[] response = response().goodForLeaf().responseExtensions(new Extension(OcspFixtures.OCSP_NONCE, true,
                new DEROctetString(new DEROctetString(new byte[] {9}).getEncoded()))).build();
        assertEquals(Status.GOOD, verify(response).status());
    }

    @Test
    void unknownCriticalResponseExtensionIsNotTrusted() throws Exception {
        byte[] response = response().goodForLeaf().responseExtensions(new Extension(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.9"), true, new DEROctetString(new byte[] {5, 0}))).build();
        OcspVerdict verdict = verify(response);
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verdict);
        assertTrue(verdict.detail().contains("1.3.6.1.4.1.55555.9"), verdict.detail());
    }

    @Test
    void unknownNonCriticalExtensionsAreIgnored() throws Exception {
        Extension unknown = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.9"), false,
                new DEROctetString(new byte[] {5, 0}));
        byte[] response = response().responseExtensions(unknown)
                .single(leafId(), CertificateStatus.GOOD, THIS_UPDATE, NEXT_UPDATE, unknown).build();
        assertEquals(Status.GOOD, verify(response).status());
    }

    @Test
    void unknownCriticalSingleExtensionIsNotTrusted() throws Exception {
        Extension unknown = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.9"), true,
                new DEROctetString(new byte[] {5, 0}));
        byte[] response = response().single(leafId(), CertificateStatus.GOOD, THIS_UPDATE, NEXT_UPDATE, unknown)
                .build();
        assertFailure(OcspError.RESPONSE_CANNOT_BE_TRUSTED, verify(response));
    }

    // ---- helpers ----

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void fixtureCertificatesParse() {
        Certificate responder = OcspFixtures.parsed(OcspFixtures.RESPONDER);
        assertTrue(responder.extendedKeyUsage().orElseThrow().has(org.jtls.x509.cert.KeyPurpose.OCSP_SIGNING));
    }
}
