package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.key.OpenSslCli;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.name.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateBuilderTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CryptoBackend CRYPTO = CryptoBackends.defaultBackend();
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private static PrivateKeyMaterial generate(KeyPairSpec spec) {
        KeyPairMaterial pair = CRYPTO.generateKeyPair(spec, RANDOM);
        return pair.privateKey();
    }

    private record Pki(PrivateKeyMaterial caKey, Certificate ca, PrivateKeyMaterial leafKey, Certificate leaf) {
    }

    private static Pki ecdsaPki() throws Exception {
        PrivateKeyMaterial caKey = generate(KeyPairSpec.ec(EcCurve.P256));
        Certificate ca = CertificateBuilder.create()
                .serialNumber(BigInteger.valueOf(1))
                .subject(AttributeTypeAndValue.of(AttributeType.ORGANIZATION, "jtls"),
                        AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "jtls test CA"))
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)))
                .basicConstraints(BasicConstraints.ca(OptionalInt.of(0)))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN, KeyUsage.Bit.CRL_SIGN)
                .selfSign(caKey, CRYPTO, RANDOM);
        PrivateKeyMaterial leafKey = generate(KeyPairSpec.ec(EcCurve.P256));
        Certificate leaf = CertificateBuilder.create()
                .randomSerialNumber(RANDOM)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "localhost"))
                .issuedBy(ca, CRYPTO)
                .validity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)))
                .publicKey(leafKey.publicKey())
                .basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                .dnsNames("localhost")
                .ipAddresses(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"))
                .sign(caKey, CRYPTO, RANDOM);
        return new Pki(caKey, ca, leafKey, leaf);
    }

    @Test
    void ecdsaCaAndLeafCarryWhatWasAsked() throws Exception {
        Pki pki = ecdsaPki();
        Certificate ca = pki.ca();
        Certificate leaf = pki.leaf();

        assertEquals(3, ca.version());
        assertEquals(BigInteger.ONE, ca.serialNumber());
        assertTrue(ca.isSelfIssued());
        assertEquals("CN=jtls test CA,O=jtls", ca.subject().toRfc4514String());
        assertEquals(NOW.minus(Duration.ofDays(1)), ca.notBefore());
        assertEquals(KnownAlgorithm.ECDSA_WITH_SHA256, ca.signatureAlgorithm().knownAlgorithm());
        assertTrue(ca.basicConstraints().orElseThrow().ca());
        assertEquals(OptionalInt.of(0), ca.basicConstraints().orElseThrow().pathLenConstraint());
        assertTrue(ca.extension(ExtensionType.BASIC_CONSTRAINTS).orElseThrow().critical());
        assertTrue(ca.keyUsage().orElseThrow().has(KeyUsage.Bit.KEY_CERT_SIGN));
        assertArrayEquals(ca.subjectKeyIdentifier().orElseThrow().keyIdentifier(),
                ca.authorityKeyIdentifier().orElseThrow().keyIdentifier().orElseThrow());

        assertEquals(ca.subject(), leaf.issuer());
        assertTrue(leaf.hasConformingSerialNumber());
        assertFalse(leaf.basicConstraints().orElseThrow().ca());
        assertTrue(leaf.extendedKeyUsage().orElseThrow().has(KeyPurpose.SERVER_AUTH));
        assertEquals(List.of("localhost"), leaf.subjectAlternativeName().orElseThrow().dnsNames());
        assertEquals(2, leaf.subjectAlternativeName().orElseThrow().ipAddresses().size());
        assertFalse(leaf.extension(ExtensionType.SUBJECT_ALTERNATIVE_NAME).orElseThrow().critical());
        assertArrayEquals(ca.subjectKeyIdentifier().orElseThrow().keyIdentifier(),
                leaf.authorityKeyIdentifier().orElseThrow().keyIdentifier().orElseThrow());
        assertEquals(pki.leafKey().publicKey(), leaf.publicKey().orElseThrow());
        assertArrayEquals(leaf.encode(), leaf.reencode(), "what the builder writes is DER");
    }

    @Test
    void signaturesVerifyWithBothBackends() throws Exception {
        Pki pki = ecdsaPki();
        for (CryptoBackend backend : List.of(CryptoBackends.jca(), CryptoBackends.bouncyCastle())) {
            assertTrue(pki.ca().verifySignature(pki.ca(), backend), backend.name());
            assertTrue(pki.leaf().verifySignature(pki.ca(), backend), backend.name());
            assertFalse(pki.leaf().verifySignature(pki.leaf(), backend), backend.name());
        }
    }

    @Test
    void theJdkAndBouncyCastleReadAndVerifyWhatWeWrite() throws Exception {
        Pki pki = ecdsaPki();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate jdkCa = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pki.ca().encode()));
        X509Certificate jdkLeaf = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(pki.leaf().encode()));
        jdkLeaf.verify(jdkCa.getPublicKey());
        jdkCa.verify(jdkCa.getPublicKey());
        assertEquals(0, jdkCa.getBasicConstraints());
        assertEquals(-1, jdkLeaf.getBasicConstraints());
        assertEquals(pki.leaf().serialNumber(), jdkLeaf.getSerialNumber());
        assertTrue(jdkLeaf.getKeyUsage()[0], "digitalSignature");
        assertTrue(jdkLeaf.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
        Collection<List<?>> names = jdkLeaf.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "localhost")), names.toString());
        assertTrue(names.contains(List.of(7, "127.0.0.1")), names.toString());
        assertEquals(NOW.plus(Duration.ofDays(30)), jdkLeaf.getNotAfter().toInstant());

        X509CertificateHolder bcLeaf = new X509CertificateHolder(pki.leaf().encode());
        assertTrue(bcLeaf.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jdkCa.getPublicKey())));
        assertEquals("CN=localhost", bcLeaf.getSubject().toString());
    }

    @Test
    void rsaAndEd25519Certificates() throws Exception {
        PrivateKeyMaterial rsa = generate(KeyPairSpec.rsa(2048));
        Certificate rsaCertificate = CertificateBuilder.create().serialNumber(BigInteger.TEN)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "rsa.example"))
                .validity(NOW, NOW.plus(Duration.ofDays(1)))
                .selfSign(rsa, CRYPTO, RANDOM);
        assertEquals(KnownAlgorithm.SHA256_WITH_RSA_ENCRYPTION, rsaCertificate.signatureAlgorithm().knownAlgorithm());
        assertTrue(rsaCertificate.signatureAlgorithm().hasNullParameters(), "RFC 4055 §5: NULL parameters");

        PrivateKeyMaterial ed = generate(KeyPairSpec.ed25519());
        Certificate edCertificate = CertificateBuilder.create().serialNumber(BigInteger.TWO)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "ed.example"))
                .validity(NOW, NOW.plus(Duration.ofDays(1)))
                .selfSign(ed, CRYPTO, RANDOM);
        assertEquals(KnownAlgorithm.ED25519, edCertificate.signatureAlgorithm().knownAlgorithm());

        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (Certificate certificate : List.of(rsaCertificate, edCertificate)) {
            for (CryptoBackend backend : List.of(CryptoBackends.jca(), CryptoBackends.bouncyCastle())) {
                assertTrue(certificate.verifySignature(certificate, backend), certificate + " " + backend.name());
            }
            X509Certificate jdk = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(certificate.encode()));
            jdk.verify(jdk.getPublicKey());
        }
    }

    @Test
    void rsaPssSignatureWhenAsked() throws Exception {
        PrivateKeyMaterial rsa = generate(KeyPairSpec.rsa(2048));
        Certificate certificate = CertificateBuilder.create().serialNumber(BigInteger.TEN)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "pss.example"))
                .validity(NOW, NOW.plus(Duration.ofDays(1)))
                .selfSign(rsa, SignatureAlgorithm.RSA_PSS_SHA256, CRYPTO, RANDOM);
        assertEquals(KnownAlgorithm.RSASSA_PSS, certificate.signatureAlgorithm().knownAlgorithm());
        assertTrue(certificate.verifySignature(certificate, CryptoBackends.jca()));
        assertTrue(certificate.verifySignature(certificate, CryptoBackends.bouncyCastle()));
    }

    @Test
    void opensslPrintsAndVerifiesTheChain(@TempDir Path directory) throws Exception {
        OpenSslCli.assumeAvailable();
        Pki pki = ecdsaPki();
        Files.writeString(directory.resolve("ca.pem"), pki.ca().toPem());
        Files.writeString(directory.resolve("leaf.pem"), pki.leaf().toPem());
        String text = OpenSslCli.openssl(directory, "x509", "-in", "leaf.pem", "-noout", "-text");
        assertTrue(text.contains("Subject: CN = localhost"), text);
        assertTrue(text.contains("Issuer: O = jtls, CN = jtls test CA"), text);
        assertTrue(text.contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), text);
        assertTrue(text.contains("TLS Web Server Authentication"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        String verdict = OpenSslCli.openssl(directory, "verify", "-attime",
                Long.toString(NOW.getEpochSecond()), "-CAfile", "ca.pem", "leaf.pem");
        assertTrue(verdict.contains("leaf.pem: OK"), verdict);
    }

    @Test
    void anEmptySubjectNeedsACriticalSubjectAltName() {
        PrivateKeyMaterial key = generate(KeyPairSpec.ec(EcCurve.P256));
        CertificateBuilder noNames = CertificateBuilder.create().serialNumber(BigInteger.ONE)
                .subject(DistinguishedName.EMPTY).validity(NOW, NOW);
        assertThrows(IllegalStateException.class, () -> noNames.selfSign(key, CRYPTO, RANDOM));

        Certificate named = CertificateBuilder.create().serialNumber(BigInteger.ONE).validity(NOW, NOW)
                .subjectAlternativeNames(new GeneralName.DnsName("only-san.example"))
                .issuer(DistinguishedName.of(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "issuer")))
                .publicKey(key.publicKey())
                .sign(key, CRYPTO, RANDOM);
        assertTrue(named.subject().isEmpty());
        assertTrue(named.extension(ExtensionType.SUBJECT_ALTERNATIVE_NAME).orElseThrow().critical());
    }

    @Test
    void refusesIncompleteOrInconsistentInput() {
        PrivateKeyMaterial key = generate(KeyPairSpec.ec(EcCurve.P256));
        assertThrows(IllegalStateException.class, () -> CertificateBuilder.create()
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "x")).validity(NOW, NOW)
                .selfSign(key, CRYPTO, RANDOM), "no serial");
        assertThrows(IllegalArgumentException.class, () -> CertificateBuilder.create().serialNumber(BigInteger.ONE)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "x")).validity(NOW, NOW)
                .selfSign(key, SignatureAlgorithm.ED25519, CRYPTO, RANDOM), "an EC key cannot sign Ed25519");
        assertThrows(IllegalArgumentException.class, () -> CertificateBuilder.create().serialNumber(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> CertificateBuilder.create().validity(NOW, NOW.minusSeconds(1)));
    }

    @Test
    void randomSerialsArePositiveSixteenOctetsAndDiffer() {
        BigInteger first = serialOf(CertificateBuilder.create().randomSerialNumber(RANDOM));
        BigInteger second = serialOf(CertificateBuilder.create().randomSerialNumber(RANDOM));
        assertTrue(first.signum() > 0 && first.toByteArray().length <= 16);
        assertFalse(first.equals(second));
    }

    private static BigInteger serialOf(CertificateBuilder builder) {
        PrivateKeyMaterial key = generate(KeyPairSpec.ed25519());
        return builder.subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "s")).validity(NOW, NOW)
                .selfSign(key, CRYPTO, RANDOM).serialNumber();
    }
}
