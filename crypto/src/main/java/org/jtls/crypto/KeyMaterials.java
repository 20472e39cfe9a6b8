package org.jtls.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Completes private keys whose files carry only the secret half: an RFC 8410 PKCS#8 Ed25519/Ed448
 * key usually holds just the seed, and a SEC 1 EC key may omit its public point. The public half is
 * recomputed here (with Bouncy Castle's curve arithmetic), once, when a key is loaded; nothing
 * here runs per connection.
 */
public final class KeyMaterials {
    private KeyMaterials() {
    }

    /** The EdDSA private key for {@code seed}, with its public key computed per RFC 8032 §5.1.5 / §5.2.5. */
    public static EdPrivateKey edPrivateKey(EdwardsCurve curve, byte[] seed) {
        Objects.requireNonNull(curve, "curve");
        if (seed.length != curve.privateKeyLength()) {
            throw new IllegalArgumentException(curve.standardName() + " private key must be "
                    + curve.privateKeyLength() + " bytes, got " + seed.length);
        }
        byte[] publicKey = curve == EdwardsCurve.ED25519
                ? new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded()
                : new Ed448PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return new EdPrivateKey(curve, seed, new EdPublicKey(curve, publicKey));
    }

    /** The EC private key for {@code scalar}, with its public point Q = d·G (SEC 1 §3.2.1). */
    public static EcPrivateKey ecPrivateKey(EcCurve curve, BigInteger scalar) {
        Objects.requireNonNull(curve, "curve");
        X9ECParameters parameters = CustomNamedCurves.getByName(curve.secName());
        if (scalar.signum() <= 0 || scalar.compareTo(parameters.getN()) >= 0) {
            throw new IllegalArgumentException("EC private scalar must lie in [1, n-1] for " + curve.secName());
        }
        ECPoint point = new FixedPointCombMultiplier().multiply(parameters.getG(), scalar).normalize();
        return new EcPrivateKey(curve, scalar, new EcPublicKey(curve, point.getEncoded(false)));
    }
}
