package org.jtls.api;

import java.util.List;
import org.jtls.record.AlertLevel;

/**
 * What an {@link SslSocket} reports: Qt's {@code QAbstractSocket} and {@code QSslSocket} signals as
 * methods that do nothing unless overridden.
 *
 * <p>A blocking socket calls its listeners synchronously, on the thread that is inside one of its
 * methods at that moment: {@code waitFor...}, {@code flush}, {@code disconnectFromHost},
 * {@code close}, {@code connectToHost...}, or {@code abort} (which may come from another thread).
 * An event-driven socket ({@link SslEventLoop}) calls them on its loop thread. Either way a listener
 * may call the socket's non-blocking methods (read, write, {@link SslSocket#ignoreSslErrors()}),
 * but never a {@code waitFor...} method. An exception thrown by a listener aborts the connection;
 * it propagates to the caller of the socket method (blocking) or to the loop thread's
 * uncaught-exception handler (event-driven).
 */
public interface SslSocketListener {
    /** The host name was resolved. */
    default void hostFound() {
    }

    /** The TCP connection is established. */
    default void connected() {
    }

    /** The connection is closed; buffered received data can still be read. */
    default void disconnected() {
    }

    default void stateChanged(SslSocket.SocketState state) {
    }

    /** Something failed; {@link SslSocket#errorString()} says what. */
    default void errorOccurred(SslSocket.SocketError error) {
    }

    /** New data can be read. */
    default void readyRead() {
    }

    /** {@code bytes} of application data (plaintext) were handed to the network. */
    default void bytesWritten(long bytes) {
    }

    /** The handshake completed; the connection is encrypted. */
    default void encrypted() {
    }

    /** {@code bytes} of TLS records were written to the network. */
    default void encryptedBytesWritten(long bytes) {
    }

    default void modeChanged(SslSocket.SslMode mode) {
    }

    /**
     * One problem with the peer's certificates, reported while the handshake runs, before
     * {@link #sslErrors}. Calling {@link SslSocket#ignoreSslErrors()} here has no effect in Qt's
     * order of things; do it in {@link #sslErrors}.
     */
    default void peerVerifyError(SslError error) {
    }

    /**
     * The problems with the peer's certificates. In {@link PeerVerifyMode#VERIFY_PEER} the handshake
     * ends after this returns, unless this method called {@link SslSocket#ignoreSslErrors()} (or
     * ignored exactly these errors with {@link SslSocket#ignoreSslErrors(java.util.Collection)}).
     */
    default void sslErrors(List<SslError> errors) {
    }

    /**
     * Qt 6: with {@link SslConfiguration#handshakeMustInterruptOnError()} set, a certificate problem
     * pauses the handshake and this is called (instead of {@link #sslErrors}) with the first problem.
     * Call {@link SslSocket#continueInterruptedHandshake()} here to go on; otherwise the handshake
     * fails when this returns.
     */
    default void handshakeInterruptedOnError(SslError error) {
    }

    /** We sent an alert ({@code alertCode} as on the wire, {@code description} its RFC name). */
    default void alertSent(AlertLevel level, int alertCode, String description) {
    }

    /** The peer sent an alert. */
    default void alertReceived(AlertLevel level, int alertCode, String description) {
    }

    /** Client: a TLS 1.3 session ticket arrived; {@link SslSocket#sslConfiguration()} now carries it. */
    default void newSessionTicketReceived() {
    }

    /**
     * TLS 1.3 external pre-shared-key authentication (Qt's {@code preSharedKeyAuthenticationRequired}).
     * A client socket calls this once before its handshake starts: set identity and key on
     * {@code authenticator} to offer a PSK, or leave them empty for an ordinary certificate handshake.
     * A server socket calls it, while reading the ClientHello, for each identity the client offers
     * ({@link SslPreSharedKeyAuthenticator#identity()} is set): set the key to accept that identity.
     * A server asks only listeners that override this method; a server with such a listener may have
     * no certificate (then TLS 1.3 only). See {@link SslPreSharedKeyAuthenticator}.
     */
    default void preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator authenticator) {
    }
}
