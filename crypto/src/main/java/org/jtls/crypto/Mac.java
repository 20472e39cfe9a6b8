package org.jtls.crypto;

import java.nio.ByteBuffer;

/** A keyed HMAC. After {@link #finish} it is ready for the next message under the same key. Not thread-safe. */
public interface Mac {
    HashAlgorithm algorithm();

    int macLength();

    void update(byte[] input, int offset, int length);

    default void update(byte[] input) {
        update(input, 0, input.length);
    }

    /** Consumes the buffer's remaining bytes. */
    void update(ByteBuffer input);

    /** Writes the tag to {@code output} at {@code offset} and resets for the next message. */
    void finish(byte[] output, int offset);

    default byte[] finish() {
        byte[] tag = new byte[macLength()];
        finish(tag, 0);
        return tag;
    }

    /** Drops any partial input. */
    void reset();
}
