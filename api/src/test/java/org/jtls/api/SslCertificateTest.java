package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.api.SslCertificate.AlternativeNameEntryType;
import org.jtls.api.SslCertificate.PatternSyntax;
import org.jtls.api.SslCertificate.SubjectInfo;
import org.jtls.crypto.HashAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SslCertificate read against certificates bcpkix made, and the JDK's view of them. */
class SslCertificateTest {
    private static final Instant NOT_BEFORE = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));

    private static KeyPair caPair;
    private static KeyPair leafPair;
    private static X509Certificate bcCa;
    private static X509Certificate bcLeaf;

    @BeforeAll
    static void makeCertificates() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        caPair = generator.generateKeyPair();
        leafPair = generator.generateKeyPair();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X500Name caName = new X500Name("C=DE, ST=Berlin, L=Berlin, O=jtls CA org, OU=Testing, CN=jtls bc CA");
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(0x0A1B2C),
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), caName, caPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(1))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(caPair.getPublic()));
        bcCa = new JcaX509CertificateConverter().getCertificate(
                ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caPair.getPrivate())));
        X500Name leafName = new X500Name("C=US, ST=California, L=San Francisco, O=Example Org, OU=Web, OU=Edge, "
                + "CN=www.example.com, E=admin@example.com, SERIALNUMBER=4711, DN=dnq1");
        X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, new BigInteger("0123456789ABCDEF", 16),
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), leafName, leafPair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "www.example.com"),
                    new GeneralName(GeneralName.dNSName, "example.com"),
                    new GeneralName(GeneralName.iPAddress, "192.0.2.7"),
                    new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                    new GeneralName(GeneralName.rfc822Name, "admin@example.com")}))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(bcCa));
        bcLeaf = new JcaX509CertificateConverter().getCertificate(
                leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caPair.getPrivate())));
    }

    private static SslCertificate leaf() throws Exception {
        return SslCertificate.fromDer(bcLeaf.getEncoded());
    }

    private static SslCertificate ca() throws Exception {
        return SslCertificate.fromDer(bcCa.getEncoded());
    }

    @Test
    void subjectAndIssuerInfoByQtsAttributes() throws Exception {
        SslCertificate leaf = leaf();
        assertEquals(List.of("Example Org"), leaf.subjectInfo(SubjectInfo.ORGANIZATION));
        assertEquals(List.of("www.example.com"), leaf.subjectInfo(SubjectInfo.COMMON_NAME));
        assertEquals(List.of("San Francisco"), leaf.subjectInfo(SubjectInfo.LOCALITY_NAME));
        assertEquals(List.of("Web", "Edge"), leaf.subjectInfo(SubjectInfo.ORGANIZATIONAL_UNIT_NAME));
        assertEquals(List.of("US"), leaf.subjectInfo(SubjectInfo.COUNTRY_NAME));
        assertEquals(List.of("California"), leaf.subjectInfo(SubjectInfo.STATE_OR_PROVINCE_NAME));
        assertEquals(List.of("dnq1"), leaf.subjectInfo(SubjectInfo.DISTINGUISHED_NAME_QUALIFIER));
        assertEquals(List.of("4711"), leaf.subjectInfo(SubjectInfo.SERIAL_NUMBER));
        assertEquals(List.of("admin@example.com"), leaf.subjectInfo(SubjectInfo.EMAIL_ADDRESS));
        assertEquals(List.of("Web", "Edge"), leaf.subjectInfo("OU"));
        assertEquals(List.of("www.example.com"), leaf.subjectInfo("2.5.4.3"));
        assertEquals(List.of(), leaf.subjectInfo("no such attribute"));
        assertEquals(List.of("C", "ST", "L", "O", "OU", "CN", "emailAddress", "serialNumber", "dnQualifier"),
                leaf.subjectInfoAttributes());
        assertEquals(List.of("jtls bc CA"), leaf.issuerInfo(SubjectInfo.COMMON_NAME));
        assertEquals(List.of("Testing"), leaf.issuerInfo("OU"));
        assertEquals(List.of("C", "ST", "L", "O", "OU", "CN"), leaf.issuerInfoAttributes());
        assertEquals("www.example.com", leaf.subjectDisplayName());
        assertEquals("jtls bc CA", leaf.issuerDisplayName());
    }

    @Test
    void fieldsMatchTheJdksView() throws Exception {
        SslCertificate leaf = leaf();
        assertEquals(bcLeaf.getVersion(), leaf.version());
        assertEquals(bcLeaf.getSerialNumber(), leaf.serialNumberValue());
        assertEquals("01:23:45:67:89:ab:cd:ef", leaf.serialNumber());
        assertEquals("0a:1b:2c", ca().serialNumber());
        assertEquals(bcLeaf.getNotBefore().toInstant(), leaf.effectiveDate());
        assertEquals(bcLeaf.getNotAfter().toInstant(), leaf.expiryDate());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bcLeaf.getEncoded()),
                leaf.digest(HashAlgorithm.SHA256));
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(bcLeaf.getEncoded()), leaf.digest(HashAlgorithm.SHA1));
        assertArrayEquals(leafPair.getPublic().getEncoded(), leaf.publicKey().toDer());
        assertEquals(KeyAlgorithm.EC, leaf.publicKey().algorithm());
        assertArrayEquals(bcLeaf.getEncoded(), leaf.toDer());
        assertTrue(leaf.toText().contains("Subject: C = US, ST = California"), leaf.toText());
    }

    @Test
    void subjectAlternativeNamesByKind() throws Exception {
        Map<AlternativeNameEntryType, List<String>> names = leaf().subjectAlternativeNames();
        assertEquals(List.of("www.example.com", "example.com"), names.get(AlternativeNameEntryType.DNS_ENTRY));
        assertEquals(List.of("192.0.2.7", "2001:db8:0:0:0:0:0:1"), names.get(AlternativeNameEntryType.IP_ADDRESS_ENTRY));
        assertEquals(List.of("admin@example.com"), names.get(AlternativeNameEntryType.EMAIL_ENTRY));
        assertEquals(Map.of(), ca().subjectAlternativeNames());
    }

    @Test
    void extensionsWithOpensslNames() throws Exception {
        List<SslCertificateExtension> extensions = ca().extensions();
        assertEquals(List.of("basicConstraints", "keyUsage", "subjectKeyIdentifier"),
                extensions.stream().map(SslCertificateExtension::name).toList());
        SslCertificateExtension constraints = extensions.get(0);
        assertEquals("2.5.29.19", constraints.oid());
        assertTrue(constraints.critical());
        assertTrue(constraints.supported());
        assertEquals("CA:TRUE, pathlen:1", constraints.value());
        assertEquals("Certificate Sign, CRL Sign", extensions.get(1).value());
    }

    @Test
    void selfSignedMeansOwnNameAndOwnSignature() throws Exception {
        assertTrue(ca().isSelfSigned());
        assertFalse(leaf().isSelfSigned());
    }

    @Test
    void pemAndDerDataRoundTrip() throws Exception {
        SslCertificate leaf = leaf();
        SslCertificate ca = ca();
        byte[] pem = (leaf.toPem() + "some text between\n" + ca.toPem()).getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of(leaf, ca), SslCertificate.fromData(pem, EncodingFormat.PEM));
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        concatenated.writeBytes(leaf.toDer());
        concatenated.writeBytes(ca.toDer());
        assertEquals(List.of(leaf, ca), SslCertificate.fromData(concatenated.toByteArray(), EncodingFormat.DER));
        assertEquals(List.of(leaf, ca), SslCertificate.fromDevice(new ByteArrayInputStream(pem), EncodingFormat.PEM));
        assertEquals(List.of(), SslCertificate.fromData("no certificates".getBytes(StandardCharsets.US_ASCII),
                EncodingFormat.PEM));
        byte[] damaged = leaf.toDer();
        damaged[damaged.length / 2] ^= (byte) 0xFF;
        damaged[1] ^= 0x01;
        assertThrows(SslFormatException.class, () -> SslCertificate.fromData(damaged, EncodingFormat.DER));
        assertEquals(leaf.hashCode(), SslCertificate.fromDer(bcLeaf.getEncoded()).hashCode());
        X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(leaf.toPem().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(bcLeaf, jdk);
    }

    @Test
    void fromPathWithEachPatternSyntax(@TempDir Path directory) throws Exception {
        Path sub = Files.createDirectory(directory.resolve("sub"));
        Files.writeString(directory.resolve("leaf.pem"), leaf().toPem());
        Files.writeString(directory.resolve("ca.pem"), ca().toPem());
        Files.write(directory.resolve("ca.der"), ca().toDer());
        Files.writeString(sub.resolve("deep.pem"), leaf().toPem());
        Files.writeString(directory.resolve("notes.txt"), "not a certificate");

        assertEquals(List.of(leaf()), SslCertificate.fromPath(directory.resolve("leaf.pem"), EncodingFormat.PEM));
        assertEquals(List.of(), SslCertificate.fromPath(directory.resolve("missing.pem"), EncodingFormat.PEM));
        assertEquals(List.of(ca(), leaf()),
                SslCertificate.fromPath(directory + "/*.pem", EncodingFormat.PEM, PatternSyntax.WILDCARD),
                "a wildcard stays within one directory level; files in sorted order");
        assertEquals(List.of(ca()),
                SslCertificate.fromPath(directory + "/c?.der", EncodingFormat.DER, PatternSyntax.WILDCARD));
        assertEquals(List.of(ca(), leaf(), leaf()),
                SslCertificate.fromPath(directory + "/.*\\.pem", EncodingFormat.PEM, PatternSyntax.REGULAR_EXPRESSION),
                "a regular expression may span directories");
        assertEquals(List.of(), SslCertificate.fromPath(directory + "/*.pem", EncodingFormat.PEM,
                PatternSyntax.FIXED_STRING), "a fixed string is taken literally");
        Files.writeString(directory.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----\n");
        SslFormatException broken = assertThrows(SslFormatException.class,
                () -> SslCertificate.fromPath(directory + "/*.pem", EncodingFormat.PEM, PatternSyntax.WILDCARD));
        assertTrue(broken.getMessage().contains("broken.pem"), broken.getMessage());
    }

    @Test
    void importsPkcs12FromTheJdkKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "p12 password".toCharArray();
        store.setKeyEntry("server", leafPair.getPrivate(), password, new java.security.cert.Certificate[] {bcLeaf, bcCa});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        store.store(file, password);

        SslCertificate.Pkcs12Identity identity = SslCertificate.importPkcs12(file.toByteArray(), password);
        assertEquals(leaf(), identity.certificate());
        assertEquals(List.of(ca()), identity.caCertificates());
        assertArrayEquals(leafPair.getPublic().getEncoded(), identity.key().publicKey().toDer());
        assertEquals(KeyType.PRIVATE_KEY, identity.key().type());
        assertThrows(SslFormatException.class,
                () -> SslCertificate.importPkcs12(file.toByteArray(), "wrong".toCharArray()));
    }

    @Test
    void verifyChecksAChainWithTheDefaultCaList() throws Exception {
        SslConfiguration saved = SslConfiguration.defaultConfiguration();
        try {
            SslConfiguration.setDefaultConfiguration(saved.withCaCertificates(List.of(ca())));
            assertEquals(List.of(), SslCertificate.verify(List.of(leaf()), "www.example.com"));
            assertEquals(List.of(), SslCertificate.verify(List.of(leaf()), "192.0.2.7"));
            assertEquals(List.of(new SslError(SslError.Kind.HOST_NAME_MISMATCH, leaf())),
                    SslCertificate.verify(List.of(leaf()), "www.example.org"));
            assertEquals(List.of(), SslCertificate.verify(List.of(leaf()), null), "no name, no name check");
            SslConfiguration.setDefaultConfiguration(saved.withCaCertificates(List.of()));
            assertEquals(List.of(SslError.Kind.UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE,
                    SslError.Kind.UNABLE_TO_VERIFY_FIRST_CERTIFICATE),
                    SslCertificate.verify(List.of(leaf()), null).stream().map(SslError::kind).toList());
        } finally {
            SslConfiguration.setDefaultConfiguration(saved);
        }
    }
}
