package org.jtls.x509.key;

import java.math.BigInteger;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.KeyMaterials;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * SEC 1 {@code ECPrivateKey} (RFC 5915 §3), with named curves P-256, P-384 and P-521 only:
 *
 * <pre>
 * ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET STRING,
 *   parameters [0] ECParameters {{ NamedCurve }} OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * </pre>
 * The scalar must lie in 1..n-1. The public point Q = d·G is computed ({@link KeyMaterials}); a
 * point the file carries must be uncompressed and equal to it, so a damaged file or one whose
 * halves come from different keys is refused.
 */
final class Sec1EcPrivateKeys {
    private static final int EC_PRIVKEY_VER1 = 1;

    /** The fields as read; {@code storedPoint} is {@code null} when the file does not carry one. */
    record Sec1Key(EcCurve curve, BigInteger scalar, EcPublicKey storedPoint) {
        /** The key with Q = d·G, checked against the stored point and {@code otherStoredPoint} (either may be null). */
        EcPrivateKey toKey(EcPublicKey otherStoredPoint) throws KeyFormatException {
            EcPrivateKey key = KeyMaterials.ecPrivateKey(curve, scalar);
            for (EcPublicKey stored : new EcPublicKey[] {storedPoint, otherStoredPoint}) {
                if (stored != null && !stored.equals(key.publicKey())) {
                    throw new KeyFormatException("the " + curve.secName() + " key's public point is not d·G for its "
                            + "private scalar: the file is damaged or mixes two keys");
                }
            }
            return key;
        }
    }

    private Sec1EcPrivateKeys() {
    }

    /**
     * @param algorithmCurve the curve named by the enclosing PKCS#8 algorithm identifier, or
     *        {@code null} for a standalone SEC 1 key, which must then name its curve itself
     */
    static Sec1Key decode(DerReader reader, EcCurve algorithmCurve) throws DerException, KeyFormatException {
        DerReader sequence = reader.readSequence();
        int versionOffset = sequence.position();
        if (sequence.readLong(0, Long.MAX_VALUE) != EC_PRIVKEY_VER1) {
            throw new DerException("ECPrivateKey version must be 1 (ecPrivkeyVer1)", versionOffset);
        }
        byte[] privateKey = sequence.readOctetString();
        EcCurve curve = algorithmCurve;
        DerReader parameters = sequence.readOptionalExplicit(0);
        if (parameters != null) {
            EcCurve named = namedCurve(parameters);
            parameters.end();
            if (algorithmCurve != null && named != algorithmCurve) {
                throw new KeyFormatException("ECPrivateKey names " + named.secName() + " but its algorithm identifier "
                        + algorithmCurve.secName());
            }
            curve = named;
        }
        if (curve == null) {
            throw new KeyFormatException("EC private key does not name its curve (RFC 5915 §3 requires the "
                    + "parameters field outside PKCS#8)");
        }
        EcPublicKey publicKey = null;
        DerReader publicKeyField = sequence.readOptionalExplicit(1);
        if (publicKeyField != null) {
            publicKey = point(curve, publicKeyField.readBitString());
            publicKeyField.end();
        }
        sequence.end();
        if (privateKey.length == 0 || privateKey.length > curve.fieldLength()) {
            throw new KeyFormatException(curve.secName() + " private key must be at most " + curve.fieldLength()
                    + " octets, found " + privateKey.length);
        }
        BigInteger scalar = new BigInteger(1, privateKey);
        if (!EcGroupOrders.isValidScalar(curve, scalar)) {
            throw new KeyFormatException(curve.secName() + " private key is outside 1..n-1");
        }
        return new Sec1Key(curve, scalar, publicKey);
    }

    /** {@code ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, implicitCurve NULL, specifiedCurve ... }}. */
    static EcCurve namedCurve(DerReader parameters) throws DerException, KeyFormatException {
        if (!parameters.nextIs(Tag.OBJECT_IDENTIFIER)) {
            throw new UnsupportedKeyAlgorithmException("EC keys with explicit or implicit curve parameters are not "
                    + "supported (only named curves, RFC 5480 §2.1.1)");
        }
        return curveFor(parameters.readOid());
    }

    static EcCurve curveFor(ObjectIdentifier oid) throws UnsupportedKeyAlgorithmException {
        for (EcCurve curve : EcCurve.values()) {
            if (curve.oid().equals(oid.toString())) {
                return curve;
            }
        }
        throw new UnsupportedKeyAlgorithmException("EC curve " + oid + " is not supported (P-256, P-384 and P-521 are)");
    }

    /** An uncompressed point (SEC 1 §2.3.3) of the curve's length. */
    static EcPublicKey point(EcCurve curve, BitString bits) throws KeyFormatException {
        byte[] point = bits.bytes();
        if (!bits.isOctetAligned() || point.length == 0) {
            throw new KeyFormatException("EC public key BIT STRING must hold whole octets");
        }
        if (point[0] == 0x02 || point[0] == 0x03) {
            throw new UnsupportedKeyAlgorithmException("compressed EC points are not supported");
        }
        if (point[0] != 0x04 || point.length != curve.uncompressedPointLength()) {
            throw new KeyFormatException("expected an uncompressed " + curve.secName() + " point of "
                    + curve.uncompressedPointLength() + " octets, found " + point.length);
        }
        return new EcPublicKey(curve, point);
    }

    /**
     * The private key as a fixed-length octet string (RFC 5915 §3: ceiling(log2(n)/8) octets).
     *
     * @param withParameters whether to name the curve inside (standalone SEC 1; PKCS#8 names it outside)
     */
    static void encode(EcCurve curve, BigInteger scalar, EcPublicKey publicKey, boolean withParameters,
            DerWriter writer) {
        writer.writeSequence(sequence -> {
            sequence.writeInteger(EC_PRIVKEY_VER1).writeOctetString(fixedLength(scalar, curve.fieldLength()));
            if (withParameters) {
                sequence.writeExplicit(0, parameters -> parameters.writeOid(ObjectIdentifier.of(curve.oid())));
            }
            if (publicKey != null) {
                sequence.writeExplicit(1, field -> field.writeBitString(BitString.ofBytes(publicKey.point())));
            }
        });
    }

    static byte[] fixedLength(BigInteger value, int length) {
        byte[] magnitude = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copy, out, length - copy, copy);
        return out;
    }
}
