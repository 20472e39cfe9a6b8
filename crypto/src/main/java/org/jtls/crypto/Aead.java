package org.jtls.crypto;

import java.nio.ByteBuffer;

/**
 * An AEAD instance bound to one key. Each call takes its own nonce; the caller guarantees that a
 * nonce is never used twice for sealing under one key (TLS derives nonces from sequence numbers).
 *
 * <p>The {@code ByteBuffer} forms read {@code input}'s remaining bytes and write at {@code output}'s
 * position, advancing both; input and output must not overlap. They allocate nothing in steady
 * state where the underlying primitive allows. Not thread-safe.
 */
public interface Aead {
    AeadAlgorithm algorithm();

    /**
     * Encrypts and authenticates; writes ciphertext followed by the tag.
     *
     * @return bytes written: input length plus {@link AeadAlgorithm#tagLength()}
     */
    int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer output);

    /**
     * Checks the tag and decrypts. On failure nothing is written to {@code output} that could be
     * mistaken for plaintext: the output region is zeroed and the exception thrown.
     *
     * @return plaintext bytes written: input length minus the tag length
     * @throws AeadException when the tag does not verify or the input is shorter than a tag
     */
    int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer output) throws AeadException;

    default byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        ByteBuffer out = ByteBuffer.allocate(plaintext.length + algorithm().tagLength());
        seal(nonce, aad, ByteBuffer.wrap(plaintext), out);
        return out.array();
    }

    default byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext) throws AeadException {
        if (ciphertext.length < algorithm().tagLength()) {
            throw new AeadException("ciphertext shorter than the " + algorithm().tagLength() + "-byte tag");
        }
        ByteBuffer out = ByteBuffer.allocate(ciphertext.length - algorithm().tagLength());
        open(nonce, aad, ByteBuffer.wrap(ciphertext), out);
        return out.array();
    }
}
