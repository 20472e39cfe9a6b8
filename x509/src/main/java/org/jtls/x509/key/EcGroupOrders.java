package org.jtls.x509.key;

import java.math.BigInteger;
import org.jtls.crypto.EcCurve;

/**
 * The group orders n of the NIST curves (FIPS 186-4 §D.1.2, SEC 2 §2.4–2.6), which bound a
 * private scalar: 0 &lt; d &lt; n (SEC 1 §3.2.1).
 */
final class EcGroupOrders {
    private static final BigInteger P256 = new BigInteger(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger P384 = new BigInteger(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16);
    private static final BigInteger P521 = new BigInteger(
            "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    + "a51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409", 16);

    private EcGroupOrders() {
    }

    static BigInteger of(EcCurve curve) {
        return switch (curve) {
            case P256 -> P256;
            case P384 -> P384;
            case P521 -> P521;
        };
    }

    static boolean isValidScalar(EcCurve curve, BigInteger scalar) {
        return scalar.signum() > 0 && scalar.compareTo(of(curve)) < 0;
    }
}
