package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;
import java.util.function.Consumer;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.CertificateFixtures.KeyKind;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 5280 structure rules beyond DER, checked on certificates assembled field by field with
 * {@link DerWriter} from a bcpkix-made one (parsing never looks at the signature, so none is needed).
 */
class CertificateStructureTest {
    private static Certificate base() throws DerException {
        return Certificate.parse(CertificateFixtures.issued(KeyKind.EC_P256).leafDer());
    }

    /** The certificate with these TBS contents, the base's outer algorithm and signature. */
    private static byte[] certificate(Certificate base, Consumer<DerWriter> tbsContents) {
        return new DerWriter().writeSequence(certificate -> {
            certificate.writeSequence(tbsContents);
            base.signatureAlgorithm().encode(certificate);
            certificate.writeBitString(base.signatureValue());
        }).toByteArray();
    }

    /** The base's TBS fields from serial to key, with the given version field and extensions. */
    private static Consumer<DerWriter> tbs(Certificate base, Integer versionField, BigInteger serial,
            Consumer<DerWriter> afterKey) {
        return tbs -> {
            if (versionField != null) {
                tbs.writeExplicit(0, field -> field.writeInteger(versionField));
            }
            tbs.writeInteger(serial);
            base.signatureAlgorithm().encode(tbs);
            base.issuer().encode(tbs);
            base.validity().encode(tbs);
            base.subject().encode(tbs);
            base.subjectPublicKeyInfo().encode(tbs);
            afterKey.accept(tbs);
        };
    }

    private static Consumer<DerWriter> extensions(List<Extension> extensions) {
        return tbs -> tbs.writeExplicit(3, explicit -> explicit.writeSequence(
                sequence -> extensions.forEach(extension -> extension.encode(sequence))));
    }

    @Test
    void rebuildingTheBaseGivesTheSameBytes() throws DerException {
        Certificate base = base();
        byte[] rebuilt = certificate(base, tbs(base, 2, base.serialNumber(), extensions(base.extensions())));
        assertArrayEquals(base.encode(), rebuilt);
    }

    @Test
    void rejectsDuplicateExtensions() throws DerException {
        Certificate base = base();
        Extension basicConstraints = base.extension(ExtensionType.BASIC_CONSTRAINTS).orElseThrow();
        Extension again = Extension.of(BasicConstraints.ca(java.util.OptionalInt.empty()), true);
        byte[] der = certificate(base, tbs(base, 2, BigInteger.TEN, extensions(List.of(basicConstraints, again))));
        DerException e = assertThrows(DerException.class, () -> Certificate.parse(der));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        DerWriter secondExtension = new DerWriter();
        again.encode(secondExtension);
        assertEquals(CertificateParsingTest.indexOf(der, secondExtension.toByteArray()), e.offset());
    }

