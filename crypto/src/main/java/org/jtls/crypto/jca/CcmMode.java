package org.jtls.crypto.jca;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.ConstantTime;

/**
 * CCM (NIST SP 800-38C, RFC 3610) built on the AES block function of {@code AES/ECB/NoPadding}: JDK 17
 * has no AES-CCM. General in the nonce length (7 to 13 bytes) and tag length (4 to 16, even), so the
 * SP 800-38C examples can check it; {@link JcaCcm} fixes the TLS parameters.
 *
 * <p>Encryption authenticates first (CBC-MAC over B0, the encoded AAD and the plaintext) and then
 * encrypts in counter mode; the tag is the MAC XORed with the first key-stream block. Decryption
 * runs counter mode, MACs the recovered plaintext and compares tags in constant time; on a mismatch
 * the plaintext already written is zeroed. Not thread-safe: it keeps its working blocks.
 */
final class CcmMode {
    static final int BLOCK_LENGTH = 16;

    private final Cipher blockCipher;
    private final int tagLength;

    /** The CBC-MAC chaining value Y_i, and how many bytes of the next block are already XORed in. */
    private final byte[] macBlock = new byte[BLOCK_LENGTH];
    private int macFill;
    private final byte[] counterBlock = new byte[BLOCK_LENGTH];
    /** q: the bytes of the counter (and of the payload length in B0) for the current nonce. */
    private int counterLength;
    private final byte[] keyStream = new byte[BLOCK_LENGTH];
    private final byte[] dataBlock = new byte[BLOCK_LENGTH];
    private final byte[] expectedTag = new byte[BLOCK_LENGTH];
    private final byte[] receivedTag = new byte[BLOCK_LENGTH];

