package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.CertificateFixtures.Issued;
import org.jtls.x509.cert.CertificateFixtures.KeyKind;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerTime;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.GeneralName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificates made by bcpkix for every key kind: each parsed field is what bcpkix was told. */
class CertificateParsingTest {
    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void fieldsAreWhatBcpkixWasTold(KeyKind kind) throws DerException, IOException, UnsupportedAlgorithmException {
        Issued issued = CertificateFixtures.issued(kind);
        Certificate leaf = Certificate.parse(issued.leafDer());

        assertEquals(3, leaf.version());
        assertEquals(CertificateFixtures.LEAF_SERIAL, leaf.serialNumber());
        assertTrue(leaf.hasConformingSerialNumber());
        assertEquals(issued.leaf().getSignatureAlgorithm().getAlgorithm().getId(),
                leaf.signatureAlgorithm().algorithm().toString());
        assertArrayEquals(issued.leaf().getSignatureAlgorithm().getEncoded(ASN1Encoding.DER),
                encodedAlgorithm(leaf));
        assertArrayEquals(issued.leaf().getIssuer().getEncoded(ASN1Encoding.DER), leaf.issuer().encoded());
        assertArrayEquals(issued.leaf().getSubject().getEncoded(ASN1Encoding.DER), leaf.subject().encoded());
        assertEquals("CN=jtls test CA " + kind.name() + ",O=jtls test,C=US", leaf.issuer().toRfc4514String());
        assertEquals(CertificateFixtures.LEAF_SUBJECT_RFC4514, leaf.subject().toRfc4514String());
        assertEquals(List.of("admin@example.com"), leaf.subject().values(AttributeType.EMAIL_ADDRESS));
        assertEquals(CertificateFixtures.NOT_BEFORE, leaf.notBefore());
        assertEquals(CertificateFixtures.NOT_AFTER, leaf.notAfter());
        assertEquals(DerTime.Encoding.UTC_TIME, leaf.validity().notBefore().encoding());
        assertEquals(DerTime.Encoding.GENERALIZED_TIME, leaf.validity().notAfter().encoding());
        assertTrue(leaf.validity().contains(CertificateFixtures.NOT_AFTER));
        assertFalse(leaf.validity().contains(CertificateFixtures.NOT_AFTER.plusSeconds(1)));
        assertArrayEquals(issued.leaf().getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER),
                leaf.subjectPublicKeyInfo().encoded());
        assertKeyMatches(issued.leafKeys().getPublic(), leaf.publicKey().orElseThrow());
        assertFalse(leaf.isSelfIssued());
        assertEquals(kind.signatureAlgorithm, SignatureAlgorithms.toCrypto(leaf.signatureAlgorithm()));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void encodingsAreExactAndFingerprintsMatchMessageDigest(KeyKind kind)
            throws DerException, IOException, NoSuchAlgorithmException, org.jtls.x509.pem.PemException {
        Issued issued = CertificateFixtures.issued(kind);
        for (byte[] der : List.of(issued.caDer(), issued.leafDer())) {
            Certificate certificate = Certificate.parse(der);
            assertArrayEquals(der, certificate.encode());
            assertArrayEquals(der, certificate.reencode(), "re-encoding from the parsed fields");
            assertEquals(certificate, Certificate.parse(certificate.reencode()));
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(der), certificate.sha256Fingerprint());
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(der), certificate.sha1Fingerprint());
            assertArrayEquals(MessageDigest.getInstance("SHA-384").digest(der),
                    certificate.fingerprint(HashAlgorithm.SHA384, CryptoBackends.bouncyCastle()));
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(der),
                    certificate.fingerprint(HashAlgorithm.SHA256, CryptoBackends.jca()));
        }
        Certificate leaf = Certificate.parse(issued.leafDer());
        assertArrayEquals(issued.leaf().toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER),
                leaf.tbsCertificate());
        assertEquals(leaf, Certificate.parsePem("junk\n" + leaf.toPem() + Certificate.parse(issued.caDer()).toPem())
                .get(0));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void signaturesVerifyWithTheIssuerKeyThroughBothBackends(KeyKind kind)
            throws DerException, UnsupportedAlgorithmException {
        Issued issued = CertificateFixtures.issued(kind);
        Certificate ca = Certificate.parse(issued.caDer());
        Certificate leaf = Certificate.parse(issued.leafDer());
        PublicKeyMaterial caKey = ca.publicKey().orElseThrow();
        for (var backend : List.of(CryptoBackends.jca(), CryptoBackends.bouncyCastle())) {
            assertTrue(ca.verifySignature(ca, backend), "CA self-signature, " + backend.name());
            assertTrue(leaf.verifySignature(ca, backend), "leaf under CA certificate, " + backend.name());
            assertTrue(leaf.verifySignature(caKey, backend), "leaf under CA key, " + backend.name());
            assertFalse(leaf.verifySignature(leaf.publicKey().orElseThrow(), backend), "leaf under its own key");
            assertFalse(leaf.verifySignature(leaf, backend), "leaf under the leaf certificate");
        }
        assertTrue(ca.isSelfIssued());
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void aChangedSignatureOrTbsDoesNotVerify(KeyKind kind) throws DerException, UnsupportedAlgorithmException {
        Issued issued = CertificateFixtures.issued(kind);
        Certificate ca = Certificate.parse(issued.caDer());
        byte[] der = issued.leafDer();
        byte[] badSignature = der.clone();
        badSignature[der.length - 2] ^= 0x01;
        // Changing a byte of the serial number keeps the DER valid but changes what was signed.
        byte[] badTbs = der.clone();
        int serialAt = indexOf(der, CertificateFixtures.LEAF_SERIAL.toByteArray());
        badTbs[serialAt + 3] ^= 0x01;
        for (var backend : List.of(CryptoBackends.jca(), CryptoBackends.bouncyCastle())) {
            assertFalse(Certificate.parse(badSignature).verifySignature(ca, backend), "signature changed, " + backend.name());
            assertFalse(Certificate.parse(badTbs).verifySignature(ca, backend), "TBS changed, " + backend.name());
        }
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void v1CertificatesParseAndVerify(KeyKind kind) throws DerException, UnsupportedAlgorithmException {
        byte[] der = CertificateFixtures.v1Certificate(kind);
        Certificate v1 = Certificate.parse(der);
        assertEquals(1, v1.version());
        assertTrue(v1.extensions().isEmpty());
        assertTrue(v1.basicConstraints().isEmpty());
        assertArrayEquals(der, v1.reencode());
        assertTrue(v1.verifySignature(v1, CryptoBackends.jca()));
        assertTrue(v1.verifySignature(v1, CryptoBackends.bouncyCastle()));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void everyExtensionDecodes(KeyKind kind) throws DerException, IOException, NoSuchAlgorithmException {
        Issued issued = CertificateFixtures.issued(kind);
        Certificate leaf = Certificate.parse(issued.leafDer());
        Certificate ca = Certificate.parse(issued.caDer());

        assertEquals(new BasicConstraints(true, OptionalInt.of(1)), ca.basicConstraints().orElseThrow());
        assertEquals(BasicConstraints.endEntity(), leaf.basicConstraints().orElseThrow());
        assertTrue(leaf.extension(ExtensionType.BASIC_CONSTRAINTS).orElseThrow().critical());

        KeyUsage keyUsage = leaf.keyUsage().orElseThrow();
        assertEquals(java.util.EnumSet.of(KeyUsage.Bit.DIGITAL_SIGNATURE, KeyUsage.Bit.KEY_ENCIPHERMENT,
                KeyUsage.Bit.DECIPHER_ONLY), keyUsage.usages());
        assertEquals(java.util.EnumSet.of(KeyUsage.Bit.KEY_CERT_SIGN, KeyUsage.Bit.CRL_SIGN),
                ca.keyUsage().orElseThrow().usages());

        ExtendedKeyUsage eku = leaf.extendedKeyUsage().orElseThrow();
        assertTrue(eku.has(KeyPurpose.SERVER_AUTH));
        assertTrue(eku.has(KeyPurpose.CLIENT_AUTH));
        assertFalse(eku.has(KeyPurpose.CODE_SIGNING));
        assertEquals("1.3.6.1.4.1.55555.3.1", eku.purposes().get(2).toString());

        SubjectAlternativeName san = leaf.subjectAlternativeName().orElseThrow();
        assertEquals(List.of("www.example.com", "*.example.org"), san.dnsNames());
        assertEquals(List.of("admin@example.com"), san.emailAddresses());
        assertEquals(List.of("https://www.example.com/"), san.uris());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, san.ipAddresses().get(0).octets());
        assertArrayEquals(HexFormat.of().parseHex("20010db8000000000000000000000001"), san.ipAddresses().get(1).octets());
        GeneralName.DirectoryName directory = (GeneralName.DirectoryName) san.names().get(6);
        assertEquals("CN=dir name,O=Directory", directory.name().toRfc4514String());
        GeneralName.OtherName upn = (GeneralName.OtherName) san.names().get(7);
        assertEquals("1.3.6.1.4.1.311.20.2.3", upn.typeId().toString());
        assertEquals("upn@example.com", upn.value().stringValue().value());

        assertEquals(List.of(new GeneralName.UniformResourceIdentifier("https://ca.example.com/")),
                leaf.issuerAlternativeName().orElseThrow().names());

        NameConstraints constraints = leaf.nameConstraints().orElseThrow();
        assertEquals(new GeneralName.DnsName("example.com"), constraints.permitted().get(0).base());
        assertEquals(new GeneralName.IpAddress(new byte[] {(byte) 192, 0, 2, 0, (byte) 255, (byte) 255, (byte) 255, 0}),
                constraints.permitted().get(1).base());
        assertEquals("O=jtls Test GmbH,C=DE",
                ((GeneralName.DirectoryName) constraints.permitted().get(2).base()).name().toRfc4514String());
        GeneralSubtree bad = constraints.excluded().get(0);
        assertEquals(new GeneralSubtree(new GeneralName.DnsName("bad.example.com"), 1, OptionalInt.of(5)), bad);
        assertEquals(new GeneralName.Rfc822Name("example.net"), constraints.excluded().get(1).base());

        CertificatePolicies policies = leaf.certificatePolicies().orElseThrow();
        assertEquals(List.of("2.23.140.1.2.2", "1.3.6.1.4.1.55555.2.1"),
                policies.policyIdentifiers().stream().map(Object::toString).toList());
        assertEquals("https://cps.example.com/", policies.policies().get(1).qualifiers().get(0).cpsUri().orElseThrow());

        PolicyMappings.Mapping mapping = leaf.policyMappings().orElseThrow().mappings().get(0);
        assertEquals("1.3.6.1.4.1.55555.2.1", mapping.issuerDomainPolicy().toString());
        assertEquals("1.3.6.1.4.1.55555.2.2", mapping.subjectDomainPolicy().toString());
        assertEquals(new PolicyConstraints(OptionalInt.of(0), OptionalInt.of(3)), leaf.policyConstraints().orElseThrow());
        assertEquals(new InhibitAnyPolicy(2), leaf.inhibitAnyPolicy().orElseThrow());

        AuthorityKeyIdentifier aki = leaf.authorityKeyIdentifier().orElseThrow();
        assertArrayEquals(ca.subjectKeyIdentifier().orElseThrow().keyIdentifier(), aki.keyIdentifier().orElseThrow());
        assertEquals(List.of(new GeneralName.DirectoryName(ca.subject())), aki.authorityCertIssuer());
        assertEquals(CertificateFixtures.CA_SERIAL, aki.authorityCertSerialNumber().orElseThrow());
        SubjectPublicKeyInfo bcKeyInfo = issued.leaf().getSubjectPublicKeyInfo();
        byte[] expectedSki = MessageDigest.getInstance("SHA-1").digest(bcKeyInfo.getPublicKeyData().getBytes());
        assertArrayEquals(expectedSki, leaf.subjectKeyIdentifier().orElseThrow().keyIdentifier());

        AuthorityInformationAccess aia = leaf.authorityInformationAccess().orElseThrow();
        assertEquals(List.of("http://ocsp.example.com"), aia.ocspUris());
        assertEquals(List.of("http://ca.example.com/ca.crt"), aia.caIssuersUris());

        CrlDistributionPoints crl = leaf.crlDistributionPoints().orElseThrow();
        assertEquals(List.of("http://crl.example.com/ca.crl"), crl.uris());
        DistributionPoint first = crl.points().get(0);
        assertTrue(first.reasons().isSet(1) && first.reasons().isSet(2) && !first.reasons().isSet(3),
                "keyCompromise and cACompromise");
        assertEquals(List.of(new GeneralName.DirectoryName(ca.subject())), first.crlIssuer());
        assertEquals("CN=crl shard 7", crl.points().get(1).nameRelativeToCrlIssuer().toRfc4514String());

        assertTrue(leaf.tlsFeature().orElseThrow().requiresStatusRequest());
        assertArrayEquals(CertificateFixtures.SCT_LIST, leaf.signedCertificateTimestamps().orElseThrow().serializedList());

        assertEquals(List.of(CertificateFixtures.UNKNOWN_CRITICAL_OID),
                leaf.unhandledCriticalExtensions().stream().map(extension -> extension.oid().toString()).toList());
        Extension unknown = leaf.extensions().stream()
                .filter(extension -> extension.oid().toString().equals(CertificateFixtures.UNKNOWN_OID))
                .findFirst().orElseThrow();
        assertFalse(unknown.critical());
        assertTrue(unknown.decoded().isEmpty());
        assertArrayEquals(new byte[] {0x0c, 0x08, 'k', 'e', 'p', 't', ' ', 'r', 'a', 'w'}, unknown.value());

        for (Extension extension : leaf.extensions()) {
            if (extension.decoded().isPresent()) {
                assertArrayEquals(extension.value(), extension.decoded().get().encoded(),
                        "re-encoding of " + extension.name());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void signatureAlgorithmIdentifiersRoundTripThroughTheCryptoModule(KeyKind kind) throws DerException,
            UnsupportedAlgorithmException {
        Certificate leaf = Certificate.parse(CertificateFixtures.issued(kind).leafDer());
        assertEquals(kind.signatureAlgorithm, SignatureAlgorithms.toCrypto(leaf.signatureAlgorithm()));
        assertEquals(leaf.signatureAlgorithm(), SignatureAlgorithms.fromCrypto(kind.signatureAlgorithm));
    }

    private static byte[] encodedAlgorithm(Certificate certificate) {
        org.jtls.x509.der.DerWriter writer = new org.jtls.x509.der.DerWriter();
        certificate.signatureAlgorithm().encode(writer);
        return writer.toByteArray();
    }

    static void assertKeyMatches(java.security.PublicKey expected, PublicKeyMaterial actual) {
        if (expected instanceof RSAPublicKey rsa) {
            RsaPublicKey parsed = (RsaPublicKey) actual;
            assertEquals(rsa.getModulus(), parsed.modulus());
            assertEquals(rsa.getPublicExponent(), parsed.publicExponent());
            assertEquals(2048, parsed.bitLength());
        } else if (expected instanceof ECPublicKey ec) {
            EcPublicKey parsed = (EcPublicKey) actual;
            byte[] point = parsed.point();
            int coordinate = parsed.curve().fieldLength();
            assertEquals(ec.getW().getAffineX(), new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + coordinate)));
            assertEquals(ec.getW().getAffineY(), new BigInteger(1, Arrays.copyOfRange(point, 1 + coordinate, point.length)));
        } else {
            EdPublicKey parsed = (EdPublicKey) actual;
            byte[] spki = expected.getEncoded();
            assertArrayEquals(Arrays.copyOfRange(spki, spki.length - parsed.curve().publicKeyLength(), spki.length),
                    parsed.encoded());
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
