package org.jtls.crypto.bc;

import java.security.SecureRandom;
import org.bouncycastle.crypto.RawAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.agreement.X448Agreement;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PublicKeyParameters;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;

/** X25519 and X448 (RFC 7748, RFC 8446 §4.2.8.2): fixed-length u-coordinates in and out. */
final class BcXdh implements KeyExchange {
    /** The two Montgomery curves; their public values and secrets have one length each. */
    enum Curve {
        X25519(32), X448(56);

        final int valueLength;

        Curve(int valueLength) {
            this.valueLength = valueLength;
        }
    }

    private final String name;
    private final Curve curve;

    BcXdh(String name, Curve curve) {
        this.name = name;
        this.curve = curve;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        return switch (curve) {
            case X25519 -> {
                X25519PrivateKeyParameters privateKey = new X25519PrivateKeyParameters(random);
                yield new XdhShare(curve, privateKey, privateKey.generatePublicKey().getEncoded());
            }
            case X448 -> {
                X448PrivateKeyParameters privateKey = new X448PrivateKeyParameters(random);
                yield new XdhShare(curve, privateKey, privateKey.generatePublicKey().getEncoded());
            }
        };
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        AsymmetricKeyParameter peer = decodePeer(peerPublicValue);
        XdhShare own = (XdhShare) generate(random);
        return new Response(own.publicValue(), agree(own.privateKey, peer));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof XdhShare share) || share.curve != curve) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        return agree(share.privateKey, decodePeer(peerResponse));
    }

    private AsymmetricKeyParameter decodePeer(byte[] encoded) throws InvalidKeyShareException {
        if (encoded.length != curve.valueLength) {
            throw new InvalidKeyShareException(name + " public value must be " + curve.valueLength + " bytes, got "
                    + encoded.length);
        }
        return curve == Curve.X25519 ? new X25519PublicKeyParameters(encoded) : new X448PublicKeyParameters(encoded);
    }

    private byte[] agree(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter peer)
            throws InvalidKeyShareException {
        RawAgreement agreement = curve == Curve.X25519 ? new X25519Agreement() : new X448Agreement();
        agreement.init(privateKey);
        byte[] secret = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(peer, secret, 0);
        } catch (IllegalStateException e) {
            // Bouncy Castle's signal for an all-zero result, which a low-order peer point produces.
            throw new InvalidKeyShareException(name + ": all-zero shared secret (RFC 7748 §6)", e);
        }
        // RFC 7748 §6.1 / RFC 8446 §7.4.2: checked here too, not only trusted to the library.
        if (SecretChecks.isAllZero(secret)) {
            throw new InvalidKeyShareException(name + ": all-zero shared secret (RFC 7748 §6)");
        }
        return secret;
    }

    private static final class XdhShare implements KeyShare {
        private final Curve curve;
        private final AsymmetricKeyParameter privateKey;
        private final byte[] publicValue;

        XdhShare(Curve curve, AsymmetricKeyParameter privateKey, byte[] publicValue) {
            this.curve = curve;
            this.privateKey = privateKey;
            this.publicValue = publicValue;
        }

        @Override
        public byte[] publicValue() {
            return publicValue.clone();
        }

        @Override
        public String toString() {
            return "XdhShare[" + curve + "]";
        }
    }
}
