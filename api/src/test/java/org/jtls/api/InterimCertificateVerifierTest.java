package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
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
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import org.junit.jupiter.api.Test;

/** The interim verifier's rules, one chain each, made with CertificateBuilder. */
class InterimCertificateVerifierTest {
    private static final Instant NOW = Instant.now();

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
        return issue(issuer, named("localhost").dnsNames("localhost").extendedKeyUsage(KeyPurpose.SERVER_AUTH));
    }

    private static List<SslError> verify(List<SslCertificate> chain, List<SslCertificate> anchors, String name,
            Purpose purpose, int depth) {
        return CertificateVerifier.interim().verify(new CertificateVerifier.Request(chain, anchors, name, purpose, depth,
                NOW, null, false, TestPki.CRYPTO));
    }

    private static List<Kind> kinds(List<SslError> errors) {
        return errors.stream().map(SslError::kind).toList();
    }

    @Test
    void aChainThroughAnIntermediateToAnAnchorIsValid() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        assertEquals(List.of(), verify(List.of(leaf.certificate(), middle.certificate()), List.of(root.certificate()),
                "localhost", Purpose.SERVER_AUTH, 0));
        assertEquals(List.of(), verify(List.of(leaf.certificate()), List.of(middle.certificate()), "localhost",
                Purpose.SERVER_AUTH, 0), "an intermediate may be the anchor");
        assertEquals(List.of(), verify(List.of(leaf.certificate()), List.of(leaf.certificate()), "localhost",
                Purpose.SERVER_AUTH, 0), "the leaf itself may be trusted");
    }

    @Test
    void aMissingIntermediateIsUnableToGetLocalIssuer() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        assertEquals(List.of(new SslError(Kind.UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE, leaf.certificate()),
                new SslError(Kind.UNABLE_TO_VERIFY_FIRST_CERTIFICATE, leaf.certificate())),
                verify(List.of(leaf.certificate()), List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 0));
    }

    @Test
    void aForgedIssuerFailsTheSignatureCheck() {
        Issued root = root("root", OptionalInt.empty());
        Issued impostor = root("root", OptionalInt.empty());
        Issued leaf = server(impostor);
        assertEquals(List.of(new SslError(Kind.CERTIFICATE_SIGNATURE_FAILED, leaf.certificate())),
                verify(List.of(leaf.certificate()), List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 0));
    }

    @Test
    void issuersMustBeCasWithinTheirPathLength() {
        Issued root = root("root", OptionalInt.of(0));
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        assertEquals(List.of(new SslError(Kind.PATH_LENGTH_EXCEEDED, root.certificate())),
                verify(List.of(leaf.certificate(), middle.certificate()), List.of(root.certificate()), "localhost",
                        Purpose.SERVER_AUTH, 0));

        Issued open = root("open root", OptionalInt.empty());
        Issued notCa = issue(open, named("not a CA").basicConstraints(BasicConstraints.endEntity()));
        Issued below = server(notCa);
        assertEquals(List.of(new SslError(Kind.INVALID_CA_CERTIFICATE, notCa.certificate())),
                verify(List.of(below.certificate(), notCa.certificate()), List.of(open.certificate()), "localhost",
                        Purpose.SERVER_AUTH, 0));

        Issued noCertSign = issue(open, named("no keyCertSign").basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE));
        Issued under = server(noCertSign);
        assertEquals(List.of(Kind.INVALID_CA_CERTIFICATE), kinds(verify(List.of(under.certificate(),
                noCertSign.certificate()), List.of(open.certificate()), "localhost", Purpose.SERVER_AUTH, 0)));
    }

    @Test
    void theDepthLimitCountsTheAnchor() {
        Issued root = root("root", OptionalInt.empty());
        Issued middle = intermediate(root, "middle");
        Issued leaf = server(middle);
        List<SslCertificate> chain = List.of(leaf.certificate(), middle.certificate());
        assertEquals(List.of(), verify(chain, List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 3));
        assertEquals(List.of(new SslError(Kind.PATH_LENGTH_EXCEEDED, root.certificate())),
                verify(chain, List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 2));
    }

    @Test
    void purposeNameAndCriticalExtensions() {
        Issued root = root("root", OptionalInt.empty());
        Issued client = issue(root, named("client").extendedKeyUsage(KeyPurpose.CLIENT_AUTH));
        assertEquals(List.of(new SslError(Kind.INVALID_PURPOSE, client.certificate())),
                verify(List.of(client.certificate()), List.of(root.certificate()), null, Purpose.SERVER_AUTH, 0));
        assertEquals(List.of(), verify(List.of(client.certificate()), List.of(root.certificate()), null,
                Purpose.CLIENT_AUTH, 0));
        assertEquals(List.of(), verify(List.of(client.certificate()), List.of(root.certificate()), null, Purpose.ANY, 0));

        Issued leaf = server(root);
        assertEquals(List.of(new SslError(Kind.HOST_NAME_MISMATCH, leaf.certificate())),
                verify(List.of(leaf.certificate()), List.of(root.certificate()), "127.0.0.1", Purpose.SERVER_AUTH, 0));

        Issued odd = issue(root, named("odd").dnsNames("odd.example")
                .extension(Extension.raw(ObjectIdentifier.of("1.3.6.1.4.1.99999.1"), true, new byte[] {5, 0})));
        assertEquals(List.of(new SslError(Kind.UNHANDLED_CRITICAL_EXTENSION, odd.certificate())),
                verify(List.of(odd.certificate()), List.of(root.certificate()), "odd.example", Purpose.SERVER_AUTH, 0));
    }

    @Test
    void datesSelfSignatureAndEmptyChains() {
        Issued root = root("root", OptionalInt.empty());
        PrivateKeyMaterial key = key();
        Certificate future = named("later").dnsNames("later.example").validity(NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(2))).issuedBy(root.certificate().certificate(), TestPki.CRYPTO)
                .publicKey(key.publicKey()).sign(root.key(), TestPki.CRYPTO, TestPki.RANDOM);
        assertEquals(List.of(new SslError(Kind.CERTIFICATE_NOT_YET_VALID, SslCertificate.of(future))),
                verify(List.of(SslCertificate.of(future)), List.of(root.certificate()), "later.example",
                        Purpose.SERVER_AUTH, 0));

        Issued stranger = root("stranger", OptionalInt.empty());
        assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE, stranger.certificate())),
                verify(List.of(stranger.certificate()), List.of(root.certificate()), null, Purpose.ANY, 0));
        assertEquals(List.of(new SslError(Kind.NO_PEER_CERTIFICATE)),
                verify(List.of(), List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 0));
    }

    @Test
    void requiredStaplingWithoutAResponse() {
        Issued root = root("root", OptionalInt.empty());
        Issued leaf = server(root);
        List<SslError> errors = CertificateVerifier.interim().verify(new CertificateVerifier.Request(
                List.of(leaf.certificate()), List.of(root.certificate()), "localhost", Purpose.SERVER_AUTH, 0, NOW,
                null, true, TestPki.CRYPTO));
        assertEquals(List.of(new SslError(Kind.OCSP_NO_RESPONSE_FOUND, leaf.certificate())), errors);
        assertEquals("No OCSP status response found", errors.get(0).errorString());
    }
}
