package org.jtls.crypto.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;

/**
 * ECDHE over a NIST curve (RFC 8422, RFC 8446 §4.2.8.2): public values are uncompressed points, the
 * shared secret is the x-coordinate of the shared point in {@link EcCurve#fieldLength()} bytes.
 */
final class BcEcdh implements KeyExchange {
    private final String name;
    private final EcCurve curve;
    private final ECDomainParameters domain;

    BcEcdh(String name, EcCurve curve) {
        this.name = name;
        this.curve = curve;
        this.domain = BcCurves.domain(curve);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] publicValue = ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false);
        return new EcdhShare(curve, (ECPrivateKeyParameters) pair.getPrivate(), publicValue);
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        ECPublicKeyParameters peer = decodePeer(peerPublicValue);
        EcdhShare own = (EcdhShare) generate(random);
        return new Response(own.publicValue(), agree(own.privateKey, peer));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof EcdhShare share) || share.curve != curve) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        return agree(share.privateKey, decodePeer(peerResponse));
    }

    private ECPublicKeyParameters decodePeer(byte[] encoded) throws InvalidKeyShareException {
        try {
            ECPoint point = BcCurves.decodeUncompressedPoint(curve, encoded);
            return new ECPublicKeyParameters(point, domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyShareException(name + ": " + e.getMessage(), e);
        }
    }

    private byte[] agree(ECPrivateKeyParameters privateKey, ECPublicKeyParameters peer)
            throws InvalidKeyShareException {
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(privateKey);
        BigInteger sharedX;
        try {
            sharedX = agreement.calculateAgreement(peer);
        } catch (IllegalStateException e) {
            // Only reachable with a point outside the prime-order group, which decoding already rejects.
            throw new InvalidKeyShareException(name + ": shared point is the point at infinity", e);
        }
        byte[] secret = BigIntegers.asUnsignedByteArray(curve.fieldLength(), sharedX);
        if (SecretChecks.isAllZero(secret)) {
            throw new InvalidKeyShareException(name + ": all-zero shared secret");
        }
        return secret;
    }

    private static final class EcdhShare implements KeyShare {
        private final EcCurve curve;
        private final ECPrivateKeyParameters privateKey;
        private final byte[] publicValue;

        EcdhShare(EcCurve curve, ECPrivateKeyParameters privateKey, byte[] publicValue) {
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
            return "EcdhShare[" + curve.secName() + "]";
        }
    }
}
