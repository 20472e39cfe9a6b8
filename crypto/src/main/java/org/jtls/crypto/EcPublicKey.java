package org.jtls.crypto;

import java.util.Arrays;
import java.util.Objects;

/** An EC public key: the curve and the uncompressed point {@code 04 || x || y} (SEC 1 §2.3.3). */
public record EcPublicKey(EcCurve curve, byte[] point) implements PublicKeyMaterial {
    public EcPublicKey {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(point, "point");
        if (point.length != curve.uncompressedPointLength() || point[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed " + curve.secName() + " point");
        }
        point = point.clone();
    }

    @Override
    public byte[] point() {
        return point.clone();
    }

    @Override
    public String algorithm() {
        return "EC";
    }

    @Override
    public int bitLength() {
        return curve == EcCurve.P521 ? 521 : curve.fieldLength() * 8;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EcPublicKey that && curve == that.curve && Arrays.equals(point, that.point);
    }

    @Override
    public int hashCode() {
        return curve.hashCode() * 31 + Arrays.hashCode(point);
    }

    @Override
    public String toString() {
        return "EcPublicKey[" + curve.secName() + "]";
    }
}
