package org.jtls.crypto.bc;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;

/** PureEdDSA (RFC 8032): Ed25519, and Ed448 with an empty context as TLS uses it (RFC 8446 §4.2.3). */
final class BcEdDsa {
    private static final byte[] EMPTY_CONTEXT = new byte[0];

    private BcEdDsa() {
    }

    static byte[] signEd25519(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    static byte[] signEd448(Ed448PrivateKeyParameters key, byte[] message) {
        Ed448Signer signer = new Ed448Signer(EMPTY_CONTEXT);
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    static boolean verifyEd25519(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    static boolean verifyEd448(Ed448PublicKeyParameters key, byte[] message, byte[] signature) {
        Ed448Signer verifier = new Ed448Signer(EMPTY_CONTEXT);
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
