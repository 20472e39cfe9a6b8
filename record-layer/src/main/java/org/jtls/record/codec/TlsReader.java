package org.jtls.record.codec;

import java.util.Arrays;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;

/**
 * Reads TLS presentation-language structures (RFC 8446 §3) from a byte range, checking every
 * length. Any read past the end, a vector length outside the RFC's {@code <floor..ceiling>}, or a
 * length that is not a multiple of the element size is a {@code decode_error} carrying the name of
 * the field, so call sites never slice bytes by hand and never see an IndexOutOfBoundsException.
 */
public final class TlsReader {
    private final byte[] buffer;
    private final int limit;
    private int position;

    private TlsReader(byte[] buffer, int offset, int limit) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
    }

    /** Reads {@code bytes} (not copied; the caller must not change them while reading). */
    public static TlsReader of(byte[] bytes) {
        return new TlsReader(bytes, 0, bytes.length);
    }

    public static TlsReader of(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        return new TlsReader(bytes, offset, offset + length);
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    private void require(int count, String field) throws TlsAlertException {
        if (count > limit - position) {
            throw decodeError(field + ": needs " + count + " bytes, " + (limit - position) + " left");
        }
    }

    public int u8(String field) throws TlsAlertException {
        require(1, field);
        return buffer[position++] & 0xFF;
    }

    public int u16(String field) throws TlsAlertException {
        require(2, field);
        int value = ((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public int u24(String field) throws TlsAlertException {
        require(3, field);
        int value = ((buffer[position] & 0xFF) << 16) | ((buffer[position + 1] & 0xFF) << 8)
                | (buffer[position + 2] & 0xFF);
        position += 3;
        return value;
    }

    public long u32(String field) throws TlsAlertException {
        require(4, field);
        long value = ((long) (buffer[position] & 0xFF) << 24) | ((buffer[position + 1] & 0xFF) << 16)
                | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    /** A fixed-length field such as {@code Random random} ({@code opaque[32]}). */
    public byte[] bytes(int length, String field) throws TlsAlertException {
        require(length, field);
        byte[] value = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return value;
    }

    /** {@code opaque field<floor..ceiling>} with a one-byte length. */
    public byte[] opaque8(int floor, int ceiling, String field) throws TlsAlertException {
        return bytes(vectorLength(1, floor, ceiling, 1, field), field);
    }

    /** {@code opaque field<floor..ceiling>} with a two-byte length. */
    public byte[] opaque16(int floor, int ceiling, String field) throws TlsAlertException {
        return bytes(vectorLength(2, floor, ceiling, 1, field), field);
    }

    /** {@code opaque field<floor..ceiling>} with a three-byte length. */
    public byte[] opaque24(int floor, int ceiling, String field) throws TlsAlertException {
        return bytes(vectorLength(3, floor, ceiling, 1, field), field);
    }

    /**
     * A vector of structures: reads the length prefix ({@code lengthBytes} of 1, 2 or 3), checks it
     * against {@code <floor..ceiling>} and {@code elementSize}, and returns a reader over exactly the
     * vector's contents.
     */
    public TlsReader vector(int lengthBytes, int floor, int ceiling, int elementSize, String field)
            throws TlsAlertException {
        int length = vectorLength(lengthBytes, floor, ceiling, elementSize, field);
        require(length, field);
        TlsReader contents = new TlsReader(buffer, position, position + length);
        position += length;
        return contents;
    }

    private int vectorLength(int lengthBytes, int floor, int ceiling, int elementSize, String field)
            throws TlsAlertException {
        int length = switch (lengthBytes) {
            case 1 -> u8(field + " length");
            case 2 -> u16(field + " length");
            case 3 -> u24(field + " length");
            default -> throw new IllegalArgumentException("length prefix of " + lengthBytes + " bytes");
        };
        if (length < floor || length > ceiling) {
            throw decodeError(field + ": length " + length + " outside <" + floor + ".." + ceiling + ">");
        }
        if (length % elementSize != 0) {
            throw decodeError(field + ": length " + length + " is not a multiple of " + elementSize);
        }
        if (length > limit - position) {
            throw decodeError(field + ": length " + length + " but only " + (limit - position) + " bytes follow");
        }
        return length;
    }

    /** The rest of the input, copied. */
    public byte[] rest() {
        byte[] value = Arrays.copyOfRange(buffer, position, limit);
        position = limit;
        return value;
    }

    /** Fails with decode_error if anything is left: a structure must use its bytes exactly. */
    public void expectEnd(String structure) throws TlsAlertException {
        if (position != limit) {
            throw decodeError(structure + ": " + (limit - position) + " unexpected trailing bytes");
        }
    }

    private static TlsAlertException decodeError(String reason) {
        return TlsAlertException.local(AlertDescription.DECODE_ERROR, reason);
    }
}
