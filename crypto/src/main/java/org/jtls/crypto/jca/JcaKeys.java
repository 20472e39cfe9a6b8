package org.jtls.crypto.jca;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;

/**
 * Conversions between jtls's key records and JCA key objects, the wire encodings of points, and key
 * pair generation. Every conversion goes through a {@link java.security.KeyFactory} of the default
 * providers.
 */
final class JcaKeys {
    private JcaKeys() {
    }

    // ---- RSA ----

    static PrivateKey rsaPrivateKey(RsaPrivateKey key) {
        return generatePrivate("RSA", new RSAPrivateCrtKeySpec(key.modulus(), key.publicExponent(),
                key.privateExponent(), key.primeP(), key.primeQ(), key.primeExponentP(), key.primeExponentQ(),
                key.crtCoefficient()));
    }

    static PublicKey rsaPublicKey(RsaPublicKey key) {
        return generatePublic("RSA", new RSAPublicKeySpec(key.modulus(), key.publicExponent()));
    }

    // ---- DSA ----

    static PublicKey dsaPublicKey(DsaPublicKey key) {
        return generatePublic("DSA", new DSAPublicKeySpec(key.y(), key.p(), key.q(), key.g()));
    }

    // ---- NIST curves ----

    /** The curve's domain parameters as SunEC knows them. */
    static ECParameterSpec ecParameters(EcCurve curve) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve.secName()));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime does not know curve " + curve.secName(), e);
        }
    }

    static PrivateKey ecPrivateKey(EcPrivateKey key, ECParameterSpec parameters) {
        if (key.scalar().compareTo(parameters.getOrder()) >= 0) {
            throw new IllegalArgumentException("EC private scalar is not below the order of " + key.curve().secName());
        }
        return generatePrivate("EC", new ECPrivateKeySpec(key.scalar(), parameters));
    }

    static PublicKey ecPublicKey(ECPoint point, ECParameterSpec parameters) {
        return generatePublic("EC", new ECPublicKeySpec(point, parameters));
    }

    /** SEC 1 §2.3.3 uncompressed encoding {@code 04 || x || y}, each coordinate at the field length. */
    static byte[] encodeUncompressed(ECPoint point, EcCurve curve) {
        int fieldLength = curve.fieldLength();
        byte[] encoded = new byte[curve.uncompressedPointLength()];
        encoded[0] = 0x04;
        System.arraycopy(Bytes.unsigned(point.getAffineX(), fieldLength), 0, encoded, 1, fieldLength);
        System.arraycopy(Bytes.unsigned(point.getAffineY(), fieldLength), 0, encoded, 1 + fieldLength, fieldLength);
        return encoded;
    }

    /**
     * Decodes {@code 04 || x || y} of exactly the curve's length, with both coordinates below p and
     * the point on the curve (SEC 1 §3.2.2.1 partial public-key validation; the identity has no
     * uncompressed encoding, and the NIST curves have prime order, so this is full validation).
     *
     * @return the point, or {@code null} when the bytes are not such a point
     */
    static ECPoint decodeUncompressed(byte[] encoded, EcCurve curve, ECParameterSpec parameters) {
        int fieldLength = curve.fieldLength();
        if (encoded.length != curve.uncompressedPointLength() || encoded[0] != 0x04) {
            return null;
        }
        BigInteger x = new BigInteger(1, encoded, 1, fieldLength);
        BigInteger y = new BigInteger(1, encoded, 1 + fieldLength, fieldLength);
        return isOnCurve(x, y, parameters) ? new ECPoint(x, y) : null;
    }

    /** 0 ≤ x, y < p and y² = x³ + ax + b (mod p). */
    static boolean isOnCurve(BigInteger x, BigInteger y, ECParameterSpec parameters) {
        EllipticCurve curve = parameters.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.multiply(x).add(curve.getA()).multiply(x).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    // ---- Edwards curves ----

    static NamedParameterSpec namedParameters(EdwardsCurve curve) {
        return curve == EdwardsCurve.ED25519 ? NamedParameterSpec.ED25519 : NamedParameterSpec.ED448;
    }

    static PrivateKey edPrivateKey(EdPrivateKey key) {
        return generatePrivate("EdDSA", new EdECPrivateKeySpec(namedParameters(key.curve()), key.seed()));
    }

    static PublicKey edPublicKey(EdPublicKey key) {
        return generatePublic("EdDSA", new EdECPublicKeySpec(namedParameters(key.curve()),
                decodeEdwardsPoint(key.encoded())));
    }

    /**
     * RFC 8032 §5.1.3 / §5.2.3 step 1: y little-endian with the top bit of the last byte cleared; that
     * bit is the parity of x. Range checks (y &lt; p, x recoverable) are left to the provider.
     */
    static EdECPoint decodeEdwardsPoint(byte[] encoded) {
        byte[] bigEndian = Bytes.reverse(encoded);
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7F;
        return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
    }

    /** RFC 8032 §5.1.2 / §5.2.2: the inverse of {@link #decodeEdwardsPoint}. */
    static byte[] encodeEdwardsPoint(EdECPoint point, EdwardsCurve curve) {
        byte[] encoded = Bytes.littleEndian(point.getY(), curve.publicKeyLength());
        if (point.isXOdd()) {
            encoded[encoded.length - 1] |= (byte) 0x80;
        }
        return encoded;
    }

    // ---- key pair generation ----

    static KeyPairMaterial generate(KeyPairSpec spec, SecureRandom random) {
        if (spec instanceof KeyPairSpec.Rsa rsa) {
            return generateRsa(rsa.bits(), random);
        } else if (spec instanceof KeyPairSpec.Ec ec) {
            return generateEc(ec.curve(), random);
        } else if (spec instanceof KeyPairSpec.Ed ed) {
            return generateEd(ed.curve(), random);
        }
        throw new IllegalArgumentException("unknown key pair spec " + spec);
    }

    private static KeyPairMaterial generateRsa(int bits, SecureRandom random) {
        KeyPair pair = generate("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        return KeyPairMaterial.of(new RsaPrivateKey(key.getModulus(), key.getPublicExponent(),
                key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                key.getPrimeExponentQ(), key.getCrtCoefficient()));
    }

    private static KeyPairMaterial generateEc(EcCurve curve, SecureRandom random) {
        KeyPair pair = generate("EC", new ECGenParameterSpec(curve.secName()), random);
        ECPoint point = ((ECPublicKey) pair.getPublic()).getW();
        EcPublicKey publicKey = new EcPublicKey(curve, encodeUncompressed(point, curve));
        return KeyPairMaterial.of(new EcPrivateKey(curve, ((ECPrivateKey) pair.getPrivate()).getS(), publicKey));
    }

    private static KeyPairMaterial generateEd(EdwardsCurve curve, SecureRandom random) {
        KeyPair pair = generate(curve.standardName(), namedParameters(curve), random);
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException(curve.standardName() + " key generator kept its seed"));
        EdPublicKey publicKey = new EdPublicKey(curve,
                encodeEdwardsPoint(((EdECPublicKey) pair.getPublic()).getPoint(), curve));
        return KeyPairMaterial.of(new EdPrivateKey(curve, seed, publicKey));
    }

    static KeyPair generate(String algorithm, AlgorithmParameterSpec parameters, SecureRandom random) {
        KeyPairGenerator generator = JcaProviders.keyPairGenerator(algorithm);
        try {
            generator.initialize(parameters, random);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " key generation refused " + parameters, e);
        }
        return generator.generateKeyPair();
    }

    private static PrivateKey generatePrivate(String algorithm, KeySpec spec) {
        try {
            return JcaProviders.keyFactory(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    private static PublicKey generatePublic(String algorithm, KeySpec spec) {
        try {
            return JcaProviders.keyFactory(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable " + algorithm + " public key: " + e.getMessage(), e);
        }
    }
}
