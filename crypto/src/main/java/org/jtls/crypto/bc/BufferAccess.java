package org.jtls.crypto.bc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Array views of {@link ByteBuffer}s for ciphers that only work on arrays. A heap buffer is used in
 * place; a direct or read-only buffer is copied through a scratch array that grows on demand and is
 * then reused, so steady-state records cause no allocation.
 */
final class BufferAccess {
    private byte[] inputScratch = new byte[0];
    private byte[] outputScratch = new byte[0];

    /** The array holding {@code buffer}'s remaining bytes: its backing array, or a copy in scratch. */
    byte[] inputArray(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        inputScratch = atLeast(inputScratch, buffer.remaining());
        buffer.duplicate().get(inputScratch, 0, buffer.remaining());
        return inputScratch;
    }

    /** Offset of {@code buffer}'s position inside {@link #inputArray}'s result. */
    static int inputOffset(ByteBuffer buffer) {
        return buffer.hasArray() ? buffer.arrayOffset() + buffer.position() : 0;
    }

    /** Where to write {@code length} bytes destined for {@code buffer}: its backing array, or scratch. */
    byte[] outputArray(ByteBuffer buffer, int length) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        outputScratch = atLeast(outputScratch, length);
        return outputScratch;
    }

    /** Offset of {@code buffer}'s position inside {@link #outputArray}'s result. */
    static int outputOffset(ByteBuffer buffer) {
        return buffer.hasArray() ? buffer.arrayOffset() + buffer.position() : 0;
    }

    /**
     * Completes a write of {@code length} bytes prepared in {@link #outputArray}: copies scratch into
     * the buffer if needed, then advances both buffers.
     */
    void commit(ByteBuffer input, ByteBuffer output, int length) {
        if (output.hasArray()) {
            output.position(output.position() + length);
        } else {
            output.put(outputScratch, 0, length);
        }
        input.position(input.limit());
    }

    /** Zeroes a region written by a failed operation, wherever it lives. */
    void wipe(ByteBuffer output, int length) {
        byte[] array = outputArray(output, length);
        int offset = outputOffset(output);
        Arrays.fill(array, offset, offset + length, (byte) 0);
    }

    /** Fails unless {@code output} has room for {@code length} more bytes. */
    static void requireRoom(ByteBuffer output, int length) {
        if (output.remaining() < length) {
            throw new IllegalArgumentException("output has " + output.remaining() + " bytes left, needs " + length);
        }
        if (output.isReadOnly()) {
            throw new IllegalArgumentException("output buffer is read-only");
        }
    }

    private static byte[] atLeast(byte[] array, int length) {
        if (array.length >= length) {
            return array;
        }
        Arrays.fill(array, (byte) 0);
        return new byte[Math.max(length, array.length * 2)];
    }
}
