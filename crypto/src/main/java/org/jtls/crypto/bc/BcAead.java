package org.jtls.crypto.bc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;

/**
 * One Bouncy Castle AEAD cipher bound to one key and re-initialised for every record with that
 * record's nonce and additional data.
 *
 * <p>The key is handed to Bouncy Castle only on the first initialisation; later ones pass a null key,
 * which keeps the expanded AES key and GCM's multiplication tables instead of rebuilding them.
 */
final class BcAead implements Aead {
    /** CCM with a 12-byte nonce leaves a 3-byte length field (RFC 3610 §2: L = 15 - 12). */
    private static final int CCM_MAX_MESSAGE_LENGTH = (1 << 24) - 1;

    private final AeadAlgorithm algorithm;
    private final AEADCipher cipher;
    private final KeyParameter key;
    private final int tagBits;
    private final BufferAccess buffers = new BufferAccess();
    private final byte[] lastNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private boolean initialised;

    BcAead(AeadAlgorithm algorithm, byte[] key) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got "
                    + key.length);
        }
        this.algorithm = algorithm;
        this.cipher = newCipher(algorithm);
        this.key = new KeyParameter(key);
        this.tagBits = algorithm.tagLength() * 8;
    }

    private static AEADCipher newCipher(AeadAlgorithm algorithm) {
        if (algorithm.isGcm()) {
            return GCMBlockCipher.newInstance(AESEngine.newInstance());
        }
        if (algorithm.isCcm()) {
            return CCMBlockCipher.newInstance(AESEngine.newInstance());
        }
        return new ChaCha20Poly1305();
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer output) {
        int inputLength = plaintext.remaining();
        int outputLength = inputLength + algorithm.tagLength();
        checkMessageLength(inputLength);
        BufferAccess.requireRoom(output, outputLength);
        initialise(true, nonce, aad);

        byte[] in = buffers.inputArray(plaintext);
        byte[] out = buffers.outputArray(output, outputLength);
        try {
            int written = process(in, BufferAccess.inputOffset(plaintext), inputLength,
                    out, BufferAccess.outputOffset(output));
            buffers.commit(plaintext, output, written);
            return written;
        } catch (InvalidCipherTextException e) {
            // Encryption has no tag to check; Bouncy Castle only declares the exception.
            throw new IllegalStateException(algorithm + " encryption failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer output) throws AeadException {
        int inputLength = ciphertext.remaining();
        if (inputLength < algorithm.tagLength()) {
            throw new AeadException("ciphertext shorter than the " + algorithm.tagLength() + "-byte tag");
        }
        int outputLength = inputLength - algorithm.tagLength();
        checkMessageLength(outputLength);
        BufferAccess.requireRoom(output, outputLength);
        initialise(false, nonce, aad);

        byte[] in = buffers.inputArray(ciphertext);
        byte[] out = buffers.outputArray(output, outputLength);
        try {
            int written = process(in, BufferAccess.inputOffset(ciphertext), inputLength,
                    out, BufferAccess.outputOffset(output));
            buffers.commit(ciphertext, output, written);
            return written;
        } catch (InvalidCipherTextException e) {
            // Bouncy Castle has already written unauthenticated plaintext: never let it be read.
            buffers.wipe(output, outputLength);
            throw new AeadException("bad tag");
        }
    }

    private int process(byte[] in, int inOffset, int length, byte[] out, int outOffset)
            throws InvalidCipherTextException {
        if (cipher instanceof CCMBlockCipher ccm) {
            // CCM needs the whole message before it can start; processPacket skips its internal buffer.
            return ccm.processPacket(in, inOffset, length, out, outOffset);
        }
        int written = cipher.processBytes(in, inOffset, length, out, outOffset);
        return written + cipher.doFinal(out, outOffset + written);
    }

    /**
     * Bouncy Castle refuses to encrypt twice in a row under the nonce it was last initialised with,
     * as a guard against nonce reuse. Our contract leaves nonce uniqueness to the caller (TLS derives
     * nonces from sequence numbers), and sealing the same record twice is legitimate, so a repeated
     * nonce first initialises for decryption with a different, throwaway nonce.
     */
    private void initialise(boolean forEncryption, byte[] nonce, byte[] aad) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException(algorithm + " needs a " + AeadAlgorithm.NONCE_LENGTH
                    + "-byte nonce, got " + nonce.length);
        }
        if (forEncryption && initialised && Arrays.equals(lastNonce, nonce)) {
            byte[] throwaway = nonce.clone();
            throwaway[0] ^= 1;
            cipher.init(false, new AEADParameters(null, tagBits, throwaway, null));
        }
        cipher.init(forEncryption, new AEADParameters(initialised ? null : key, tagBits, nonce, null));
        initialised = true;
        System.arraycopy(nonce, 0, lastNonce, 0, nonce.length);
        if (aad != null && aad.length > 0) {
            cipher.processAADBytes(aad, 0, aad.length);
        }
    }

    private void checkMessageLength(int length) {
        if (algorithm.isCcm() && length > CCM_MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("CCM with a 12-byte nonce takes at most " + CCM_MAX_MESSAGE_LENGTH
                    + " bytes, got " + length);
        }
    }
}
