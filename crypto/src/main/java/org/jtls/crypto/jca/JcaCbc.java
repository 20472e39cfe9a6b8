package org.jtls.crypto.jca;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;

/** Raw CBC ({@code AES/CBC/NoPadding}, {@code DESede/CBC/NoPadding}) with the IV given per call. */
final class JcaCbc implements CbcCipher {
    private final CbcAlgorithm algorithm;
    private final boolean forEncryption;
    private final Cipher cipher;
    private final SecretKeySpec key;

    JcaCbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " key must be " + algorithm.keyLength() + " bytes, got "
                    + key.length);
        }
        this.algorithm = algorithm;
        this.forEncryption = forEncryption;
        String cipherName = algorithm == CbcAlgorithm.TRIPLE_DES_EDE_CBC ? "DESede" : "AES";
        this.cipher = JcaProviders.cipher(cipherName + "/CBC/NoPadding");
        this.key = new SecretKeySpec(key, cipherName);
    }

    @Override
    public CbcAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public boolean forEncryption() {
        return forEncryption;
    }

    @Override
    public void process(byte[] iv, ByteBuffer input, ByteBuffer output) {
        int blockLength = algorithm.blockLength();
        if (iv.length != blockLength) {
            throw new IllegalArgumentException(algorithm + " IV must be " + blockLength + " bytes, got " + iv.length);
        }
        int length = input.remaining();
        if (length % blockLength != 0) {
            throw new IllegalArgumentException(algorithm + " input must be whole " + blockLength + "-byte blocks, got "
                    + length + " bytes");
        }
        if (output.remaining() < length) {
            throw new IllegalArgumentException("output has room for " + output.remaining() + " bytes, needs " + length);
        }
        try {
            cipher.init(forEncryption ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(input, output);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output too small for " + length + " bytes", e);
        } catch (GeneralSecurityException e) {
            // Lengths are checked above and there is no padding to fail.
            throw new IllegalStateException(algorithm + " failed on whole blocks", e);
        }
    }
}
