package org.jtls.crypto.bc;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.jtls.crypto.HashAlgorithm;

/**
 * ECDSA with the signature as DER {@code SEQUENCE { r INTEGER, s INTEGER }} (RFC 8422 §5.4, RFC 3279
 * §2.2.3). Nonces come from the caller's random; {@link StandardDSAEncoding} accepts only strict DER
 * with r and s in [1, n-1].
 */
final class BcEcdsa {
    private BcEcdsa() {
    }

    static BcSigners.SignOperation signOperation(HashAlgorithm hash, ECPrivateKeyParameters key) {
        return (message, random) -> {
            DSADigestSigner signer = newSigner(hash);
            signer.init(true, new ParametersWithRandom(key, random));
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        };
    }

    static BcSigners.VerifyOperation verifyOperation(HashAlgorithm hash, ECPublicKeyParameters key) {
        return (message, signature) -> {
            DSADigestSigner verifier = newSigner(hash);
            verifier.init(false, key);
            verifier.update(message, 0, message.length);
            // Malformed DER or out-of-range r, s: Bouncy Castle answers false rather than throwing.
            return verifier.verifySignature(signature);
        };
    }

    private static DSADigestSigner newSigner(HashAlgorithm hash) {
        return new DSADigestSigner(new ECDSASigner(), BcDigest.newBcDigest(hash), StandardDSAEncoding.INSTANCE);
    }
}
