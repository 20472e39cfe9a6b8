package org.jtls.handshake.message;

import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ServerKeyExchange in SSL 3.0 through TLS 1.2 (RFC 5246 §7.4.3, RFC 8422 §5.4): the server's
 * ephemeral key-exchange parameters and its signature over
 * {@code client_random + server_random + params}. Its layout depends on the negotiated key exchange
 * and, for the signature, on the version, so decoding takes both.
 */
public sealed interface ServerKeyExchange extends HandshakeBody permits ServerKeyExchangeEcdhe, ServerKeyExchangeDhe {

    DigitallySigned signature();

    /** Writes the {@code ServerECDHParams} or {@code ServerDHParams}, without the signature. */
    void encodeParams(TlsWriter writer);

    /** The exact parameter bytes the signature covers (after the two randoms). */
    default byte[] encodedParams() {
        TlsWriter writer = new TlsWriter();
        encodeParams(writer);
        return writer.toByteArray();
    }

    /**
     * What the server signs: {@code client_random || server_random || params} (RFC 5246 §7.4.3,
     * RFC 8422 §5.4, and the same content in SSL 3.0 and TLS 1.0/1.1).
     */
    default byte[] signedContent(Opaque clientRandom, Opaque serverRandom) {
        TlsWriter writer = new TlsWriter();
        writer.bytes(clientRandom.toByteArray());
        writer.bytes(serverRandom.toByteArray());
        encodeParams(writer);
        return writer.toByteArray();
    }

    @Override
    default HandshakeType handshakeType() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    default void encode(TlsWriter writer) {
        encodeParams(writer);
        signature().encode(writer);
    }

    /**
     * Reads a ServerKeyExchange body for the negotiated {@code keyExchange} (ECDHE or DHE) and
     * {@code version} (SSL 3.0 to TLS 1.2).
     *
     * @throws IllegalArgumentException if the key exchange has no ServerKeyExchange (RSA, TLS 1.3)
     *         or the version is TLS 1.3; the state machine must not ask
     */
    static ServerKeyExchange decode(TlsReader body, CipherSuite.KeyExchange keyExchange, ProtocolVersion version)
            throws TlsAlertException {
        return switch (keyExchange) {
            case ECDHE -> ServerKeyExchangeEcdhe.decode(body, version);
            case DHE -> ServerKeyExchangeDhe.decode(body, version);
            case RSA, ANY -> throw new IllegalArgumentException("no ServerKeyExchange for key exchange " + keyExchange);
        };
    }
}
