package org.jtls.crypto;

import java.nio.ByteBuffer;

/**
 * Raw CBC encryption or decryption (no padding: TLS pads itself) under one key and direction. The IV
 * is given per call, so the record layer decides between explicit IVs (TLS 1.1+) and the chained
 * implicit IV of SSL 3.0 / TLS 1.0. Input and output must not overlap. Not thread-safe.
 */
public interface CbcCipher {
    CbcAlgorithm algorithm();

    boolean forEncryption();

    /**
     * Processes {@code input}'s remaining bytes, a whole number of blocks, into {@code output}.
     *
     * @throws IllegalArgumentException if the length is not a multiple of the block length
     */
    void process(byte[] iv, ByteBuffer input, ByteBuffer output);

    default byte[] process(byte[] iv, byte[] input) {
        ByteBuffer out = ByteBuffer.allocate(input.length);
        process(iv, ByteBuffer.wrap(input), out);
        return out.array();
    }
}
