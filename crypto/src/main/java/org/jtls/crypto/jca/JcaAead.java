package org.jtls.crypto.jca;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;

/**
 * AES-GCM ({@code AES/GCM/NoPadding}) and ChaCha20-Poly1305 ({@code ChaCha20-Poly1305}) from
 * SunJCE. One {@link Cipher} and one key object serve every record; each call re-initialises the
 * cipher with its nonce and works on the caller's buffers directly.
 *
 * <p>SunJCE guards against nonce reuse itself: GCM refuses to initialise for encryption with the
 * key and IV of the previous encryption, and ChaCha20-Poly1305 refuses any initialisation with the
 * key and nonce of the previous one. The {@link Aead} contract leaves nonce discipline to the caller
 * (and decrypting a record after encrypting it under the same nonce is legitimate), so when a call
 * would trip that guard the cipher is first initialised once with a different throwaway nonce.
 *
 * <p>On a bad tag the output region is zeroed and both buffers keep their positions. SunJCE already
 * holds back GCM and ChaCha20-Poly1305 plaintext until the tag verifies; zeroing makes that a
 * property of this class rather than of one provider version.
 */
final class JcaAead implements Aead {
    private static final int TAG_BITS = 128;

    private final AeadAlgorithm algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;

    private final byte[] lastInitNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private boolean hasLastInitNonce;
    private final byte[] lastSealNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private boolean hasLastSealNonce;
    private final byte[] throwawayNonce = new byte[AeadAlgorithm.NONCE_LENGTH];

    JcaAead(AeadAlgorithm algorithm, byte[] key) {
        if (!algorithm.isGcm() && algorithm != AeadAlgorithm.CHACHA20_POLY1305) {
            throw new IllegalArgumentException(algorithm + " is not GCM or ChaCha20-Poly1305");
        }
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " key must be " + algorithm.keyLength() + " bytes, got "
                    + key.length);
        }
        this.algorithm = algorithm;
        if (algorithm.isGcm()) {
            this.cipher = JcaProviders.cipher("AES/GCM/NoPadding");
            this.key = new SecretKeySpec(key, "AES");
        } else {
            this.cipher = JcaProviders.cipher("ChaCha20-Poly1305");
            this.key = new SecretKeySpec(key, "ChaCha20");
        }
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer output) {
        checkNonce(nonce);
        int sealedLength = plaintext.remaining() + algorithm.tagLength();
        if (output.remaining() < sealedLength) {
            throw new IllegalArgumentException("output has room for " + output.remaining() + " bytes, sealing needs "
                    + sealedLength);
        }
        initialise(Cipher.ENCRYPT_MODE, nonce);
        System.arraycopy(nonce, 0, lastSealNonce, 0, nonce.length);
        hasLastSealNonce = true;
        if (aad != null && aad.length > 0) {
            cipher.updateAAD(aad);
        }
        try {
            return cipher.doFinal(plaintext, output);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output too small for " + sealedLength + " bytes", e);
        } catch (GeneralSecurityException e) {
            // Encryption without padding has no input-dependent failure.
            throw new IllegalStateException(algorithm + " encryption failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer output) throws AeadException {
        checkNonce(nonce);
        int inputLength = ciphertext.remaining();
        if (inputLength < algorithm.tagLength()) {
            throw new AeadException("ciphertext shorter than the " + algorithm.tagLength() + "-byte tag");
        }
        int plaintextLength = inputLength - algorithm.tagLength();
        if (output.remaining() < plaintextLength) {
            throw new IllegalArgumentException("output has room for " + output.remaining() + " bytes, opening needs "
                    + plaintextLength);
        }
        int inputStart = ciphertext.position();
        int outputStart = output.position();
        initialise(Cipher.DECRYPT_MODE, nonce);
        if (aad != null && aad.length > 0) {
            cipher.updateAAD(aad);
        }
        try {
            return cipher.doFinal(ciphertext, output);
        } catch (AEADBadTagException e) {
            Bytes.zero(output, outputStart, plaintextLength);
            output.position(outputStart);
            ciphertext.position(inputStart);
            throw new AeadException("bad tag");
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output too small for " + plaintextLength + " bytes", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " decryption failed", e);
        }
    }

    private void checkNonce(byte[] nonce) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException(algorithm + " nonce must be " + AeadAlgorithm.NONCE_LENGTH
                    + " bytes, got " + nonce.length);
        }
    }

    private void initialise(int mode, byte[] nonce) {
        boolean sameAsLastInit = hasLastInitNonce && Arrays.equals(nonce, lastInitNonce);
        boolean sameAsLastSeal = hasLastSealNonce && Arrays.equals(nonce, lastSealNonce);
        if (sameAsLastInit || sameAsLastSeal) {
            // The throwaway differs from the wanted nonce, from the previous initialisation (the
            // ChaCha20 guard) and from the previous encryption (the GCM guard); one of three
            // single-bit changes always satisfies all three.
            for (int bit = 1; bit <= 4; bit <<= 1) {
                System.arraycopy(nonce, 0, throwawayNonce, 0, nonce.length);
                throwawayNonce[0] ^= (byte) bit;
                boolean clashes = (hasLastInitNonce && Arrays.equals(throwawayNonce, lastInitNonce))
                        || (hasLastSealNonce && Arrays.equals(throwawayNonce, lastSealNonce));
                if (!clashes) {
                    break;
                }
            }
            init(Cipher.ENCRYPT_MODE, throwawayNonce);
            System.arraycopy(throwawayNonce, 0, lastSealNonce, 0, nonce.length);
            hasLastSealNonce = true;
        }
        init(mode, nonce);
        System.arraycopy(nonce, 0, lastInitNonce, 0, nonce.length);
        hasLastInitNonce = true;
    }

    private void init(int mode, byte[] nonce) {
        AlgorithmParameterSpec parameters = algorithm.isGcm()
                ? new GCMParameterSpec(TAG_BITS, nonce)
                : new IvParameterSpec(nonce);
        try {
            cipher.init(mode, key, parameters);
        } catch (GeneralSecurityException e) {
            // Key and nonce lengths were checked; nonce reuse was steered around above.
            throw new IllegalStateException(algorithm + " refused its key or nonce", e);
        }
    }
}
