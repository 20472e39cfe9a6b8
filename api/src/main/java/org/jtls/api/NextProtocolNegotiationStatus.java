package org.jtls.api;

/** The outcome of ALPN (Qt's {@code QSslConfiguration::NextProtocolNegotiationStatus}). */
public enum NextProtocolNegotiationStatus {
    /** No protocols were offered, or the handshake has not finished. */
    NONE,
    /** Both sides agreed on {@link SslConfiguration#nextNegotiatedProtocol()}. */
    NEGOTIATED,
    /** Protocols were offered but the peer chose none. */
    UNSUPPORTED
}
