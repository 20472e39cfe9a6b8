package org.jtls.crypto.jca;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Fixed-length encodings and buffer chores shared by the JCA backend's classes. */
final class Bytes {
    private Bytes() {
    }

    /** Writes zeros to {@code buffer[from, from + length)} without moving its position. */
    static void zero(ByteBuffer buffer, int from, int length) {
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + from;
            Arrays.fill(buffer.array(), start, start + length, (byte) 0);
        } else {
            for (int i = from; i < from + length; i++) {
                buffer.put(i, (byte) 0);
            }
        }
    }

    /** Whether every byte is zero, looking at all of them whatever they hold. */
    static boolean isAllZero(byte[] bytes) {
        int accumulated = 0;
        for (byte b : bytes) {
            accumulated |= b;
        }
        return accumulated == 0;
    }

    /**
     * A big-endian number re-encoded at exactly {@code length} bytes: left-padded with zeros, or with
     * surplus leading zeros dropped. Providers differ on whether they keep leading zeros of secrets.
     */
    static byte[] fitToLength(byte[] bigEndian, int length) {
        if (bigEndian.length == length) {
            return bigEndian;
        }
        byte[] result = new byte[length];
        if (bigEndian.length < length) {
            System.arraycopy(bigEndian, 0, result, length - bigEndian.length, bigEndian.length);
            return result;
        }
        int surplus = bigEndian.length - length;
        for (int i = 0; i < surplus; i++) {
            if (bigEndian[i] != 0) {
                throw new IllegalStateException("a " + bigEndian.length + "-byte value does not fit " + length
                        + " bytes");
            }
        }
        System.arraycopy(bigEndian, surplus, result, 0, length);
        return result;
    }

    /** {@code value} (non-negative) as exactly {@code length} big-endian bytes. */
    static byte[] unsigned(BigInteger value, int length) {
        return fitToLength(value.toByteArray(), length);
    }

    /** {@code value} (non-negative) as exactly {@code length} little-endian bytes. */
    static byte[] littleEndian(BigInteger value, int length) {
        return reverse(unsigned(value, length));
    }

    /** The unsigned number whose little-endian encoding is {@code bytes}. */
    static BigInteger fromLittleEndian(byte[] bytes) {
        return new BigInteger(1, reverse(bytes));
    }

    static byte[] reverse(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }
}