    @Test
    void rejectsExtensionsOutsideV3() throws DerException {
        Certificate base = base();
        byte[] v1 = certificate(base, tbs(base, null, BigInteger.TEN, extensions(base.extensions())));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(v1)).getMessage().contains("v1"));
        byte[] v2 = certificate(base, tbs(base, 1, BigInteger.TEN, extensions(base.extensions())));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(v2)).getMessage().contains("v2"));
    }

    @Test
    void rejectsEmptyExtensions() throws DerException {
        Certificate base = base();
        byte[] der = certificate(base, tbs(base, 2, BigInteger.TEN, extensions(List.of())));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(der)).getMessage().contains("SIZE"));
    }

    @Test
    void toleratesUniqueIdentifiersFromV2() throws DerException {
        Certificate base = base();
        BitString issuerId = new BitString(new byte[] {1, 2, (byte) 0xC0}, 6);
        BitString subjectId = BitString.ofBytes(new byte[] {9});
        Consumer<DerWriter> uniqueIds = tbs -> tbs
                .writeImplicit(1, field -> field.writeBitString(issuerId))
                .writeImplicit(2, field -> field.writeBitString(subjectId));
        byte[] v2 = certificate(base, tbs(base, 1, BigInteger.TEN, uniqueIds));
        Certificate parsed = Certificate.parse(v2);
        assertEquals(2, parsed.version());
        assertEquals(issuerId, parsed.issuerUniqueId().orElseThrow());
        assertEquals(subjectId, parsed.subjectUniqueId().orElseThrow());
        assertArrayEquals(v2, parsed.reencode());
        assertTrue(parsed.toText().contains("Subject Unique ID:"));

        byte[] v1 = certificate(base, tbs(base, null, BigInteger.TEN, uniqueIds));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(v1)).getMessage().contains("unique"));
    }

    @Test
    void rejectsVersionsThatAreNotDer() throws DerException {
        Certificate base = base();
        byte[] explicitV1 = certificate(base, tbs(base, 0, BigInteger.TEN, tbs -> { }));
        DerException e = assertThrows(DerException.class, () -> Certificate.parse(explicitV1));
        assertTrue(e.getMessage().contains("DEFAULT"), e.getMessage());
        assertEquals(10, e.offset(), "the INTEGER inside [0], after the certificate and TBS headers");
        byte[] v4 = certificate(base, tbs(base, 3, BigInteger.TEN, tbs -> { }));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(v4)).getMessage().contains("0..2"));
    }

    @Test
    void toleratesNonConformingSerialNumbersWithAFlag() throws DerException {
        Certificate base = base();
        for (BigInteger serial : List.of(BigInteger.ZERO, BigInteger.valueOf(-5), BigInteger.ONE.shiftLeft(160))) {
            Certificate parsed = Certificate.parse(certificate(base, tbs(base, 2, serial, tbs -> { })));
            assertEquals(serial, parsed.serialNumber());
            assertFalse(parsed.hasConformingSerialNumber(), serial.toString());
        }
        Certificate twentyOctets = Certificate.parse(certificate(base,
                tbs(base, 2, BigInteger.ONE.shiftLeft(158), tbs -> { })));
        assertTrue(twentyOctets.hasConformingSerialNumber());
        byte[] hostile = certificate(base, tbs(base, 2, BigInteger.ONE.shiftLeft(8 * 70), tbs -> { }));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(hostile)).getMessage().contains("serial"));
    }

    @Test
    void rejectsInnerAndOuterAlgorithmsThatDiffer() throws DerException {
        Certificate base = base();
        AlgorithmIdentifier other = AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ECDSA_WITH_SHA384.oid());
        byte[] der = new DerWriter().writeSequence(certificate -> {
            certificate.writeSequence(tbs(base, 2, BigInteger.TEN, tbs -> { }));
            other.encode(certificate);
            certificate.writeBitString(base.signatureValue());
        }).toByteArray();
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(der)).getMessage().contains("§4.1.1.2"));
    }

    @Test
    void rejectsExplicitCriticalFalseAndTrailingData() throws DerException {
        Certificate base = base();
        Consumer<DerWriter> criticalFalse = tbs -> tbs.writeExplicit(3, explicit -> explicit.writeSequence(
                sequence -> sequence.writeSequence(extension -> extension
                        .writeOid(ExtensionType.SUBJECT_KEY_IDENTIFIER.oid())
                        .writeBoolean(false)
                        .writeOctetStringWrapping(value -> value.writeOctetString(new byte[] {1})))));
        byte[] der = certificate(base, tbs(base, 2, BigInteger.TEN, criticalFalse));
        assertTrue(assertThrows(DerException.class, () -> Certificate.parse(der)).getMessage().contains("critical FALSE"));

        byte[] valid = base.encode();
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertEquals(valid.length, assertThrows(DerException.class, () -> Certificate.parse(trailing)).offset());
    }

    @Test
    void rejectsKnownExtensionsWhoseValuesDoNotDecode() throws DerException {
        Certificate base = base();
        for (ExtensionType type : ExtensionType.values()) {
            Extension broken = Extension.raw(type.oid(), false, new byte[] {0x05, 0x00});
            byte[] der = certificate(base, tbs(base, 2, BigInteger.TEN, extensions(List.of(broken))));
            DerException e = assertThrows(DerException.class, () -> Certificate.parse(der), type.name());
            assertTrue(e.offset() > 0 && e.offset() < der.length, type + " offset " + e.offset());
        }
    }

    @Test
    void rsaPssKeysKeepTheirAlgorithmAndOnlyAcceptPssSignatures() throws DerException, UnsupportedAlgorithmException {
        CertificateFixtures.Issued pss = CertificateFixtures.issued(KeyKind.RSA_PSS);
        Certificate ca = Certificate.parse(pss.caDer());
        assertTrue(ca.subjectPublicKeyInfo().isRsaPssKey());
        assertTrue(ca.publicKey().orElseThrow() instanceof RsaPublicKey);
        assertTrue(ca.verifySignature(ca, CryptoBackends.jca()));

        // The same RSA key signing with PKCS#1 v1.5 is refused when its certificate says RSASSA-PSS only.
        KeyPair keys = pss.caKeys();
        Certificate pkcs1 = Certificate.parse(CertificateFixtures.selfSigned("SHA256withRSA", keys));
        assertTrue(pkcs1.verifySignature(ca.publicKey().orElseThrow(), CryptoBackends.jca()));
        assertFalse(pkcs1.verifySignature(ca, CryptoBackends.jca()));
    }

    @Test
    void md5SignaturesAreRecognisedButNotVerified() throws DerException {
        KeyPair keys = CertificateFixtures.issued(KeyKind.RSA_2048).caKeys();
        Certificate md5 = Certificate.parse(CertificateFixtures.selfSigned("MD5withRSA", keys));
        assertEquals("md5WithRSAEncryption", md5.signatureAlgorithm().name());
        UnsupportedAlgorithmException e = assertThrows(UnsupportedAlgorithmException.class,
                () -> md5.verifySignature(md5, CryptoBackends.jca()));
        assertTrue(e.getMessage().contains("md5WithRSAEncryption"));
        Certificate sha1 = Certificate.parse(CertificateFixtures.selfSigned("SHA1withRSA", keys));
        assertDoesNotThrow(() -> assertTrue(sha1.verifySignature(sha1, CryptoBackends.bouncyCastle())));
    }

    @Test
    void unknownSignatureOidsAreUnsupported() throws DerException {
        Certificate base = base();
        AlgorithmIdentifier unknown = AlgorithmIdentifier.withoutParameters(ObjectIdentifier.of("1.2.3.4.5"));
        byte[] der = new DerWriter().writeSequence(certificate -> {
            certificate.writeSequence(tbs -> {
                tbs.writeExplicit(0, field -> field.writeInteger(2));
                tbs.writeInteger(1);
                unknown.encode(tbs);
                base.issuer().encode(tbs);
                base.validity().encode(tbs);
                base.subject().encode(tbs);
                base.subjectPublicKeyInfo().encode(tbs);
            });
            unknown.encode(certificate);
            certificate.writeBitString(base.signatureValue());
        }).toByteArray();
        Certificate parsed = Certificate.parse(der);
        assertEquals("1.2.3.4.5", parsed.signatureAlgorithm().name());
        assertThrows(UnsupportedAlgorithmException.class, () -> parsed.verifySignature(parsed, CryptoBackends.jca()));
        assertTrue(parsed.toText().contains("Signature Algorithm: 1.2.3.4.5"));
    }

    @Test
    void tagOfTheWrongFieldIsReportedAtItsOffset() throws DerException {
        Certificate base = base();
        byte[] der = certificate(base, tbs -> tbs.writeElement(Tag.OCTET_STRING, new byte[0]));
        DerException e = assertThrows(DerException.class, () -> Certificate.parse(der));
        assertTrue(e.getMessage().contains("expected INTEGER, found OCTET STRING"), e.getMessage());
        assertEquals(4, e.offset(), "30 xx | 30 02 | 04 00");
    }

    private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable executable) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(executable);
    }
}
