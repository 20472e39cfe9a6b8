package org.jtls.crypto;

import java.util.Arrays;
import java.util.Objects;

/** An EdDSA public key in its RFC 8032 encoding. */
public record EdPublicKey(EdwardsCurve curve, byte[] encoded) implements PublicKeyMaterial {
    public EdPublicKey {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != curve.publicKeyLength()) {
            throw new IllegalArgumentException(curve.standardName() + " public key must be "
                    + curve.publicKeyLength() + " bytes, got " + encoded.length);
        }
        encoded = encoded.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public String algorithm() {
        return curve.standardName();
    }

    @Override
    public int bitLength() {
        return curve == EdwardsCurve.ED25519 ? 255 : 448;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EdPublicKey that && curve == that.curve && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return curve.hashCode() * 31 + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "EdPublicKey[" + curve.standardName() + "]";
    }
}
