package org.jtls.crypto.jca;

import java.nio.ByteBuffer;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;

/**
 * AES-CCM and AES-CCM-8 for TLS (RFC 6655, RFC 8446): {@link CcmMode} with a 12-byte nonce (so a
 * 3-byte length field, L = 3) and a 16- or 8-byte tag.
 */
final class JcaCcm implements Aead {
    private final AeadAlgorithm algorithm;
    private final CcmMode ccm;

    JcaCcm(AeadAlgorithm algorithm, byte[] key) {
        if (!algorithm.isCcm()) {
            throw new IllegalArgumentException(algorithm + " is not a CCM algorithm");
        }
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " key must be " + algorithm.keyLength() + " bytes, got "
                    + key.length);
        }
        this.algorithm = algorithm;
        this.ccm = new CcmMode(key, algorithm.tagLength());
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer output) {
        checkNonce(nonce);
        return ccm.seal(nonce, aad, plaintext, output);
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer output) throws AeadException {
        checkNonce(nonce);
        return ccm.open(nonce, aad, ciphertext, output);
    }

    private void checkNonce(byte[] nonce) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException(algorithm + " nonce must be " + AeadAlgorithm.NONCE_LENGTH
                    + " bytes, got " + nonce.length);
        }
    }
}
