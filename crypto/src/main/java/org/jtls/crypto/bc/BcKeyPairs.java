package org.jtls.crypto.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.RsaPrivateKey;

/** Key-pair generation, returning backend-neutral key records. */
final class BcKeyPairs {
    private static final BigInteger RSA_PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    /** Miller-Rabin certainty for RSA primes: a composite survives with probability below 2^-128. */
    private static final int RSA_PRIME_CERTAINTY = 128;

    private BcKeyPairs() {
    }

    static KeyPairMaterial generate(KeyPairSpec spec, SecureRandom random) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(random, "random");
        if (spec instanceof KeyPairSpec.Rsa rsa) {
            return rsa(rsa.bits(), random);
        }
        if (spec instanceof KeyPairSpec.Ec ec) {
            return ec(ec.curve(), random);
        }
        return edwards(((KeyPairSpec.Ed) spec).curve(), random);
    }

    private static KeyPairMaterial rsa(int bits, SecureRandom random) {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(RSA_PUBLIC_EXPONENT, random, bits, RSA_PRIME_CERTAINTY));
        RSAPrivateCrtKeyParameters key = (RSAPrivateCrtKeyParameters) generator.generateKeyPair().getPrivate();
        return KeyPairMaterial.of(new RsaPrivateKey(key.getModulus(), key.getPublicExponent(), key.getExponent(),
                key.getP(), key.getQ(), key.getDP(), key.getDQ(), key.getQInv()));
    }

    private static KeyPairMaterial ec(EcCurve curve, SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(BcCurves.domain(curve), random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        EcPublicKey publicKey = new EcPublicKey(curve, ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false));
        BigInteger scalar = ((ECPrivateKeyParameters) pair.getPrivate()).getD();
        return KeyPairMaterial.of(new EcPrivateKey(curve, scalar, publicKey));
    }

    private static KeyPairMaterial edwards(EdwardsCurve curve, SecureRandom random) {
        byte[] seed;
        byte[] encodedPublicKey;
        if (curve == EdwardsCurve.ED25519) {
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(random);
            seed = key.getEncoded();
            encodedPublicKey = key.generatePublicKey().getEncoded();
        } else {
            Ed448PrivateKeyParameters key = new Ed448PrivateKeyParameters(random);
            seed = key.getEncoded();
            encodedPublicKey = key.generatePublicKey().getEncoded();
        }
        return KeyPairMaterial.of(new EdPrivateKey(curve, seed, new EdPublicKey(curve, encodedPublicKey)));
    }
}
