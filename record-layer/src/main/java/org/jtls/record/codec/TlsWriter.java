package org.jtls.record.codec;

import java.util.Arrays;

/**
 * Writes TLS presentation-language structures into a growing buffer. Vectors are written with
 * {@link #startVector}/{@link #endVector}: the length prefix is filled in when the vector ends and
 * checked against the declared ceiling, so an encoder cannot produce a length the peer must reject.
 */
public final class TlsWriter {
    private byte[] buffer;
    private int size;
    private final int[] openVectors = new int[16];
    private final int[] openVectorPrefix = new int[16];
    private final int[] openVectorCeiling = new int[16];
    private int depth;

    public TlsWriter() {
        this(256);
    }

    public TlsWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public TlsWriter u8(int value) {
        checkRange(value, 0xFF);
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public TlsWriter u16(int value) {
        checkRange(value, 0xFFFF);
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public TlsWriter u24(int value) {
        checkRange(value, 0xFFFFFF);
        ensure(3);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public TlsWriter u32(long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("value " + value + " does not fit in 4 bytes");
        }
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public TlsWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    public TlsWriter bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** {@code opaque<..ceiling>} with a one-byte length. */
    public TlsWriter opaque8(byte[] value) {
        return startVector(1, 0xFF).bytes(value).endVector();
    }

    public TlsWriter opaque16(byte[] value) {
        return startVector(2, 0xFFFF).bytes(value).endVector();
    }

    public TlsWriter opaque24(byte[] value) {
        return startVector(3, 0xFFFFFF).bytes(value).endVector();
    }

    /** Opens a vector with a {@code prefixBytes}-byte length that must end up at most {@code ceiling}. */
    public TlsWriter startVector(int prefixBytes, int ceiling) {
        if (prefixBytes < 1 || prefixBytes > 3) {
            throw new IllegalArgumentException("length prefix of " + prefixBytes + " bytes");
        }
        if (depth == openVectors.length) {
            throw new IllegalStateException("vectors nested more than " + openVectors.length + " deep");
        }
        ensure(prefixBytes);
        openVectors[depth] = size;
        openVectorPrefix[depth] = prefixBytes;
        openVectorCeiling[depth] = ceiling;
        depth++;
        size += prefixBytes;
        return this;
    }

    public TlsWriter endVector() {
        if (depth == 0) {
            throw new IllegalStateException("no open vector");
        }
        depth--;
        int start = openVectors[depth];
        int prefix = openVectorPrefix[depth];
        int length = size - start - prefix;
        if (length > openVectorCeiling[depth]) {
            throw new IllegalStateException("vector of " + length + " bytes exceeds its ceiling "
                    + openVectorCeiling[depth]);
        }
        for (int i = 0; i < prefix; i++) {
            buffer[start + i] = (byte) (length >>> (8 * (prefix - 1 - i)));
        }
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " vectors still open");
        }
        return Arrays.copyOf(buffer, size);
    }

    private static void checkRange(int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("value " + value + " outside 0.." + max);
        }
    }
}
