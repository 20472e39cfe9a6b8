package org.jtls.crypto.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;

/**
 * X25519 and X448 (RFC 7748, RFC 8446 §4.2.8.2) with SunEC's {@code XDH} key agreement. Public values
 * and secrets are the little-endian u-coordinate, 32 or 56 bytes. A peer value that gives the all-zero
 * secret (a small-order point) is rejected (RFC 7748 §6.1, RFC 8446 §7.4.2): SunEC refuses it with
 * an exception, and the secret is checked here as well.
 */
final class JcaXdh implements KeyExchange {
    /** The two Montgomery curves, with their field primes. */
    enum Curve {
        X25519(NamedParameterSpec.X25519, 32, BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19))),
        X448(NamedParameterSpec.X448, 56, BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224))
                .subtract(BigInteger.ONE));

        final NamedParameterSpec parameters;
        final int length;
        final BigInteger prime;

        Curve(NamedParameterSpec parameters, int length, BigInteger prime) {
            this.parameters = parameters;
            this.length = length;
            this.prime = prime;
        }
    }

    private final String name;
    private final Curve curve;

    JcaXdh(String name, Curve curve) {
        this.name = name;
        this.curve = curve;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        KeyPair pair = JcaKeys.generate(curve.parameters.getName(), curve.parameters, random);
        byte[] publicValue = Bytes.littleEndian(((XECPublicKey) pair.getPublic()).getU(), curve.length);
        return new XdhShare(curve, pair.getPrivate(), publicValue);
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        PublicKey peerKey = peerKey(peerPublicValue);
        XdhShare own = (XdhShare) generate(random);
        return new Response(own.publicValue(), agree(own.privateKey, peerKey));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof XdhShare share) || share.curve != curve) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        return agree(share.privateKey, peerKey(peerResponse));
    }

    private PublicKey peerKey(byte[] encoded) throws InvalidKeyShareException {
        if (encoded.length != curve.length) {
            throw new InvalidKeyShareException(name + " key share must be " + curve.length + " bytes, got "
                    + encoded.length);
        }
        byte[] masked = encoded.clone();
        if (curve == Curve.X25519) {
            // RFC 7748 §5: X25519 (not X448) ignores the most significant bit of the final byte.
            masked[masked.length - 1] &= 0x7F;
        }
        // §5 also says non-canonical values (u ≥ p) are processed as if reduced modulo p.
        BigInteger u = Bytes.fromLittleEndian(masked).mod(curve.prime);
        try {
            return JcaProviders.keyFactory("XDH").generatePublic(new XECPublicKeySpec(curve.parameters, u));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyShareException(name + " key share rejected by the provider", e);
        }
    }

    private byte[] agree(PrivateKey privateKey, PublicKey peerKey) throws InvalidKeyShareException {
        byte[] secret;
        try {
            KeyAgreement agreement = JcaProviders.keyAgreement("XDH");
            agreement.init(privateKey);
            agreement.doPhase(peerKey, true);
            secret = agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            // SunEC reports a small-order peer point as InvalidKeyException("Point has small order").
            throw new InvalidKeyShareException(name + " key agreement failed", e);
        }
        if (secret.length != curve.length) {
            throw new IllegalStateException(name + " agreement gave " + secret.length + " bytes, not " + curve.length);
        }
        if (Bytes.isAllZero(secret)) {
            throw new InvalidKeyShareException(name + " shared secret is zero: the peer sent a small-order point");
        }
        return secret;
    }

    private static final class XdhShare implements KeyShare {
        private final Curve curve;
        private final PrivateKey privateKey;
        private final byte[] publicValue;

        XdhShare(Curve curve, PrivateKey privateKey, byte[] publicValue) {
            this.curve = curve;
            this.privateKey = privateKey;
            this.publicValue = publicValue;
        }

        @Override
        public byte[] publicValue() {
            return publicValue.clone();
        }
    }
}
