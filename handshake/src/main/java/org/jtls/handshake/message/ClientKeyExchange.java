package org.jtls.handshake.message;

import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * ClientKeyExchange in SSL 3.0 through TLS 1.2 (RFC 5246 §7.4.7, RFC 8422 §5.7): the client's half
 * of the key exchange, whose layout depends on the negotiated key exchange, so decoding takes it.
 */
public sealed interface ClientKeyExchange extends HandshakeBody
        permits ClientKeyExchangeRsa, ClientKeyExchangeDhe, ClientKeyExchangeEcdhe {

    @Override
    default HandshakeType handshakeType() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    /**
     * Reads a ClientKeyExchange body for the negotiated {@code keyExchange} and {@code version}.
     *
     * @throws IllegalArgumentException for TLS 1.3 (no ClientKeyExchange)
     */
    static ClientKeyExchange decode(TlsReader body, CipherSuite.KeyExchange keyExchange, ProtocolVersion version)
            throws TlsAlertException {
        Versions.requireBeforeTls13(version, "ClientKeyExchange");
        return switch (keyExchange) {
            case RSA -> ClientKeyExchangeRsa.decode(body, version);
            case DHE -> ClientKeyExchangeDhe.decode(body);
            case ECDHE -> ClientKeyExchangeEcdhe.decode(body);
            case ANY -> throw new IllegalArgumentException("TLS 1.3 suites have no ClientKeyExchange");
        };
    }
}
