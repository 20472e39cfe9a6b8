package org.jtls.record;

import java.util.Arrays;

/**
 * One reassembled handshake message exactly as it travelled: {@code msg_type (1) || length (3) ||
 * body}. The encoded form is what enters the transcript hash.
 */
public final class HandshakeMessage {
    /** msg_type and the 24-bit length. */
    public static final int HEADER_LENGTH = 4;

    private final byte[] encoded;

    private HandshakeMessage(byte[] encoded) {
        this.encoded = encoded;
    }

    /** Wraps an encoded message whose header has already been checked against its length. */
    static HandshakeMessage ofEncoded(byte[] encoded) {
        return new HandshakeMessage(encoded);
    }

    /** Builds a message from its type and body. */
    public static HandshakeMessage of(int type, byte[] body) {
        if (type < 0 || type > 0xFF || body.length > 0xFFFFFF) {
            throw new IllegalArgumentException("handshake type " + type + " or body length " + body.length);
        }
        byte[] encoded = new byte[HEADER_LENGTH + body.length];
        encoded[0] = (byte) type;
        encoded[1] = (byte) (body.length >>> 16);
        encoded[2] = (byte) (body.length >>> 8);
        encoded[3] = (byte) body.length;
        System.arraycopy(body, 0, encoded, HEADER_LENGTH, body.length);
        return new HandshakeMessage(encoded);
    }

    public int type() {
        return encoded[0] & 0xFF;
    }

    public int bodyLength() {
        return encoded.length - HEADER_LENGTH;
    }

    public byte[] body() {
        return Arrays.copyOfRange(encoded, HEADER_LENGTH, encoded.length);
    }

    /** Header and body, as on the wire. */
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandshakeMessage that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "HandshakeMessage[type=" + type() + ", " + bodyLength() + " bytes]";
    }
}
