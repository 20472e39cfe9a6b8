package org.jtls.crypto;

import java.math.BigInteger;
import java.util.Objects;

/** An RSA public key (RFC 8017 §3.1). */
public record RsaPublicKey(BigInteger modulus, BigInteger publicExponent) implements PublicKeyMaterial {
    public RsaPublicKey {
        Objects.requireNonNull(modulus, "modulus");
        Objects.requireNonNull(publicExponent, "publicExponent");
        if (modulus.signum() <= 0 || publicExponent.signum() <= 0) {
            throw new IllegalArgumentException("RSA modulus and exponent must be positive");
        }
    }

    @Override
    public String algorithm() {
        return "RSA";
    }

    @Override
    public int bitLength() {
        return modulus.bitLength();
    }

    /** Length of the modulus, and of every signature and ciphertext, in bytes. */
    public int modulusLength() {
        return (modulus.bitLength() + 7) / 8;
    }
}
