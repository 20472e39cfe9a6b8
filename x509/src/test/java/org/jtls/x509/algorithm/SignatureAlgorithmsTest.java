package org.jtls.x509.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureAlgorithmsTest {
    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = "RSA_PKCS1_MD5_SHA1", mode = EnumSource.Mode.EXCLUDE)
    void everyCertificateAlgorithmMapsBothWays(SignatureAlgorithm algorithm) throws UnsupportedAlgorithmException,
            DerException {
        AlgorithmIdentifier id = SignatureAlgorithms.fromCrypto(algorithm);
        assertEquals(algorithm, SignatureAlgorithms.toCrypto(id));
        DerWriter writer = new DerWriter();
        id.encode(writer);
        assertEquals(id, AlgorithmIdentifier.decode(DerReader.of(writer.toByteArray())));
    }

    @Test
    void pkcs1AcceptsNullOrAbsentParameters() throws UnsupportedAlgorithmException {
        assertEquals(SignatureAlgorithm.RSA_PKCS1_SHA384, SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withoutParameters(KnownAlgorithm.SHA384_WITH_RSA_ENCRYPTION.oid())));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withParameters(KnownAlgorithm.SHA256_WITH_RSA_ENCRYPTION.oid(),
                        new DerWriter().writeInteger(1).toByteArray())));
    }

    @Test
    void ecdsaAndEdDsaRefuseParameters() {
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withNullParameters(KnownAlgorithm.ECDSA_WITH_SHA256.oid())));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withNullParameters(KnownAlgorithm.ED25519.oid())));
    }

    @Test
    void dsaSignaturesMapAndRefuseParameters() throws UnsupportedAlgorithmException {
        // RFC 3279 §2.2.2, RFC 5758 §3.1: dsa-with-sha1, dsa-with-sha224, dsa-with-sha256, no parameters.
        assertEquals(SignatureAlgorithm.DSA_SHA1, SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withoutParameters(org.jtls.x509.der.ObjectIdentifier.of("1.2.840.10040.4.3"))));
        assertEquals(SignatureAlgorithm.DSA_SHA224, SignatureAlgorithms.toCrypto(AlgorithmIdentifier
                .withoutParameters(org.jtls.x509.der.ObjectIdentifier.of("2.16.840.1.101.3.4.3.1"))));
        assertEquals(SignatureAlgorithm.DSA_SHA256, SignatureAlgorithms.toCrypto(AlgorithmIdentifier
                .withoutParameters(org.jtls.x509.der.ObjectIdentifier.of("2.16.840.1.101.3.4.3.2"))));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withNullParameters(KnownAlgorithm.DSA_WITH_SHA256.oid())));
    }

    @Test
    void legacyAndUnknownAlgorithmsAreUnsupported() {
        for (KnownAlgorithm legacy : new KnownAlgorithm[] {KnownAlgorithm.MD5_WITH_RSA_ENCRYPTION,
                KnownAlgorithm.MD2_WITH_RSA_ENCRYPTION, KnownAlgorithm.SHA224_WITH_RSA_ENCRYPTION,
                KnownAlgorithm.ECDSA_WITH_SHA224}) {
            UnsupportedAlgorithmException e = assertThrows(UnsupportedAlgorithmException.class,
                    () -> SignatureAlgorithms.toCrypto(AlgorithmIdentifier.withNullParameters(legacy.oid())));
            assertTrue(e.getMessage().contains(legacy.displayName()), e.getMessage());
        }
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withoutParameters(org.jtls.x509.der.ObjectIdentifier.of("1.2.3"))));
    }

    private static AlgorithmIdentifier pss(byte[] parameters) {
        return AlgorithmIdentifier.withParameters(KnownAlgorithm.RSASSA_PSS.oid(), parameters);
    }

    private static byte[] pssParameters(KnownAlgorithm hash, KnownAlgorithm mgfHash, Integer salt) {
        return new DerWriter().writeSequence(sequence -> {
            if (hash != null) {
                sequence.writeExplicit(0, field -> AlgorithmIdentifier.withoutParameters(hash.oid()).encode(field));
            }
            if (mgfHash != null) {
                DerWriter hashId = new DerWriter();
                AlgorithmIdentifier.withoutParameters(mgfHash.oid()).encode(hashId);
                sequence.writeExplicit(1, field -> AlgorithmIdentifier.withParameters(KnownAlgorithm.MGF1.oid(),
                        hashId.toByteArray()).encode(field));
            }
            if (salt != null) {
                sequence.writeExplicit(2, field -> field.writeInteger(salt));
            }
        }).toByteArray();
    }

    @Test
    void pssMapsOnlyTheTlsParameterSet() throws UnsupportedAlgorithmException, DerException {
        assertEquals(SignatureAlgorithm.RSA_PSS_SHA512, SignatureAlgorithms.toCrypto(
                pss(pssParameters(KnownAlgorithm.SHA512, KnownAlgorithm.SHA512, 64))));
        // hash identifiers with absent parameters are as good as NULL ones (RFC 4055 §2.1)
        RsaPssParameters parameters = RsaPssParameters.decode(
                DerReader.parse(pssParameters(KnownAlgorithm.SHA256, KnownAlgorithm.SHA256, 32)));
        assertEquals(HashAlgorithm.SHA256, parameters.maskGenHash());
        assertEquals(1, parameters.trailerField());

        // defaults: SHA-1, MGF1-SHA-1, salt 20
        RsaPssParameters defaults = RsaPssParameters.decode(DerReader.parse(pssParameters(null, null, null)));
        assertEquals(HashAlgorithm.SHA1, defaults.hash());
        assertEquals(20, defaults.saltLength());
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(pss(pssParameters(null, null, null))));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                pss(pssParameters(KnownAlgorithm.SHA256, KnownAlgorithm.SHA256, 20))));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                pss(pssParameters(KnownAlgorithm.SHA256, KnownAlgorithm.SHA1, 32))));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                AlgorithmIdentifier.withoutParameters(KnownAlgorithm.RSASSA_PSS.oid())));
        assertThrows(UnsupportedAlgorithmException.class, () -> SignatureAlgorithms.toCrypto(
                pss(new DerWriter().writeSequence(sequence -> sequence.writeExplicit(1,
                        field -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.MGF1.oid()).encode(field)))
                        .toByteArray())));
    }

    @Test
    void pssParametersReEncodeAsTheyCame() throws DerException {
        for (byte[] encoded : new byte[][] {pssParameters(null, null, null),
                pssParameters(KnownAlgorithm.SHA384, null, 48), RsaPssParameters.forHash(HashAlgorithm.SHA256).encoded()}) {
            assertEquals(java.util.HexFormat.of().formatHex(encoded), java.util.HexFormat.of().formatHex(
                    RsaPssParameters.decode(DerReader.parse(encoded)).encoded()));
        }
    }
}
