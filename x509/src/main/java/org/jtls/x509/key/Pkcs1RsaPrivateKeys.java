package org.jtls.x509.key;

import java.math.BigInteger;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/**
 * PKCS#1 {@code RSAPrivateKey} (RFC 8017 Appendix A.1.2), two-prime form only:
 *
 * <pre>
 * RSAPrivateKey ::= SEQUENCE { version Version, modulus INTEGER, publicExponent INTEGER,
 *   privateExponent INTEGER, prime1 INTEGER, prime2 INTEGER, exponent1 INTEGER,
 *   exponent2 INTEGER, coefficient INTEGER, otherPrimeInfos OtherPrimeInfos OPTIONAL }
 * </pre>
 * The values are checked against each other (n = pq, the CRT exponents and coefficient fit p, q,
 * d and e), so a damaged file fails here rather than producing wrong signatures.
 */
final class Pkcs1RsaPrivateKeys {
    /** Larger moduli are refused: the crypto module generates up to 16384 bits and nobody uses more. */
    static final int MAX_MODULUS_BITS = 16384;
    private static final int TWO_PRIME = 0;
    private static final int MULTI_PRIME = 1;

    private Pkcs1RsaPrivateKeys() {
    }

    static RsaPrivateKey decode(DerReader reader) throws DerException, KeyFormatException {
        DerReader sequence = reader.readSequence();
        int versionOffset = sequence.position();
        long version = sequence.readLong(0, Long.MAX_VALUE);
        if (version == MULTI_PRIME) {
            throw new UnsupportedKeyAlgorithmException("multi-prime RSA keys (RFC 8017 §A.1.2, version 1) "
                    + "are not supported");
        }
        if (version != TWO_PRIME) {
            throw new DerException("RSAPrivateKey version must be 0 (two-prime), found " + version, versionOffset);
        }
        BigInteger modulus = sequence.readInteger();
        BigInteger publicExponent = sequence.readInteger();
        BigInteger privateExponent = sequence.readInteger();
        BigInteger primeP = sequence.readInteger();
        BigInteger primeQ = sequence.readInteger();
        BigInteger exponentP = sequence.readInteger();
        BigInteger exponentQ = sequence.readInteger();
        BigInteger coefficient = sequence.readInteger();
        sequence.end();
        check(modulus, publicExponent, privateExponent, primeP, primeQ, exponentP, exponentQ, coefficient);
        return new RsaPrivateKey(modulus, publicExponent, privateExponent, primeP, primeQ, exponentP, exponentQ,
                coefficient);
    }

    private static void check(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dP,
            BigInteger dQ, BigInteger qInv) throws KeyFormatException {
        if (n.signum() <= 0 || n.bitLength() > MAX_MODULUS_BITS) {
            throw new KeyFormatException("RSA modulus must be positive and at most " + MAX_MODULUS_BITS + " bits");
        }
        int bits = n.bitLength();
        for (BigInteger value : new BigInteger[] {e, d, p, q, dP, dQ, qInv}) {
            if (value.bitLength() > bits) {
                throw new KeyFormatException("RSA key is inconsistent: a value is longer than the modulus");
            }
        }
        if (e.compareTo(BigInteger.ONE) <= 0 || d.signum() <= 0 || dP.signum() <= 0 || dQ.signum() <= 0
                || qInv.signum() <= 0) {
            throw new KeyFormatException("RSA exponents and coefficient must be positive (e above 1)");
        }
        if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)) {
            throw new KeyFormatException("RSA key is inconsistent: modulus is not prime1 × prime2");
        }
        BigInteger pMinusOne = p.subtract(BigInteger.ONE);
        BigInteger qMinusOne = q.subtract(BigInteger.ONE);
        // RFC 8017 §3.2: e·dP ≡ 1 (mod p-1), e·dQ ≡ 1 (mod q-1), q·qInv ≡ 1 (mod p).
        boolean crtConsistent = e.multiply(dP).mod(pMinusOne).equals(BigInteger.ONE)
                && e.multiply(dQ).mod(qMinusOne).equals(BigInteger.ONE)
                && q.multiply(qInv).mod(p).equals(BigInteger.ONE)
                && d.mod(pMinusOne).equals(dP.mod(pMinusOne))
                && d.mod(qMinusOne).equals(dQ.mod(qMinusOne));
        if (!crtConsistent) {
            throw new KeyFormatException("RSA key is inconsistent: exponents or coefficient do not fit the primes");
        }
    }

    static void encode(RsaPrivateKey key, DerWriter writer) {
        writer.writeSequence(sequence -> sequence
                .writeInteger(TWO_PRIME)
                .writeInteger(key.modulus())
                .writeInteger(key.publicExponent())
                .writeInteger(key.privateExponent())
                .writeInteger(key.primeP())
                .writeInteger(key.primeQ())
                .writeInteger(key.primeExponentP())
                .writeInteger(key.primeExponentQ())
                .writeInteger(key.crtCoefficient()));
    }
}
