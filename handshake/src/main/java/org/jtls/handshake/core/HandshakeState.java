package org.jtls.handshake.core;

import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * One step of a handshake: the message it expects, checked and acted on, returning the next step.
 * Any message a state does not expect is an unexpected_message (RFC 5246 §7.4, RFC 8446 §4).
 */
public interface HandshakeState {
    /** A short name for messages: the state's class name says what it expects. */
    default String name() {
        return getClass().getSimpleName();
    }

    HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException;

    /** A change_cipher_spec record arrived. Only the states before a TLS ≤ 1.2 Finished accept one. */
    default HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec while " + name());
    }

    /** Whether application data may be received now. */
    /**
     * A no_certificate warning arrived (SSL 3.0's answer to CertificateRequest from a client without
     * a certificate, RFC 6101 §5.4.2); every other state ignores it like any warning.
     */
    default HandshakeState handleNoCertificate(HandshakeContext context) throws TlsException {
        return this;
    }

    default boolean acceptsApplicationData() {
        return false;
    }

    /** Whether the handshake is over (the connection carries application data). */
    default boolean isConnected() {
        return false;
    }

    static TlsAlertException unexpected(HandshakeState state, HandshakeMessage message) {
        return TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                "handshake message of type " + message.type() + " while " + state.name());
    }
}
