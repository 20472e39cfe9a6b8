package org.jtls.crypto.bc;

import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.jtls.crypto.EcCurve;

/**
 * Domain parameters of the NIST curves from Bouncy Castle's {@link CustomNamedCurves}, whose field
 * arithmetic is specialised per curve, and the strict point decoding TLS asks for.
 */
final class BcCurves {
    private static final Map<EcCurve, ECDomainParameters> DOMAINS = new EnumMap<>(EcCurve.class);

    static {
        for (EcCurve curve : EcCurve.values()) {
            X9ECParameters parameters = CustomNamedCurves.getByName(curve.secName());
            DOMAINS.put(curve, new ECDomainParameters(parameters));
        }
    }

    private BcCurves() {
    }

    static ECDomainParameters domain(EcCurve curve) {
        return DOMAINS.get(curve);
    }

    /**
     * Decodes an uncompressed point {@code 04 || x || y} and checks it is a point of the curve other
     * than the point at infinity. RFC 8446 §4.2.8.2 and RFC 8422 §5.4.1 allow only the uncompressed
     * form, so compressed ({@code 02}/{@code 03}) and hybrid ({@code 06}/{@code 07}) encodings fail.
     *
     * @throws IllegalArgumentException saying what is wrong with the encoding
     */
    static ECPoint decodeUncompressedPoint(EcCurve curve, byte[] encoded) {
        if (encoded.length != curve.uncompressedPointLength()) {
            throw new IllegalArgumentException(curve.secName() + " point must be " + curve.uncompressedPointLength()
                    + " bytes (uncompressed), got " + encoded.length);
        }
        if (encoded[0] != 0x04) {
            throw new IllegalArgumentException(curve.secName() + " point is not in uncompressed form (first byte "
                    + String.format("0x%02x", encoded[0] & 0xFF) + ")");
        }
        ECPoint point;
        try {
            point = domain(curve).getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            // Bouncy Castle rejects coordinates ≥ p and points off the curve here.
            throw new IllegalArgumentException(curve.secName() + " point is not on the curve", e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException(curve.secName() + " point is not on the curve");
        }
        return point;
    }
}
