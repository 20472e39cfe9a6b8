package org.jtls.x509.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcPublicKey;
import org.jtls.x509.der.DerException;
import org.jtls.x509.key.SubjectPublicKeyInfo;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.pem.Pem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** CRLs made with bcpkix (and NIST PKITS's 173) parse into the fields bcpkix was told, and malformed ones fail with offsets. */
class CertificateListTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final X500Name ISSUER = new X500Name("C=US,O=jtls,CN=CRL Test CA");
    private static final Instant THIS_UPDATE = Instant.parse("2025-05-01T00:00:00Z");
    private static final Instant NEXT_UPDATE = Instant.parse("2025-05-08T00:00:00Z");
    private static final KeyPair KEYS = keyPair();

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] crl(Consumer<X509v2CRLBuilder> adjust) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(ISSUER, Date.from(THIS_UPDATE));
            builder.setNextUpdate(Date.from(NEXT_UPDATE));
            adjust.accept(builder);
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                    .build(KEYS.getPrivate())).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(X509v2CRLBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Extensions entryExtensions(Consumer<ExtensionsGenerator> adjust) {
        ExtensionsGenerator generator = new ExtensionsGenerator();
        adjust.accept(generator);
        return generator.generate();
    }

    private static void addEntryExtension(ExtensionsGenerator generator, ASN1ObjectIdentifier oid, boolean critical,
            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            generator.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheFieldsAndEntryExtensions() throws Exception {
        Instant invalidity = Instant.parse("2025-04-01T12:00:00Z");
        byte[] der = crl(builder -> {
            builder.addCRLEntry(BigInteger.valueOf(7), Date.from(THIS_UPDATE), CRLReason.keyCompromise);
            builder.addCRLEntry(BigInteger.valueOf(8), Date.from(THIS_UPDATE), entryExtensions(generator -> {
                addEntryExtension(generator, Extension.reasonCode, false, CRLReason.lookup(CRLReason.certificateHold));
                addEntryExtension(generator, Extension.invalidityDate, false,
                        new ASN1GeneralizedTime(Date.from(invalidity)));
            }));
            builder.addCRLEntry(BigInteger.valueOf(-5), Date.from(THIS_UPDATE), CRLReason.unspecified);
            add(builder, Extension.cRLNumber, false, new ASN1Integer(42));
            try {
                add(builder, Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(KEYS.getPublic()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            add(builder, Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.example/delta.crl"))),
                        null, null)}));
        });
        CertificateList crl = CertificateList.parse(der);
        assertArrayEquals(der, crl.encoded());
        assertEquals(2, crl.version());
        assertEquals(DistinguishedName.decode(ISSUER.getEncoded()), crl.issuer());
        assertEquals(THIS_UPDATE, crl.thisUpdate());
        assertEquals(NEXT_UPDATE, crl.nextUpdate().orElseThrow());
        assertEquals(BigInteger.valueOf(42), crl.crlNumber().orElseThrow());
        assertFalse(crl.isDeltaCrl());
        assertTrue(crl.authorityKeyIdentifier().orElseThrow().keyIdentifier().isPresent());
        assertEquals("http://crl.example/delta.crl", crl.freshestCrl().get(0).fullName().get(0).toString()
                .substring("URI:".length()));
        assertEquals(3, crl.revokedCertificates().size());
        RevokedCertificate first = crl.revokedCertificates().get(0);
        assertEquals(BigInteger.valueOf(7), first.serialNumber());
        assertEquals(ReasonCode.KEY_COMPROMISE, first.reason());
        RevokedCertificate second = crl.revokedCertificates().get(1);
        assertEquals(ReasonCode.CERTIFICATE_HOLD, second.reason());
        assertEquals(invalidity, second.invalidityDate().orElseThrow());
        assertEquals(BigInteger.valueOf(-5), crl.revokedCertificates().get(2).serialNumber());
        assertFalse(crl.hasUnhandledCriticalExtensions());

        DistinguishedName issuer = crl.issuer();
        assertEquals(BigInteger.valueOf(8), crl.entryFor(issuer, BigInteger.valueOf(8)).orElseThrow().serialNumber());
        assertTrue(crl.entryFor(issuer, BigInteger.valueOf(9)).isEmpty());
        assertTrue(crl.entryFor(DistinguishedName.decode(new X500Name("CN=Someone Else").getEncoded()),
                BigInteger.valueOf(7)).isEmpty());
    }

    @Test
    void verifiesItsSignatureWithTheIssuerKeyOnly() throws Exception {
        CertificateList crl = CertificateList.parse(crl(builder -> {
        }));
        assertTrue(crl.verifySignature(publicKey(KEYS), CryptoBackends.defaultBackend()));
        assertFalse(crl.verifySignature(publicKey(keyPair()), CryptoBackends.defaultBackend()));
        byte[] tampered = crl.encoded();
        tampered[tampered.length - 5] ^= 1;
        assertFalse(CertificateList.parse(tampered).verifySignature(publicKey(KEYS), CryptoBackends.defaultBackend()));
    }

    private static EcPublicKey publicKey(KeyPair keys) throws DerException {
        return (EcPublicKey) SubjectPublicKeyInfo.decode(keys.getPublic().getEncoded()).publicKey().orElseThrow();
    }

    @Test
    void readsAnIndirectCrlWithIssuingDistributionPointAndCertificateIssuerEntries() throws Exception {
        X500Name otherCa = new X500Name("C=US,O=jtls,CN=Other CA");
        byte[] der = crl(builder -> {
            builder.addCRLEntry(BigInteger.ONE, Date.from(THIS_UPDATE), CRLReason.keyCompromise);
            builder.addCRLEntry(BigInteger.TWO, Date.from(THIS_UPDATE), entryExtensions(generator ->
                    addEntryExtension(generator, Extension.certificateIssuer, true,
                            new GeneralNames(new GeneralName(otherCa)))));
            builder.addCRLEntry(BigInteger.valueOf(3), Date.from(THIS_UPDATE), CRLReason.superseded);
            add(builder, Extension.issuingDistributionPoint, true, new org.bouncycastle.asn1.x509.IssuingDistributionPoint(
                    new DistributionPointName(new GeneralNames(new GeneralName(new X500Name("CN=Partition 1")))),
                    true, false, new ReasonFlags(ReasonFlags.keyCompromise | ReasonFlags.cACompromise), true, false));
            add(builder, Extension.deltaCRLIndicator, true, new ASN1Integer(40));
            add(builder, Extension.cRLNumber, false, new ASN1Integer(41));
        });
        CertificateList crl = CertificateList.parse(der);
        IssuingDistributionPoint idp = crl.issuingDistributionPoint().orElseThrow();
        assertTrue(idp.hasDistributionPointName());
        assertTrue(idp.onlyContainsUserCerts());
        assertFalse(idp.onlyContainsCaCerts());
        assertTrue(idp.indirectCrl());
        assertFalse(idp.onlyContainsAttributeCerts());
        assertEquals(Set.of(ReasonCode.KEY_COMPROMISE, ReasonCode.CA_COMPROMISE), idp.onlySomeReasonCodes().orElseThrow());
        assertTrue(crl.isIndirect());
        assertTrue(crl.isDeltaCrl());
        assertEquals(BigInteger.valueOf(40), crl.baseCrlNumber().orElseThrow());
        assertFalse(crl.hasUnhandledCriticalExtensions(), "certificate issuer and IDP are handled");

        DistinguishedName other = DistinguishedName.decode(otherCa.getEncoded());
        // Entries 2 and 3 belong to the other CA (the certificate issuer carries over), entry 1 to the CRL issuer.
        assertTrue(crl.entryFor(crl.issuer(), BigInteger.ONE).isPresent());
        assertTrue(crl.entryFor(other, BigInteger.ONE).isEmpty());
        assertTrue(crl.entryFor(other, BigInteger.TWO).isPresent());
        assertTrue(crl.entryFor(other, BigInteger.valueOf(3)).isPresent());
        assertTrue(crl.entryFor(crl.issuer(), BigInteger.valueOf(3)).isEmpty());
    }

    @Test
    void flagsUnknownCriticalCrlAndEntryExtensions() throws Exception {
        ASN1ObjectIdentifier unknown = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7");
        CertificateList criticalCrlExtension = CertificateList.parse(crl(builder ->
                add(builder, unknown, true, new DEROctetString(new byte[] {1}))));
        assertEquals(1, criticalCrlExtension.unhandledCriticalExtensions().size());
        assertTrue(criticalCrlExtension.hasUnhandledCriticalExtensions());
        CertificateList nonCritical = CertificateList.parse(crl(builder ->
                add(builder, unknown, false, new DEROctetString(new byte[] {1}))));
        assertFalse(nonCritical.hasUnhandledCriticalExtensions());
        CertificateList criticalEntry = CertificateList.parse(crl(builder -> builder.addCRLEntry(BigInteger.TEN,
                Date.from(THIS_UPDATE), entryExtensions(generator ->
                        addEntryExtension(generator, unknown, true, new DEROctetString(new byte[] {1}))))));
        assertEquals(1, criticalEntry.revokedCertificates().get(0).unhandledCriticalExtensions().size());
        assertTrue(criticalEntry.hasUnhandledCriticalExtensions());
    }

    @Test
    void readsAVersion1CrlWithoutExtensions() throws Exception {
        // TBSCertList without version, with one entry and no extensions, signed structure built by hand.
        byte[] v2 = crl(builder -> builder.addCRLEntry(BigInteger.ONE, Date.from(THIS_UPDATE), CRLReason.keyCompromise));
        byte[] v1 = withoutVersionAndEntryExtensions(v2);
        CertificateList crl = CertificateList.parse(v1);
        assertEquals(1, crl.version());
        assertEquals(ReasonCode.UNSPECIFIED, crl.revokedCertificates().get(0).reason());
    }

    /** Rebuilds a CRL with bcpkix's ASN.1 classes (test scope) as v1: no version, no entry extensions. */
    private static byte[] withoutVersionAndEntryExtensions(byte[] crl) throws IOException {
        org.bouncycastle.asn1.x509.CertificateList parsed = org.bouncycastle.asn1.x509.CertificateList.getInstance(crl);
        org.bouncycastle.asn1.ASN1Sequence tbs = (org.bouncycastle.asn1.ASN1Sequence) parsed.getTBSCertList()
                .toASN1Primitive();
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (int i = 1; i < tbs.size(); i++) {
            org.bouncycastle.asn1.ASN1Encodable field = tbs.getObjectAt(i);
            if (field instanceof org.bouncycastle.asn1.ASN1Sequence sequence && i == 5) {
                ASN1EncodableVector entries = new ASN1EncodableVector();
                for (org.bouncycastle.asn1.ASN1Encodable entry : sequence) {
                    org.bouncycastle.asn1.ASN1Sequence entrySequence = (org.bouncycastle.asn1.ASN1Sequence) entry;
                    entries.add(new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                        entrySequence.getObjectAt(0), entrySequence.getObjectAt(1)}));
                }
                fields.add(new org.bouncycastle.asn1.DERSequence(entries));
            } else if (!(field instanceof org.bouncycastle.asn1.ASN1TaggedObject)) {
                fields.add(field);
            }
        }
        return new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new org.bouncycastle.asn1.DERSequence(fields), parsed.getSignatureAlgorithm(), parsed.getSignature()})
                .getEncoded();
    }

    @Test
    void malformedCrlsFailWithTheOffendingOffset() {
        byte[] der = crl(builder -> builder.addCRLEntry(BigInteger.ONE, Date.from(THIS_UPDATE), CRLReason.keyCompromise));
        DerException truncated = assertThrows(DerException.class,
                () -> CertificateList.parse(java.util.Arrays.copyOf(der, der.length - 1)));
        assertTrue(truncated.offset() >= 0 && truncated.offset() < der.length, truncated.getMessage());

        // The version INTEGER is the first field of TBSCertList: 02 01 01 → 02 01 02 (v3 does not exist).
        byte[] badVersion = der.clone();
        int versionOffset = indexOf(badVersion, new byte[] {0x02, 0x01, 0x01});
        badVersion[versionOffset + 2] = 0x02;
        DerException version = assertThrows(DerException.class, () -> CertificateList.parse(badVersion));
        assertEquals(versionOffset, version.offset());

        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 2);
        assertThrows(DerException.class, () -> CertificateList.parse(trailing));
    }

    @Test
    void unknownReasonCodeIsMalformed() {
        byte[] der = crl(builder -> builder.addCRLEntry(BigInteger.ONE, Date.from(THIS_UPDATE),
                entryExtensions(generator -> addEntryExtension(generator, Extension.reasonCode, false,
                        new ASN1Enumerated(7)))));
        DerException e = assertThrows(DerException.class, () -> CertificateList.parse(der));
        assertTrue(e.getMessage().contains("reason code 7"), e.getMessage());
    }

    @Test
    void parsesPemWithOtherBlocksAround() throws Exception {
        byte[] der = crl(builder -> {
        });
        String pem = "junk\n" + Pem.encode("CERTIFICATE", new byte[] {0x30, 0x00}) + Pem.encode("X509 CRL", der);
        List<CertificateList> crls = CertificateList.parsePem(pem);
        assertEquals(1, crls.size());
        assertArrayEquals(der, crls.get(0).encoded());
    }

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
        throw new IllegalArgumentException("not found");
    }

    @Test
    void everyPkitsCrlParses() throws IOException {
        Path crls = Path.of("../../shared/test-data/pkits/crls");
        Assumptions.assumeTrue(Files.isDirectory(crls), "PKITS data not found at " + crls.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> listing = Files.list(crls)) {
            files = listing.filter(path -> path.toString().endsWith(".crl")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int entries = 0;
        for (Path file : files) {
            try {
                entries += CertificateList.parse(Files.readAllBytes(file)).revokedCertificates().size();
            } catch (DerException e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        System.out.printf("PKITS: %d CRLs parsed, %d entries%n", files.size() - failures.size(), entries);
        assertEquals(173, files.size());
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

}
