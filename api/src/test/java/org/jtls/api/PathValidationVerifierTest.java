package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jtls.api.CertificateVerifier.Purpose;
import org.jtls.api.SslError.Kind;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificateBuilder;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.PrivateKeyWriter;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import org.junit.jupiter.api.Test;

/**
 * The default verifier over RFC 5280 path validation: one chain per rule, made with
 * CertificateBuilder, and the {@link SslError} each problem becomes. OCSP responses are made with
 * bcpkix.
 */
class PathValidationVerifierTest {
    private static final Instant NOW = Instant.now();
    private static final CertificateVerifier VERIFIER = CertificateVerifier.pathValidation();

    private record Issued(SslCertificate certificate, PrivateKeyMaterial key) {
    }

    private static PrivateKeyMaterial key() {
        return TestPki.CRYPTO.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), TestPki.RANDOM).privateKey();
    }

    private static CertificateBuilder named(String commonName) {
        return CertificateBuilder.create().randomSerialNumber(TestPki.RANDOM)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, commonName))
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
    }

    private static Issued root(String name, OptionalInt pathLength) {
        PrivateKeyMaterial key = key();
        Certificate certificate = named(name).basicConstraints(BasicConstraints.ca(pathLength))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN).selfSign(key, TestPki.CRYPTO, TestPki.RANDOM);
        return new Issued(SslCertificate.of(certificate), key);
    }

    private static Issued issue(Issued issuer, CertificateBuilder builder) {
        PrivateKeyMaterial key = key();
        Certificate certificate = builder.issuedBy(issuer.certificate().certificate(), TestPki.CRYPTO)
                .publicKey(key.publicKey()).sign(issuer.key(), TestPki.CRYPTO, TestPki.RANDOM);
        return new Issued(SslCertificate.of(certificate), key);
    }

    private static Issued intermediate(Issued issuer, String name) {
        return issue(issuer, named(name).basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN));
    }

    private static Issued server(Issued issuer) {
        return issue(issuer, named("localhost").dnsNames("localhost").ipAddresses(TestPki.loopback())
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH));
    }

    private static List<SslError> verify(List<SslCertificate> chain, List<SslCertificate> anchors, String name,
            Purpose purpose, int depth) {
        return VERIFIER.verify(new CertificateVerifier.Request(chain, anchors, name, purpose, depth, NOW, null, false,
                TestPki.CRYPTO));
    }

    private static List<SslError> verifyServer(List<SslCertificate> chain, Issued anchor) {
        return verify(chain, List.of(anchor.certificate()), "localhost", Purpose.SERVER_AUTH, 0);
    }

    private static List<Kind> kinds(List<SslError> errors) {
        return errors.stream().map(SslError::kind).toList();
    }

    // ---- paths that validate ----

    @Test
    void aChainThroughAnIntermediateToAnAnchorIsValid() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        assertEquals(List.of(), verifyServer(List.of(leaf.certificate(), middle.certificate()), root));
        assertEquals(List.of(), verifyServer(List.of(leaf.certificate()), middle), "an intermediate may be the anchor");
        assertEquals(List.of(), verifyServer(List.of(leaf.certificate()), leaf), "the leaf itself may be trusted");
    }

    @Test
    void thePathIsBuiltFromTheSentCertificatesInAnyOrder() {
        Issued root = root("root", OptionalInt.empty());
        Issued upper = intermediate(root, "upper");
        Issued lower = intermediate(upper, "lower");
        Issued leaf = server(lower);
        Issued unrelated = intermediate(root("other root", OptionalInt.empty()), "unrelated");
        assertEquals(List.of(), verifyServer(List.of(leaf.certificate(), unrelated.certificate(), upper.certificate(),
                lower.certificate()), root), "RFC 8446 §4.4.2: extra and out-of-order certificates are tolerated");
    }

    @Test
    void anIpLiteralMatchesAnIpAddressEntry() {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        assertEquals(List.of(), verify(List.of(leaf.certificate()), List.of(root.certificate()), "127.0.0.1",
                Purpose.SERVER_AUTH, 0));
        assertEquals(List.of(new SslError(Kind.HOST_NAME_MISMATCH, leaf.certificate())), verify(List.of(
                leaf.certificate()), List.of(root.certificate()), "127.0.0.2", Purpose.SERVER_AUTH, 0));
    }

    // ---- issuers ----

    @Test
    void aMissingIntermediateIsUnableToGetLocalIssuer() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        assertEquals(List.of(new SslError(Kind.UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE, leaf.certificate()),
                new SslError(Kind.UNABLE_TO_VERIFY_FIRST_CERTIFICATE, leaf.certificate())),
                verifyServer(List.of(leaf.certificate()), root));
    }

    @Test
    void aChainToAnUntrustedRootIsSelfSignedInChain() {
        Issued root = root("root", OptionalInt.empty());
        Issued stranger = root("stranger", OptionalInt.empty());
        Issued leaf = server(stranger);
        assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE_IN_CHAIN, stranger.certificate())),
                verifyServer(List.of(leaf.certificate(), stranger.certificate()), root));
    }

    @Test
    void aSelfSignedLeafIsSelfSigned() {
        Issued root = root("root", OptionalInt.empty());
        Issued stranger = root("stranger", OptionalInt.empty());
        assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE, stranger.certificate())),
                verify(List.of(stranger.certificate()), List.of(root.certificate()), null, Purpose.ANY, 0));
        assertEquals(List.of(new SslError(Kind.NO_PEER_CERTIFICATE)),
                verifyServer(List.of(), root));
    }

    @Test
    void aForgedIssuerFailsTheSignatureCheck() {
        Issued root = root("root", OptionalInt.empty());
        Issued impostor = root("root", OptionalInt.empty());
        Issued leaf = server(impostor);
        List<SslError> errors = verifyServer(List.of(leaf.certificate()), root);
        assertTrue(errors.contains(new SslError(Kind.CERTIFICATE_SIGNATURE_FAILED, leaf.certificate())),
                errors.toString());
        assertTrue(errors.stream().allMatch(error -> error.certificate().orElseThrow().equals(leaf.certificate())),
                errors.toString());
    }

    @Test
    void issuersMustBeCasWithinTheirPathLength() {
        Issued root = root("root", OptionalInt.of(0));
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        assertEquals(List.of(Kind.PATH_LENGTH_EXCEEDED),
                kinds(verifyServer(List.of(leaf.certificate(), middle.certificate()), root)));

        Issued open = root("open root", OptionalInt.empty());
        Issued notCa = issue(open, named("not a CA").basicConstraints(BasicConstraints.endEntity()));
        Issued below = server(notCa);
        assertEquals(List.of(new SslError(Kind.INVALID_CA_CERTIFICATE, notCa.certificate())),
                verifyServer(List.of(below.certificate(), notCa.certificate()), open));

        Issued noCertSign = issue(open, named("no keyCertSign").basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE));
        Issued under = server(noCertSign);
        assertEquals(List.of(Kind.INVALID_CA_CERTIFICATE),
                kinds(verifyServer(List.of(under.certificate(), noCertSign.certificate()), open)));
    }

    @Test
    void theDepthLimitCountsTheLeafAndTheAnchor() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        List<SslCertificate> chain = List.of(leaf.certificate(), middle.certificate());
        List<SslCertificate> anchors = List.of(root.certificate());
        assertEquals(List.of(), verify(chain, anchors, "localhost", Purpose.SERVER_AUTH, 3));
        assertEquals(List.of(), verify(chain, anchors, "localhost", Purpose.SERVER_AUTH, 0), "0 is no limit");
        assertEquals(List.of(Kind.PATH_LENGTH_EXCEEDED), kinds(verify(chain, anchors, "localhost",
                Purpose.SERVER_AUTH, 2)));
        assertEquals(List.of(new SslError(Kind.PATH_LENGTH_EXCEEDED, middle.certificate())),
                verify(List.of(leaf.certificate()), List.of(middle.certificate()), "localhost", Purpose.SERVER_AUTH, 1));
        assertEquals(List.of(), verify(List.of(leaf.certificate()), List.of(leaf.certificate()), "localhost",
                Purpose.SERVER_AUTH, 1), "a trusted leaf is a path of one");
    }

    // ---- dates ----

    @Test
    void expiredAndNotYetValidCertificates() {
        Issued root = root("root", OptionalInt.empty());
        Issued future = issue(root, named("later").dnsNames("localhost")
                .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2))));
        assertEquals(List.of(new SslError(Kind.CERTIFICATE_NOT_YET_VALID, future.certificate())),
                verifyServer(List.of(future.certificate()), root));
        Issued past = issue(root, named("earlier").dnsNames("localhost")
                .validity(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))));
        assertEquals(List.of(new SslError(Kind.CERTIFICATE_EXPIRED, past.certificate())),
                verifyServer(List.of(past.certificate()), root));

        Issued expiredMiddle = issue(root, named("old middle").basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN).validity(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))));
        Issued leaf = server(expiredMiddle);
        assertEquals(List.of(new SslError(Kind.CERTIFICATE_EXPIRED, expiredMiddle.certificate())),
                verifyServer(List.of(leaf.certificate(), expiredMiddle.certificate()), root));
    }

    // ---- purpose, name, extensions ----

    @Test
    void theLeafMustBeForThePurpose() {
        Issued root = root("root", OptionalInt.empty());
        Issued client = issue(root, named("client").extendedKeyUsage(KeyPurpose.CLIENT_AUTH));
        assertEquals(List.of(new SslError(Kind.INVALID_PURPOSE, client.certificate())),
                verify(List.of(client.certificate()), List.of(root.certificate()), null, Purpose.SERVER_AUTH, 0));
        assertEquals(List.of(), verify(List.of(client.certificate()), List.of(root.certificate()), null,
                Purpose.CLIENT_AUTH, 0));
        assertEquals(List.of(), verify(List.of(client.certificate()), List.of(root.certificate()), null, Purpose.ANY, 0));

        Issued emailCa = issue(root, named("mail CA").basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN).extendedKeyUsage(KeyPurpose.EMAIL_PROTECTION));
        Issued underEmailCa = server(emailCa);
        assertEquals(List.of(new SslError(Kind.INVALID_PURPOSE, emailCa.certificate())), verifyServer(
                List.of(underEmailCa.certificate(), emailCa.certificate()), root), "an intermediate's EKU constrains");
    }

    @Test
    void theLeafMustBeForTheHostName() {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        assertEquals(List.of(new SslError(Kind.HOST_NAME_MISMATCH, leaf.certificate())),
                verify(List.of(leaf.certificate()), List.of(root.certificate()), "example.com", Purpose.SERVER_AUTH, 0));
        Issued wildcard = issue(root, named("wildcard").dnsNames("*.example.com"));
        assertEquals(List.of(), verify(List.of(wildcard.certificate()), List.of(root.certificate()), "www.example.com",
                Purpose.SERVER_AUTH, 0));
        assertEquals(List.of(Kind.HOST_NAME_MISMATCH), kinds(verify(List.of(wildcard.certificate()),
                List.of(root.certificate()), "a.b.example.com", Purpose.SERVER_AUTH, 0)));
    }

    @Test
    void anUnknownCriticalExtensionIsUnhandled() {
        Issued root = root("root", OptionalInt.empty());
        Issued odd = issue(root, named("odd").dnsNames("odd.example")
                .extension(Extension.raw(ObjectIdentifier.of("1.3.6.1.4.1.99999.1"), true, new byte[] {5, 0})));
        assertEquals(List.of(new SslError(Kind.UNHANDLED_CRITICAL_EXTENSION, odd.certificate())),
                verify(List.of(odd.certificate()), List.of(root.certificate()), "odd.example", Purpose.SERVER_AUTH, 0));
    }

    @Test
    void everyPathErrorHasAQtKind() {
        for (org.jtls.x509.path.ErrorKind kind : org.jtls.x509.path.ErrorKind.values()) {
            Kind mapped = PathValidationVerifier.kindOf(kind);
            if (Kind.fromQtName(kind.name()).isPresent()) {
                assertEquals(Kind.fromQtName(kind.name()).get(), mapped, kind.name());
            }
        }
        assertEquals(Kind.PATH_LENGTH_EXCEEDED, PathValidationVerifier.kindOf(org.jtls.x509.path.ErrorKind.ChainTooLong));
    }

    // ---- stapled OCSP ----

    private static List<SslError> verifyStapled(Issued leaf, Issued root, byte[] staple) {
        return VERIFIER.verify(new CertificateVerifier.Request(List.of(leaf.certificate()),
                List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 0, NOW, staple, true, TestPki.CRYPTO));
    }

    /** An OCSP response about {@code leaf}, signed by {@code signer} (which names itself as responder). */
    private static byte[] ocspResponse(Issued leaf, Issued issuer, Issued signer, CertificateStatus status)
            throws Exception {
        X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.certificate().toDer());
        X509CertificateHolder signerHolder = new X509CertificateHolder(signer.certificate().toDer());
        BigInteger serial = new X509CertificateHolder(leaf.certificate().toDer()).getSerialNumber();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), issuerHolder, serial);
        Date thisUpdate = Date.from(NOW.minus(Duration.ofHours(1)));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()));
        builder.addResponse(id, status, thisUpdate, Date.from(NOW.plus(Duration.ofDays(1))), null);
        PrivateKey signingKey = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(PrivateKeyWriter.pkcs8Der(signer.key())));
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey),
                null, thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    @Test
    void aGoodStapleFromTheIssuerPasses() throws Exception {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        assertEquals(List.of(), verifyStapled(leaf, root, ocspResponse(leaf, root, root, CertificateStatus.GOOD)));
    }

    @Test
    void aRevokedStapleIsCertificateRevoked() throws Exception {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        byte[] revoked = ocspResponse(leaf, root, root, new RevokedStatus(Date.from(NOW.minus(Duration.ofHours(2))), 1));
        assertEquals(List.of(new SslError(Kind.CERTIFICATE_REVOKED, leaf.certificate())),
                verifyStapled(leaf, root, revoked));
    }

    @Test
    void aMissingUnknownOrUntrustedStapleIsAnError() throws Exception {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        List<SslError> missing = verifyStapled(leaf, root, null);
        assertEquals(List.of(new SslError(Kind.OCSP_NO_RESPONSE_FOUND, leaf.certificate())), missing);
        assertEquals("No OCSP status response found", missing.get(0).errorString());
        assertEquals(List.of(new SslError(Kind.OCSP_STATUS_UNKNOWN, leaf.certificate())),
                verifyStapled(leaf, root, ocspResponse(leaf, root, root, new UnknownStatus())));
        Issued stranger = root("stranger", OptionalInt.empty());
        assertEquals(List.of(new SslError(Kind.OCSP_RESPONSE_CANNOT_BE_TRUSTED, leaf.certificate())),
                verifyStapled(leaf, root, ocspResponse(leaf, root, stranger, CertificateStatus.GOOD)));
        assertEquals(List.of(new SslError(Kind.OCSP_MALFORMED_RESPONSE, leaf.certificate())),
                verifyStapled(leaf, root, new byte[] {0x30, 0x03, 0x0a, 0x01}));
    }

    @Test
    void aStapleIsIgnoredUnlessRequired() throws Exception {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        assertEquals(List.of(), VERIFIER.verify(new CertificateVerifier.Request(List.of(leaf.certificate()),
                List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 0, NOW, null, false, TestPki.CRYPTO)));
    }

    @Test
    void sslCertificateVerifyUsesPathValidation() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        SslConfiguration saved = SslConfiguration.defaultConfiguration();
        try {
            SslConfiguration.setDefaultConfiguration(saved.withCaCertificates(List.of(root.certificate())));
            // Sent in the wrong order: path building, not a walk along the list, finds the path.
            assertEquals(List.of(), SslCertificate.verify(List.of(leaf.certificate(), root.certificate(),
                    middle.certificate()), "localhost"));
            assertEquals(List.of(Kind.INVALID_CA_CERTIFICATE), kinds(SslCertificate.verify(List.of(
                    server(leaf).certificate(), leaf.certificate(), middle.certificate()), null)));
        } finally {
            SslConfiguration.setDefaultConfiguration(saved);
        }
    }
}
