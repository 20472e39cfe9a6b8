package org.jtls.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An RSA private key with its CRT values (RFC 8017 §3.2, the form PKCS#1 files carry). The
 * {@link #toString()} never prints secret values.
 */
public record RsaPrivateKey(
        BigInteger modulus,
        BigInteger publicExponent,
        BigInteger privateExponent,
        BigInteger primeP,
        BigInteger primeQ,
        BigInteger primeExponentP,
        BigInteger primeExponentQ,
        BigInteger crtCoefficient) implements PrivateKeyMaterial {

    public RsaPrivateKey {
        Objects.requireNonNull(modulus, "modulus");
        Objects.requireNonNull(publicExponent, "publicExponent");
        Objects.requireNonNull(privateExponent, "privateExponent");
        Objects.requireNonNull(primeP, "primeP");
        Objects.requireNonNull(primeQ, "primeQ");
        Objects.requireNonNull(primeExponentP, "primeExponentP");
        Objects.requireNonNull(primeExponentQ, "primeExponentQ");
        Objects.requireNonNull(crtCoefficient, "crtCoefficient");
    }

    @Override
    public String algorithm() {
        return "RSA";
    }

    @Override
    public int bitLength() {
        return modulus.bitLength();
    }

    @Override
    public RsaPublicKey publicKey() {
        return new RsaPublicKey(modulus, publicExponent);
    }

    @Override
    public String toString() {
        return "RsaPrivateKey[" + bitLength() + " bits]";
    }
}
