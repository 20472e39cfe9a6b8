package org.jtls.crypto;

import java.nio.ByteBuffer;

/**
 * A running hash. {@link #fork()} copies the state, so a TLS transcript hash can be read at any
 * point (for Finished, CertificateVerify, binders) while it keeps running.
 *
 * <p>Not thread-safe.
 */
public interface Digest {
    HashAlgorithm algorithm();

    void update(byte[] input, int offset, int length);

    default void update(byte[] input) {
        update(input, 0, input.length);
    }

    /** Consumes the buffer's remaining bytes. */
    void update(ByteBuffer input);

    /** An independent copy of the current state. */
    Digest fork();

    /** Completes the hash and resets this digest to its initial state. */
    byte[] finish();

    /** The hash of everything so far, without disturbing the running state. */
    default byte[] current() {
        return fork().finish();
    }

    /** Returns to the initial state. */
    void reset();
}
