package org.jtls.x509.key;

import java.math.BigInteger;
import java.util.Arrays;
import org.jtls.crypto.EcCurve;

/**
 * The few domain parameters of the NIST curves (FIPS 186-4 §D.1.2, SEC 2 §2.4–2.6) that loading a
 * key needs: the prime p and coefficient b (a = -3) to check that a public point lies on the curve,
 * and the group order n to check that a private scalar is in range. These checks turn a damaged
 * key file into an error at load time instead of wrong signatures later. Not used for arithmetic on
 * secrets.
 */
record EcCurveParameters(BigInteger p, BigInteger b, BigInteger n) {
    private static final EcCurveParameters P256 = new EcCurveParameters(
            hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
            hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
            hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"));
    private static final EcCurveParameters P384 = new EcCurveParameters(
            hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
            hex("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"),
            hex("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"));
    private static final EcCurveParameters P521 = new EcCurveParameters(
            BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE),
            hex("0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf07"
                    + "3573df883d2c34f1ef451fd46b503f00"),
            hex("1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    + "a51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"));
    private static final BigInteger THREE = BigInteger.valueOf(3);

    static EcCurveParameters of(EcCurve curve) {
        return switch (curve) {
            case P256 -> P256;
            case P384 -> P384;
            case P521 -> P521;
        };
    }

    /** Whether {@code 0 < scalar < n}, as a private key must be (SEC 1 §3.2.1). */
    boolean isValidScalar(BigInteger scalar) {
        return scalar.signum() > 0 && scalar.compareTo(n) < 0;
    }

    /** Whether the uncompressed point {@code 04 || x || y} has coordinates below p and satisfies y² = x³ - 3x + b. */
    boolean isOnCurve(byte[] uncompressedPoint, int fieldLength) {
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressedPoint, 1, 1 + fieldLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressedPoint, 1 + fieldLength, 1 + 2 * fieldLength));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).subtract(THREE.multiply(x)).add(b).mod(p);
        return left.equals(right);
    }

    private static BigInteger hex(String digits) {
        return new BigInteger(digits, 16);
    }
}
