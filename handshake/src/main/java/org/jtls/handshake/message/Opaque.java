package org.jtls.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string: the value of an RFC {@code opaque} field (a random, a session ID, a key
 * share, a certificate). Messages hold these instead of arrays, so they are values: equal when their
 * bytes are equal, and nobody can change them after decoding.
 *
 * <p>{@link #equals} is not constant-time. Compare secrets (Finished verify_data, PSK binders) with
 * {@link org.jtls.crypto.ConstantTime#equals(byte[], byte[])}.
 */
public final class Opaque {
    private static final Opaque EMPTY = new Opaque(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();
    /** {@link #toString()} shows this many bytes in full, then only the length. */
    private static final int SHOWN_BYTES = 32;

    private final byte[] bytes;

    private Opaque(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Opaque of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Opaque(bytes.clone());
    }

    public static Opaque empty() {
        return EMPTY;
    }

    /** {@code length} zero bytes. */
    public static Opaque zeros(int length) {
        return length == 0 ? EMPTY : new Opaque(new byte[length]);
    }

    /** Parses hex digits, ignoring white space: {@code "03 03"} or {@code "0303"}. */
    public static Opaque fromHex(String hex) {
        return of(HEX.parseHex(hex.replaceAll("\\s+", "")));
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}, as an unsigned value 0..255. */
    public int unsignedByteAt(int index) {
        return bytes[index] & 0xFF;
    }

    /** Whether these bytes end with {@code suffix} (used for the downgrade sentinels of RFC 8446 §4.1.3). */
    public boolean endsWith(Opaque suffix) {
        int start = bytes.length - suffix.bytes.length;
        return start >= 0 && Arrays.equals(bytes, start, bytes.length, suffix.bytes, 0, suffix.bytes.length);
    }

    /** Whether every byte is zero (true for the empty string). */
    public boolean isAllZero() {
        for (byte value : bytes) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }

    /** All bytes as lowercase hex, without separators. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Opaque that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Short values in full hex; longer ones as their first bytes and the length. */
    @Override
    public String toString() {
        if (bytes.length <= SHOWN_BYTES) {
            return bytes.length == 0 ? "(empty)" : HEX.formatHex(bytes);
        }
        return HEX.formatHex(bytes, 0, SHOWN_BYTES) + "...(" + bytes.length + " bytes)";
    }
}
