package org.jtls.crypto.bc;

import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.HashAlgorithm;

/**
 * DSA verification (FIPS 186-4 §4.7) with the signature as DER {@code Dss-Sig-Value ::= SEQUENCE
 * { r INTEGER, s INTEGER }} (RFC 3279 §2.2.2). {@link StandardDSAEncoding} accepts only strict DER
 * with r and s in [1, q-1]. jtls does not make DSA signatures.
 */
final class BcDsa {
    private BcDsa() {
    }

    /** A verification, or one that rejects everything when the key's values are unusable. */
    static BcSigners.VerifyOperation verifyOperation(HashAlgorithm hash, DsaPublicKey key) {
        if (!key.isWellFormed()) {
            throw new IllegalArgumentException("not a usable DSA public key");
        }
        DSAPublicKeyParameters parameters = new DSAPublicKeyParameters(key.y(),
                new DSAParameters(key.p(), key.q(), key.g()));
        return (message, signature) -> {
            DSADigestSigner verifier = new DSADigestSigner(new DSASigner(), BcDigest.newBcDigest(hash),
                    StandardDSAEncoding.INSTANCE);
            verifier.init(false, parameters);
            verifier.update(message, 0, message.length);
            // Malformed DER or out-of-range r, s: Bouncy Castle answers false rather than throwing.
            return verifier.verifySignature(signature);
        };
    }
}
