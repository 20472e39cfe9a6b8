package org.jtls.api;

import java.util.List;
import org.jtls.record.AlertLevel;

/**
 * What an {@link SslServer} reports: Qt's {@code QTcpServer} and {@code QSslServer} signals as
 * methods that do nothing unless overridden. All run on the server's event-loop thread and must not
 * block. The per-connection methods name the socket; they are called only while its handshake runs
 * (afterwards the socket is the application's, with its own {@link SslSocketListener}s).
 */
public interface SslServerListener {
    /** A connection completed its handshake and waits in {@link SslServer#nextPendingConnection()}. */
    default void pendingConnectionAvailable() {
    }

    /** Qt's {@code newConnection}: emitted together with {@link #pendingConnectionAvailable()}. */
    default void newConnection() {
    }

    /** Accepting a TCP connection failed; {@link SslServer#errorString()} says why. */
    default void acceptError(SslSocket.SocketError error) {
    }

    /** A TCP connection was accepted and its TLS handshake starts now. */
    default void startedEncryptionHandshake(SslSocket socket) {
    }

    /** As {@link SslSocketListener#sslErrors}: call {@code socket.ignoreSslErrors()} here to go on. */
    default void sslErrors(SslSocket socket, List<SslError> errors) {
    }

    default void peerVerifyError(SslSocket socket, SslError error) {
    }

    /**
     * The connection failed before it was handed out (handshake failure, the peer went away, or
     * {@link SslSocket.SocketError#SOCKET_TIMEOUT_ERROR} when {@link SslServer#handshakeTimeout()}
     * passed); the server has dropped it.
     */
    default void errorOccurred(SslSocket socket, SslSocket.SocketError error) {
    }

    default void alertSent(SslSocket socket, AlertLevel level, int alertCode, String description) {
    }

    default void alertReceived(SslSocket socket, AlertLevel level, int alertCode, String description) {
    }

    /**
     * As {@link SslSocketListener#handshakeInterruptedOnError}: call
     * {@code socket.continueInterruptedHandshake()} here to go on.
     */
    default void handshakeInterruptedOnError(SslSocket socket, SslError error) {
    }

    /**
     * TLS 1.3 external PSK: set the key for the identity the client offers (see
     * {@link SslSocketListener#preSharedKeyAuthenticationRequired}). Only listeners that override
     * this are asked.
     */
    default void preSharedKeyAuthenticationRequired(SslSocket socket, SslPreSharedKeyAuthenticator authenticator) {
    }
}