    CcmMode(byte[] key, int tagLength) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes, got " + key.length);
        }
        // SP 800-38C §A.1: Tlen is one of 32, 48, 64, 80, 96, 112, 128 bits.
        if (tagLength < 4 || tagLength > 16 || tagLength % 2 != 0) {
            throw new IllegalArgumentException("CCM tag must be 4 to 16 bytes and even, got " + tagLength);
        }
        this.tagLength = tagLength;
        this.blockCipher = JcaProviders.cipher("AES/ECB/NoPadding");
        try {
            // CCM only ever uses the forward cipher, for the MAC and for the key stream alike.
            blockCipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("AES refused a " + key.length + "-byte key", e);
        }
    }

    /** Writes ciphertext then tag at {@code output}'s position; returns the bytes written. */
    int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer output) {
        int payloadLength = plaintext.remaining();
        checkParameters(nonce, payloadLength);
        if (output.remaining() < payloadLength + tagLength) {
            throw new IllegalArgumentException("output has room for " + output.remaining() + " bytes, sealing needs "
                    + (payloadLength + tagLength));
        }
        authenticateHeader(nonce, aad, payloadLength);
        startCounter(nonce);
        for (int done = 0, blockIndex = 1; done < payloadLength; done += BLOCK_LENGTH, blockIndex++) {
            int chunk = Math.min(BLOCK_LENGTH, payloadLength - done);
            plaintext.get(dataBlock, 0, chunk);
            absorb(dataBlock, chunk);
            keyStreamBlock(blockIndex);
            for (int i = 0; i < chunk; i++) {
                output.put((byte) (dataBlock[i] ^ keyStream[i]));
            }
        }
        computeTag();
        output.put(expectedTag, 0, tagLength);
        return payloadLength + tagLength;
    }

    /** Verifies and decrypts; returns the plaintext length, or zeroes the output region and throws. */
    int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer output) throws AeadException {
        int inputLength = ciphertext.remaining();
        if (inputLength < tagLength) {
            throw new AeadException("ciphertext shorter than the " + tagLength + "-byte tag");
        }
        int payloadLength = inputLength - tagLength;
        checkParameters(nonce, payloadLength);
        if (output.remaining() < payloadLength) {
            throw new IllegalArgumentException("output has room for " + output.remaining() + " bytes, opening needs "
                    + payloadLength);
        }
        int inputStart = ciphertext.position();
        int outputStart = output.position();
        ciphertext.get(inputStart + payloadLength, receivedTag, 0, tagLength);

        authenticateHeader(nonce, aad, payloadLength);
        startCounter(nonce);
        for (int done = 0, blockIndex = 1; done < payloadLength; done += BLOCK_LENGTH, blockIndex++) {
            int chunk = Math.min(BLOCK_LENGTH, payloadLength - done);
            ciphertext.get(dataBlock, 0, chunk);
            keyStreamBlock(blockIndex);
            for (int i = 0; i < chunk; i++) {
                dataBlock[i] ^= keyStream[i];
            }
            absorb(dataBlock, chunk);
            output.put(dataBlock, 0, chunk);
        }
        computeTag();
        if (!ConstantTime.equals(expectedTag, 0, receivedTag, 0, tagLength)) {
            Bytes.zero(output, outputStart, payloadLength);
            output.position(outputStart);
            ciphertext.position(inputStart);
            throw new AeadException("bad tag");
        }
        ciphertext.position(inputStart + inputLength);
        return payloadLength;
    }

    private void checkParameters(byte[] nonce, int payloadLength) {
        // SP 800-38C §A.1: n in 7..13 bytes, and q = 15 - n bytes must hold the payload length.
        if (nonce.length < 7 || nonce.length > 13) {
            throw new IllegalArgumentException("CCM nonce must be 7 to 13 bytes, got " + nonce.length);
        }
        int lengthFieldBytes = 15 - nonce.length;
        if (lengthFieldBytes < 4 && payloadLength >= 1 << (8 * lengthFieldBytes)) {
            throw new IllegalArgumentException("a " + nonce.length + "-byte CCM nonce limits the payload to "
                    + ((1 << (8 * lengthFieldBytes)) - 1) + " bytes, got " + payloadLength);
        }
    }

    /** MACs B0 and the encoded associated data (SP 800-38C §A.2.1, §A.2.2). */
    private void authenticateHeader(byte[] nonce, byte[] aad, int payloadLength) {
        int aadLength = aad == null ? 0 : aad.length;
        int lengthFieldBytes = 15 - nonce.length;
        // B0 = flags || N || Q; flags = Adata(bit 6) | (t-2)/2 (bits 5..3) | q-1 (bits 2..0).
        int flags = (aadLength > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | (lengthFieldBytes - 1);
        macBlock[0] = (byte) flags;
        System.arraycopy(nonce, 0, macBlock, 1, nonce.length);
        writeBigEndian(payloadLength, macBlock, 1 + nonce.length, lengthFieldBytes);
        encryptInPlace(macBlock);
        macFill = 0;
        if (aadLength == 0) {
            return;
        }
        // §A.2.2: a < 2^16 - 2^8 takes two bytes; larger (int-sized) lengths take 0xFFFE || four bytes.
        if (aadLength < 0xFF00) {
            absorbByte((byte) (aadLength >>> 8));
            absorbByte((byte) aadLength);
        } else {
            absorbByte((byte) 0xFF);
            absorbByte((byte) 0xFE);
            for (int shift = 24; shift >= 0; shift -= 8) {
                absorbByte((byte) (aadLength >>> shift));
            }
        }
        for (byte b : aad) {
            absorbByte(b);
        }
        // The associated data is zero-padded to a block boundary; XORing zeros changes nothing.
        closeMacBlock();
    }

    /** XORs {@code length} bytes of payload into the MAC; the last block's zero padding is implicit. */
    private void absorb(byte[] block, int length) {
        for (int i = 0; i < length; i++) {
            macBlock[i] ^= block[i];
        }
        encryptInPlace(macBlock);
    }

    private void absorbByte(byte b) {
        macBlock[macFill++] ^= b;
        if (macFill == BLOCK_LENGTH) {
            encryptInPlace(macBlock);
            macFill = 0;
        }
    }

    private void closeMacBlock() {
        if (macFill > 0) {
            encryptInPlace(macBlock);
            macFill = 0;
        }
    }

    /** Ctr_i = flags || N || [i]_q with flags = q - 1 (SP 800-38C §A.3). */
    private void startCounter(byte[] nonce) {
        counterLength = 15 - nonce.length;
        counterBlock[0] = (byte) (counterLength - 1);
        System.arraycopy(nonce, 0, counterBlock, 1, nonce.length);
    }

    /** S_i = E(Ctr_i) into {@link #keyStream}. */
    private void keyStreamBlock(int counter) {
        writeBigEndian(counter, counterBlock, BLOCK_LENGTH - counterLength, counterLength);
        encrypt(counterBlock, keyStream);
    }

    /** Tag = MSB_t(Y_r) XOR MSB_t(S_0), S_0 = E(Ctr_0). */
    private void computeTag() {
        keyStreamBlock(0);
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            expectedTag[i] = (byte) (macBlock[i] ^ keyStream[i]);
        }
    }

    private static void writeBigEndian(int value, byte[] target, int offset, int length) {
        for (int i = 0; i < length; i++) {
            int shift = 8 * (length - 1 - i);
            target[offset + i] = shift >= 32 ? 0 : (byte) (value >>> shift);
        }
    }

    private void encryptInPlace(byte[] block) {
        encrypt(block, block);
    }

    private void encrypt(byte[] input, byte[] output) {
        try {
            blockCipher.update(input, 0, BLOCK_LENGTH, output, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES block output did not fit a block", e);
        }
    }
}
