package org.jtls.x509.key;

import static org.jtls.x509.key.KeyChecks.CRYPTO;
import static org.jtls.x509.key.KeyChecks.RANDOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.function.Consumer;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.pem.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules the key readers enforce, on structures built by hand. */
class PrivateKeyFormatTest {
    private static RsaPrivateKey rsa;
    private static EcPrivateKey ec;

    @BeforeAll
    static void generate() {
        rsa = (RsaPrivateKey) CRYPTO.generateKeyPair(KeyPairSpec.rsa(1024), RANDOM).privateKey();
        ec = (EcPrivateKey) CRYPTO.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), RANDOM).privateKey();
    }

    private static byte[] der(Consumer<DerWriter> contents) {
        DerWriter writer = new DerWriter();
        contents.accept(writer);
        return writer.toByteArray();
    }

    private static byte[] rsaPrivateKey(int version, BigInteger privateExponent, boolean otherPrimes) {
        return der(w -> w.writeSequence(s -> {
            s.writeInteger(version).writeInteger(rsa.modulus()).writeInteger(rsa.publicExponent())
                    .writeInteger(privateExponent).writeInteger(rsa.primeP()).writeInteger(rsa.primeQ())
                    .writeInteger(rsa.primeExponentP()).writeInteger(rsa.primeExponentQ())
                    .writeInteger(rsa.crtCoefficient());
            if (otherPrimes) {
                s.writeSequence(others -> others.writeSequence(prime -> prime.writeInteger(7).writeInteger(3)
                        .writeInteger(5)));
            }
        }));
    }

    @Test
    void readsPkcs1AndChecksItsValues() throws KeyFormatException {
        assertEquals(rsa, PrivateKeyReader.readDer(rsaPrivateKey(0, rsa.privateExponent(), false), null, CRYPTO).key());
        KeyFormatException inconsistent = assertThrows(KeyFormatException.class, () -> PrivateKeyReader.readDer(
                rsaPrivateKey(0, rsa.privateExponent().add(BigInteger.TWO), false), null, CRYPTO));
        assertTrue(inconsistent.getMessage().contains("inconsistent"), inconsistent.getMessage());
    }

    @Test
    void refusesMultiPrimeRsaClearly() {
        UnsupportedKeyAlgorithmException e = assertThrows(UnsupportedKeyAlgorithmException.class,
                () -> PrivateKeyReader.readDer(rsaPrivateKey(1, rsa.privateExponent(), true), null, CRYPTO));
        assertTrue(e.getMessage().contains("multi-prime"), e.getMessage());
    }

    @Test
    void refusesEcScalarsOutOfRangeAndPointsThatAreNotTheKeys() throws KeyFormatException {
        byte[] zeroScalar = sec1(new byte[32], null);
        assertThrows(KeyFormatException.class, () -> PrivateKeyReader.readDer(zeroScalar, null, CRYPTO));

        byte[] scalar = Sec1EcPrivateKeys.fixedLength(ec.scalar(), 32);
        assertEquals(ec, PrivateKeyReader.readDer(sec1(scalar, ec.publicKey().point()), null, CRYPTO).key());
        assertEquals(ec, PrivateKeyReader.readDer(sec1(scalar, null), null, CRYPTO).key(), "Q = d·G computed");

        EcPrivateKey other = (EcPrivateKey) CRYPTO.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), RANDOM).privateKey();
        byte[] mixed = sec1(scalar, other.publicKey().point());
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PrivateKeyReader.readDer(mixed, null, CRYPTO));
        assertTrue(e.getMessage().contains("not d·G"), e.getMessage());

        byte[] point = ec.publicKey().point();
        point[point.length - 1] ^= 1;
        assertThrows(KeyFormatException.class, () -> PrivateKeyReader.readDer(sec1(scalar, point), null, CRYPTO));
    }

    private static byte[] sec1(byte[] privateKey, byte[] point) {
        return der(w -> w.writeSequence(s -> {
            s.writeInteger(1).writeOctetString(privateKey)
                    .writeExplicit(0, p -> p.writeOid(ObjectIdentifier.of(EcCurve.P256.oid())));
            if (point != null) {
                s.writeExplicit(1, p -> p.writeBitString(BitString.ofBytes(point)));
            }
        }));
    }

    @Test
    void checksAnEdwardsPublicKeyFieldAgainstTheSeed() throws KeyFormatException {
        EdPrivateKey ed = (EdPrivateKey) CRYPTO.generateKeyPair(KeyPairSpec.ed25519(), RANDOM).privateKey();
        EdPrivateKey other = (EdPrivateKey) CRYPTO.generateKeyPair(KeyPairSpec.ed25519(), RANDOM).privateKey();
        assertEquals(ed, PrivateKeyReader.readPkcs8(oneAsymmetricKey(ed.seed(), ed.publicKey().encoded())).key());
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PrivateKeyReader.readPkcs8(oneAsymmetricKey(ed.seed(), other.publicKey().encoded())));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    private static byte[] oneAsymmetricKey(byte[] seed, byte[] publicKey) {
        return der(w -> w.writeSequence(s -> {
            s.writeInteger(1);
            AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ED25519.oid()).encode(s);
            s.writeOctetStringWrapping(inner -> inner.writeOctetString(seed));
            s.writeImplicit(1, field -> field.writeBitString(BitString.ofBytes(publicKey)));
        }));
    }

    @Test
    void requiresAStandaloneSec1KeyToNameItsCurve() {
        byte[] noCurve = der(w -> w.writeSequence(s -> s.writeInteger(1)
                .writeOctetString(Sec1EcPrivateKeys.fixedLength(ec.scalar(), 32))));
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PrivateKeyReader.readDer(noCurve, null, CRYPTO));
        assertTrue(e.getMessage().contains("curve"), e.getMessage());
    }

    @Test
    void refusesKeyAgreementAndUnknownKeyTypes() {
        byte[] x25519 = der(w -> w.writeSequence(s -> {
            s.writeInteger(0);
            AlgorithmIdentifier.withoutParameters(KnownAlgorithm.X25519.oid()).encode(s);
            s.writeOctetStringWrapping(inner -> inner.writeOctetString(new byte[32]));
        }));
        UnsupportedKeyAlgorithmException e = assertThrows(UnsupportedKeyAlgorithmException.class,
                () -> PrivateKeyReader.readPkcs8(x25519));
        assertTrue(e.getMessage().contains("key agreement"), e.getMessage());
        for (String label : new String[] {"DSA PRIVATE KEY", "OPENSSH PRIVATE KEY"}) {
            assertThrows(UnsupportedKeyAlgorithmException.class,
                    () -> PrivateKeyReader.readPem(Pem.encode(label, new byte[] {0x30, 0x00}), null, CRYPTO));
        }
    }

    @Test
    void wantsExactlyOnePrivateKeyInAPemText() {
        String key = PrivateKeyWriter.pkcs8Pem(ec);
        KeyFormatException two = assertThrows(KeyFormatException.class,
                () -> PrivateKeyReader.readPem(key + key, null, CRYPTO));
        assertTrue(two.getMessage().contains("2 private keys"), two.getMessage());
        assertThrows(KeyFormatException.class,
                () -> PrivateKeyReader.readPem(Pem.encode("CERTIFICATE", new byte[] {0x30, 0x00}), null, CRYPTO));
    }

    @Test
    void refusesHostileIterationCountsBeforeDeriving() {
        byte[] salt = new byte[8];
        byte[] iv = new byte[16];
        byte[] encrypted = der(w -> w.writeSequence(s -> {
            s.writeSequence(algorithm -> algorithm.writeOid(ObjectIdentifier.of("1.2.840.113549.1.5.13"))
                    .writeSequence(pbes2 -> pbes2
                            .writeSequence(kdf -> kdf.writeOid(ObjectIdentifier.of("1.2.840.113549.1.5.12"))
                                    .writeSequence(p -> p.writeOctetString(salt).writeInteger(2_000_000_000L)))
                            .writeSequence(cipher -> cipher.writeOid(ObjectIdentifier.of("2.16.840.1.101.3.4.1.42"))
                                    .writeOctetString(iv))));
            s.writeOctetString(new byte[32]);
        }));
        long start = System.nanoTime();
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PrivateKeyReader.readEncryptedPkcs8(encrypted, "x".toCharArray(), CRYPTO));
        assertTrue(e.getMessage().contains("iteration count"), e.getMessage());
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused without deriving");
    }

    @Test
    void keepsSecretsOutOfItsText() {
        DecodedPrivateKey key = DecodedPrivateKey.of(rsa);
        assertFalse(key.toString().contains(rsa.privateExponent().toString()));
        assertFalse(key.toString().contains(rsa.privateExponent().toString(16)));
        DecodedPrivateKey ecKey = DecodedPrivateKey.of(ec);
        assertFalse(ecKey.toString().contains(ec.scalar().toString()));
        assertFalse(ecKey.toString().contains(ec.scalar().toString(16)));
    }

    @Test
    void checksARsaPublicKeyFieldAgainstThePrivateKey() throws KeyFormatException {
        byte[] rsaPublicKey = der(w -> w.writeSequence(s -> s.writeInteger(rsa.modulus()).writeInteger(65539)));
        byte[] v2 = der(w -> w.writeSequence(s -> {
            s.writeInteger(1);
            AlgorithmIdentifier.withNullParameters(KnownAlgorithm.RSA_ENCRYPTION.oid()).encode(s);
            s.writeOctetString(rsaPrivateKey(0, rsa.privateExponent(), false));
            s.writeImplicit(1, field -> field.writeBitString(BitString.ofBytes(rsaPublicKey)));
        }));
        assertThrows(KeyFormatException.class, () -> PrivateKeyReader.readPkcs8(v2));
        assertEquals(rsa, PrivateKeyReader.readPkcs8(PrivateKeyWriter.pkcs8Der(rsa)).key());
    }
}
