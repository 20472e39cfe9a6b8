package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/** Known-answer helpers: a complete handshake message (header and body) in, a checked value out. */
final class Framed {
    private Framed() {
    }

    /**
     * Splits {@code message} into its header and body with the codec, checks the type, decodes the
     * body and checks that the value encodes back to exactly {@code message}.
     */
    @SuppressWarnings("unchecked")
    static <T extends HandshakeBody> T decode(byte[] message, HandshakeType type, BodyDecoder decoder)
            throws TlsAlertException {
        TlsReader reader = TlsReader.of(message);
        int msgType = reader.u8("msg_type");
        byte[] body = reader.opaque24(0, 0xFFFFFF, "body");
        reader.expectEnd("handshake message");
        assertEquals(type.code(), msgType, "msg_type");

        HandshakeMessage framed = HandshakeMessage.of(msgType, body);
        HandshakeBody decoded = decoder.decode(type.bodyOf(framed));
        assertEquals(type, decoded.handshakeType());
        assertArrayEquals(message, decoded.toHandshakeMessage().encoded(), "re-encoding " + type.rfcName());
        return (T) decoded;
    }
}
