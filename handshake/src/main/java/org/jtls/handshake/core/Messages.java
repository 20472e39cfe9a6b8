package org.jtls.handshake.core;

import java.util.function.Consumer;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** Decoding a received handshake message's body, all of it and nothing more. */
public final class Messages {
    private Messages() {
    }

    /** A decoder that reads one message body. */
    @FunctionalInterface
    public interface BodyDecoder<T> {
        T decode(TlsReader body) throws TlsAlertException;
    }

    /** Decodes {@code message}'s body; trailing bytes are a decode_error. */
    public static <T> T decode(HandshakeMessage message, BodyDecoder<T> decoder) throws TlsAlertException {
        TlsReader body = TlsReader.of(message.body());
        T value = decoder.decode(body);
        body.expectEnd("handshake message of type " + message.type());
        return value;
    }

    /** The bytes an encoder writes (e.g. the server parameters a ServerKeyExchange signs). */
    public static byte[] encode(Consumer<TlsWriter> encoder) {
        TlsWriter writer = new TlsWriter();
        encoder.accept(writer);
        return writer.toByteArray();
    }
}
