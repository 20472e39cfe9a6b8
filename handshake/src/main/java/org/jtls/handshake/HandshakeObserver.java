package org.jtls.handshake;

import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;

/**
 * Sees every handshake message, change_cipher_spec and alert of a connection, in both directions,
 * exactly as sent or received (DESIGN.md: the observer seam). It drives tracing and key logging and
 * lets tests assert on the conversation. The engine's logic never depends on it.
 */
public interface HandshakeObserver {
    default void messageSent(HandshakeMessage message) {
    }

    default void messageReceived(HandshakeMessage message) {
    }

    default void changeCipherSpec(boolean sent) {
    }

    /** An alert sent or received; {@code description} is the wire code. */
    default void alert(boolean sent, AlertLevel level, int description) {
    }
}
