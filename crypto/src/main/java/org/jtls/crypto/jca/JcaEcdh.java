package org.jtls.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import javax.crypto.KeyAgreement;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;

/**
 * ECDHE on a NIST curve (RFC 8422 §5.10, RFC 8446 §4.2.8.2) with SunEC's {@code EC} key pairs and
 * {@code ECDH} agreement. Public values are uncompressed points only; the peer's point is checked
 * here (length, format, coordinates below p, on the curve) before SunEC sees it. The secret is the
 * x-coordinate at the field length.
 */
final class JcaEcdh implements KeyExchange {
    private final String name;
    private final EcCurve curve;
    private final ECParameterSpec parameters;

    JcaEcdh(String name, EcCurve curve) {
        this.name = name;
        this.curve = curve;
        this.parameters = JcaKeys.ecParameters(curve);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        KeyPair pair = JcaKeys.generate("EC", new ECGenParameterSpec(curve.secName()), random);
        byte[] publicValue = JcaKeys.encodeUncompressed(((ECPublicKey) pair.getPublic()).getW(), curve);
        return new EcdhShare(curve, pair.getPrivate(), publicValue);
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        PublicKey peerKey = peerKey(peerPublicValue);
        EcdhShare own = (EcdhShare) generate(random);
        return new Response(own.publicValue(), agree(own.privateKey, peerKey));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof EcdhShare share) || share.curve != curve) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        return agree(share.privateKey, peerKey(peerResponse));
    }

    private PublicKey peerKey(byte[] encoded) throws InvalidKeyShareException {
        if (encoded.length != curve.uncompressedPointLength() || encoded[0] != 0x04) {
            throw new InvalidKeyShareException(name + " key share must be an uncompressed point of "
                    + curve.uncompressedPointLength() + " bytes");
        }
        ECPoint point = JcaKeys.decodeUncompressed(encoded, curve, parameters);
        if (point == null) {
            throw new InvalidKeyShareException(name + " key share is not a point on the curve");
        }
        try {
            return JcaKeys.ecPublicKey(point, parameters);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyShareException(name + " key share rejected by the provider", e);
        }
    }

    private byte[] agree(PrivateKey privateKey, PublicKey peerKey) throws InvalidKeyShareException {
        byte[] secret;
        try {
            KeyAgreement agreement = JcaProviders.keyAgreement("ECDH");
            agreement.init(privateKey);
            agreement.doPhase(peerKey, true);
            secret = agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new InvalidKeyShareException(name + " key agreement failed", e);
        }
        byte[] fixedLength = Bytes.fitToLength(secret, curve.fieldLength());
        if (Bytes.isAllZero(fixedLength)) {
            throw new InvalidKeyShareException(name + " shared secret is zero");
        }
        return fixedLength;
    }

    private static final class EcdhShare implements KeyShare {
        private final EcCurve curve;
        private final PrivateKey privateKey;
        private final byte[] publicValue;

        EcdhShare(EcCurve curve, PrivateKey privateKey, byte[] publicValue) {
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
