package org.jtls.crypto;

import java.util.Arrays;
import java.util.Objects;

/** An EdDSA private key: the RFC 8032 seed, with its public key. */
public record EdPrivateKey(EdwardsCurve curve, byte[] seed, EdPublicKey publicKey) implements PrivateKeyMaterial {
    public EdPrivateKey {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(publicKey, "publicKey");
        if (seed.length != curve.privateKeyLength()) {
            throw new IllegalArgumentException(curve.standardName() + " private key must be "
                    + curve.privateKeyLength() + " bytes, got " + seed.length);
        }
        if (publicKey.curve() != curve) {
            throw new IllegalArgumentException("public key is " + publicKey.curve() + ", private key " + curve);
        }
        seed = seed.clone();
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    @Override
    public String algorithm() {
        return curve.standardName();
    }

    @Override
    public int bitLength() {
        return publicKey.bitLength();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EdPrivateKey that && curve == that.curve && ConstantTime.equals(seed, that.seed);
    }

    @Override
    public int hashCode() {
        return curve.hashCode() * 31 + publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "EdPrivateKey[" + curve.standardName() + "]";
    }
}
