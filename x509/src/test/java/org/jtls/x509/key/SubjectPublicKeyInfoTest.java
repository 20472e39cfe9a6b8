package org.jtls.x509.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.junit.jupiter.api.Test;

class SubjectPublicKeyInfoTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static byte[] spki(AlgorithmIdentifier algorithm, byte[] key) {
        DerWriter writer = new DerWriter();
        writer.writeSequence(sequence -> {
            algorithm.encode(sequence);
            sequence.writeBitString(BitString.ofBytes(key));
        });
        return writer.toByteArray();
    }

    private static AlgorithmIdentifier ecOn(String curveOid) {
        return AlgorithmIdentifier.withParameters(KnownAlgorithm.EC_PUBLIC_KEY.oid(),
                new DerWriter().writeOid(ObjectIdentifier.of(curveOid)).toByteArray());
    }

    private static byte[] rsaPublicKey(BigInteger modulus, BigInteger exponent) {
        return new DerWriter().writeSequence(key -> key.writeInteger(modulus).writeInteger(exponent)).toByteArray();
    }

    @Test
    void keysRoundTripThroughTheirSpki() throws DerException {
        RsaPublicKey rsa = new RsaPublicKey(BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(159)),
                BigInteger.valueOf(65537));
        byte[] point = new byte[EcCurve.P384.uncompressedPointLength()];
        point[0] = 4;
        EcPublicKey ec = new EcPublicKey(EcCurve.P384, point);
        EdPublicKey ed = new EdPublicKey(EdwardsCurve.ED448, new byte[57]);
        for (var key : java.util.List.of(rsa, ec, ed)) {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.of(key);
            assertEquals(key, info.publicKey().orElseThrow());
            assertEquals(info, SubjectPublicKeyInfo.decode(info.encoded()));
        }
        assertEquals(2048, SubjectPublicKeyInfo.of(rsa).bitLength().orElseThrow());
        assertEquals("1.3.132.0.34", SubjectPublicKeyInfo.of(ec).namedCurve().orElseThrow().toString());
    }

    @Test
    void rejectsCompressedEcPoints() {
        byte[] compressed = new byte[33];
        compressed[0] = 0x02;
        DerException e = assertThrows(DerException.class,
                () -> SubjectPublicKeyInfo.decode(spki(ecOn(EcCurve.P256.oid()), compressed)));
        assertTrue(e.getMessage().contains("compressed"), e.getMessage());
    }

    @Test
    void rejectsEcPointsOfTheWrongLength() {
        byte[] shortPoint = new byte[64];
        shortPoint[0] = 0x04;
        DerException e = assertThrows(DerException.class,
                () -> SubjectPublicKeyInfo.decode(spki(ecOn(EcCurve.P256.oid()), shortPoint)));
        assertTrue(e.getMessage().contains("65 octets"), e.getMessage());
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(ecOn(EcCurve.P256.oid()), new byte[0])));
    }

    @Test
    void keepsEcKeysOnOtherCurvesRaw() throws GeneralSecurityException, DerException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("brainpoolP256r1"));
        byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.decode(encoded);
        assertTrue(info.publicKey().isEmpty());
        assertEquals("1.3.36.3.3.2.8.1.1.7", info.namedCurve().orElseThrow().toString());
        assertArrayEquals(encoded, info.encoded());
    }

    @Test
    void keepsUnknownAlgorithmsRaw() throws GeneralSecurityException, DerException {
        KeyPairGenerator dh = KeyPairGenerator.getInstance("DH");
        dh.initialize(2048);
        byte[] encoded = dh.generateKeyPair().getPublic().getEncoded();
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.decode(encoded);
        assertTrue(info.publicKey().isEmpty());
        assertFalse(info.inheritsDsaParameters());
        DerWriter writer = new DerWriter();
        info.encode(writer);
        assertArrayEquals(encoded, writer.toByteArray());

        SubjectPublicKeyInfo x25519 = SubjectPublicKeyInfo.decode(
                spki(AlgorithmIdentifier.withoutParameters(KnownAlgorithm.X25519.oid()), new byte[32]));
        assertTrue(x25519.publicKey().isEmpty());
    }

    @Test
    void decodesDsaKeysWithParameters() throws GeneralSecurityException, DerException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        DSAPublicKey jdk = (DSAPublicKey) generator.generateKeyPair().getPublic();
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.decode(jdk.getEncoded());
        DsaPublicKey expected = new DsaPublicKey(jdk.getParams().getP(), jdk.getParams().getQ(),
                jdk.getParams().getG(), jdk.getY());
        assertEquals(expected, info.publicKey().orElseThrow());
        assertEquals(KnownAlgorithm.DSA, info.algorithm().knownAlgorithm());
        assertFalse(info.inheritsDsaParameters());
        assertEquals(DsaParameters.of(expected), info.dsaParameters().orElseThrow());
        assertEquals(2048, info.bitLength().getAsInt());
        assertEquals(expected, info.workingPublicKey(null).orElseThrow(), "a complete key needs nothing above");
        assertArrayEquals(jdk.getEncoded(), SubjectPublicKeyInfo.of(expected).encoded());
    }

    @Test
    void dsaKeyWithoutParametersIsIncompleteUntilItsIssuerIsKnown() throws DerException {
        // RFC 3279 §2.3.2: parameters omitted entirely; subjectPublicKey is INTEGER y.
        DsaPublicKey issuer = new DsaPublicKey(BigInteger.valueOf(23), BigInteger.valueOf(11), BigInteger.valueOf(4),
                BigInteger.valueOf(8));
        byte[] y = new DerWriter().writeInteger(BigInteger.valueOf(13)).toByteArray();
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.decode(
                spki(AlgorithmIdentifier.withoutParameters(KnownAlgorithm.DSA.oid()), y));
        assertTrue(info.inheritsDsaParameters());
        assertTrue(info.publicKey().isEmpty());
        assertTrue(info.dsaParameters().isEmpty());
        assertTrue(info.bitLength().isEmpty());
        assertEquals(new DsaPublicKey(issuer.p(), issuer.q(), issuer.g(), BigInteger.valueOf(13)),
                info.workingPublicKey(issuer).orElseThrow());
        assertTrue(info.workingPublicKey(null).isEmpty());
        assertTrue(info.workingPublicKey(new RsaPublicKey(BigInteger.valueOf(33), BigInteger.valueOf(3))).isEmpty(),
                "RFC 5280 §6.1.4 (e): only a DSA key above can supply DSA parameters");
    }

    @Test
    void rejectsMalformedDsaKeys() {
        byte[] y = new DerWriter().writeInteger(BigInteger.valueOf(13)).toByteArray();
        byte[] parameters = new DerWriter().writeSequence(sequence -> sequence.writeInteger(23).writeInteger(11)
                .writeInteger(4)).toByteArray();
        AlgorithmIdentifier complete = AlgorithmIdentifier.withParameters(KnownAlgorithm.DSA.oid(), parameters);
        AlgorithmIdentifier absent = AlgorithmIdentifier.withoutParameters(KnownAlgorithm.DSA.oid());
        // NULL parameters: RFC 3279 §2.3.2 says omitted parameters are omitted entirely.
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(
                spki(AlgorithmIdentifier.withNullParameters(KnownAlgorithm.DSA.oid()), y)));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(AlgorithmIdentifier.withParameters(
                KnownAlgorithm.DSA.oid(), new DerWriter().writeSequence(sequence -> sequence.writeInteger(23)
                        .writeInteger(11)).toByteArray()), y)));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(AlgorithmIdentifier.withParameters(
                KnownAlgorithm.DSA.oid(), new DerWriter().writeSequence(sequence -> sequence.writeInteger(23)
                        .writeInteger(0).writeInteger(4)).toByteArray()), y)));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(
                spki(complete, new DerWriter().writeInteger(0).toByteArray())));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(
                spki(absent, new DerWriter().writeInteger(-5).toByteArray())));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(absent, new byte[] {0x02})));
        byte[] trailing = java.util.Arrays.copyOf(y, y.length + 1);
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(absent, trailing)));
    }

    @Test
    void rejectsMalformedRsaKeys() {
        AlgorithmIdentifier rsa = AlgorithmIdentifier.withNullParameters(KnownAlgorithm.RSA_ENCRYPTION.oid());
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(
                spki(rsa, rsaPublicKey(BigInteger.valueOf(-7), BigInteger.valueOf(3)))));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(
                spki(rsa, rsaPublicKey(BigInteger.valueOf(77), BigInteger.ZERO))));
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(rsa, new byte[] {0x30, 0x00})));
        byte[] trailing = java.util.Arrays.copyOf(rsaPublicKey(BigInteger.valueOf(77), BigInteger.valueOf(3)), 9);
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(rsa, trailing)));
        AlgorithmIdentifier noNull = AlgorithmIdentifier.withoutParameters(KnownAlgorithm.RSA_ENCRYPTION.oid());
        DerException e = assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(
                spki(noNull, rsaPublicKey(BigInteger.valueOf(77), BigInteger.valueOf(3)))));
        assertTrue(e.getMessage().contains("NULL"));
    }

    @Test
    void rejectsMalformedEdwardsKeys() {
        AlgorithmIdentifier ed25519 = AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ED25519.oid());
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(ed25519, new byte[31])));
        AlgorithmIdentifier withParameters = AlgorithmIdentifier.withNullParameters(KnownAlgorithm.ED25519.oid());
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(withParameters, new byte[32])));
    }

    @Test
    void ecKeysNeedParameters() {
        AlgorithmIdentifier bare = AlgorithmIdentifier.withoutParameters(KnownAlgorithm.EC_PUBLIC_KEY.oid());
        assertThrows(DerException.class, () -> SubjectPublicKeyInfo.decode(spki(bare, new byte[65])));
    }

    @Test
    void rsaPssKeysMayCarryParameters() throws DerException {
        byte[] parameters = org.jtls.x509.algorithm.RsaPssParameters.forHash(org.jtls.crypto.HashAlgorithm.SHA384)
                .encoded();
        AlgorithmIdentifier pss = AlgorithmIdentifier.withParameters(KnownAlgorithm.RSASSA_PSS.oid(), parameters);
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.decode(
                spki(pss, rsaPublicKey(BigInteger.valueOf(77), BigInteger.valueOf(3))));
        assertTrue(info.isRsaPssKey());
        assertEquals(48, info.pssParameters().orElseThrow().saltLength());
        assertFalse(SubjectPublicKeyInfo.of(info.publicKey().orElseThrow()).isRsaPssKey());
    }
}
