package org.jtls.api;

/** How a socket treats the peer's certificate (Qt's {@code QSslSocket::PeerVerifyMode}). */
public enum PeerVerifyMode {
    /**
     * The peer's certificate is not checked: a server does not ask the client for one, a client
     * does not verify the server's. The connection is still encrypted; nothing says with whom.
     */
    VERIFY_NONE,
    /**
     * The certificate is requested (a server asks clients for one) and checked; problems are
     * reported through {@link SslSocketListener#peerVerifyError} and
     * {@link SslSocketListener#sslErrors} and {@link SslSocket#sslHandshakeErrors()}, but never end
     * the handshake. Qt computes no errors in this mode; jtls reports them so they can be shown.
     */
    QUERY_PEER,
    /**
     * The certificate must be valid: any problem that is not ignored with
     * {@link SslSocket#ignoreSslErrors()} ends the handshake. A server requires a client certificate.
     */
    VERIFY_PEER,
    /** {@link #QUERY_PEER} for server sockets, {@link #VERIFY_PEER} for client sockets. The default. */
    AUTO_VERIFY_PEER;

    /** The mode in force for a socket in this role. */
    public PeerVerifyMode effective(boolean server) {
        if (this != AUTO_VERIFY_PEER) {
            return this;
        }
        return server ? QUERY_PEER : VERIFY_PEER;
    }
}
