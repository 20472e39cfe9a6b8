package org.jtls.handshake;

import org.jtls.record.HandshakeMessage;

/**
 * Replaces outgoing handshake messages before they are sent (DESIGN.md: the interceptor seam): how
 * tests and researchers send a malformed Finished or an out-of-order message through the real
 * engine. Off by default and never set by the API's defaults. The replaced message is what the
 * peer sees and what enters our own transcript; a client checks the server's answer against a
 * replaced (well-formed) initial ClientHello rather than the one it built.
 */
@FunctionalInterface
public interface HandshakeInterceptor {
    HandshakeMessage outgoing(HandshakeMessage message);
}
