package org.jtls.crypto;

import java.math.BigInteger;
import java.util.Objects;

/** An EC private key: the curve, the scalar, and the public point (SEC 1 §3.2; RFC 5915 carries both). */
public record EcPrivateKey(EcCurve curve, BigInteger scalar, EcPublicKey publicKey) implements PrivateKeyMaterial {
    public EcPrivateKey {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(scalar, "scalar");
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.curve() != curve) {
            throw new IllegalArgumentException("public key is on " + publicKey.curve() + ", private key on " + curve);
        }
        if (scalar.signum() <= 0) {
            throw new IllegalArgumentException("EC private scalar must be positive");
        }
    }

    @Override
    public String algorithm() {
        return "EC";
    }

    @Override
    public int bitLength() {
        return publicKey.bitLength();
    }

    @Override
    public String toString() {
        return "EcPrivateKey[" + curve.secName() + "]";
    }
}
