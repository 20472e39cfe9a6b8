package org.jtls.crypto.bc;

import java.nio.ByteBuffer;

/**
 * Feeds a {@link ByteBuffer}'s remaining bytes to a Bouncy Castle update method, which only takes
 * arrays. Heap buffers are passed through without copying; direct and read-only buffers go through
 * one small chunk array that is allocated on first use and then reused.
 */
final class BufferFeeder {
    private static final int CHUNK_LENGTH = 1024;

    /** Where the bytes go: a digest's or a MAC's {@code update(byte[], int, int)}. */
    @FunctionalInterface
    interface Sink {
        void update(byte[] input, int offset, int length);
    }

    private final Sink sink;
    private byte[] chunk;

    BufferFeeder(Sink sink) {
        this.sink = sink;
    }

    void feed(ByteBuffer input) {
        if (input.hasArray()) {
            sink.update(input.array(), input.arrayOffset() + input.position(), input.remaining());
            input.position(input.limit());
            return;
        }
        if (chunk == null) {
            chunk = new byte[CHUNK_LENGTH];
        }
        while (input.hasRemaining()) {
            int length = Math.min(chunk.length, input.remaining());
            input.get(chunk, 0, length);
            sink.update(chunk, 0, length);
        }
    }
}
