package org.jtls.handshake.tls12;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.tls12.client.Tls12Client;
import org.jtls.handshake.tls12.server.Tls12Server;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * A TLS ≤ 1.2 connection after its handshake: application data flows, and either side may ask for
 * a new handshake — a server with HelloRequest, a client with a ClientHello (RFC 5246 §7.4.1.1).
 * Renegotiation happens only when it is secure (RFC 5746) or insecure renegotiation was explicitly
 * allowed, when the configuration allows the peer to ask, and within the rate limit; otherwise the
 * request is declined with a no_renegotiation warning (RFC 5246 §7.2.2).
 */
public final class Tls12Connected implements HandshakeState {
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        return switch (context.role()) {
            case CLIENT -> {
                if (message.type() != HandshakeType.HELLO_REQUEST.code() || message.bodyLength() != 0) {
                    throw HandshakeState.unexpected(this, message);
                }
                yield renegotiationPermitted(context, context.config().acceptServerRenegotiation())
                        ? startAsClient(context) : decline(context);
            }
            case SERVER -> {
                if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                    throw HandshakeState.unexpected(this, message);
                }
                // A ClientHello answering our own HelloRequest is always welcome (if secure).
                boolean asked = context.helloRequestSent;
                context.helloRequestSent = false;
                yield renegotiationPermitted(context, asked || context.config().allowClientRenegotiation())
                        ? Tls12Server.renegotiate(context, message) : decline(context);
            }
        };
    }

    /** Our own side starts a renegotiation: a client sends ClientHello, a server HelloRequest. */
    public HandshakeState initiate(HandshakeContext context) throws TlsException {
        if (!context.secureRenegotiation && !context.config().allowLegacyRenegotiation()) {
            throw new IllegalStateException("the peer does not support secure renegotiation (RFC 5746), "
                    + "and insecure renegotiation is not allowed");
        }
        if (context.role() == org.jtls.handshake.Role.CLIENT) {
            return startAsClient(context);
        }
        context.helloRequestSent = true;
        context.records().writeHandshake(HandshakeMessage.of(HandshakeType.HELLO_REQUEST.code(), new byte[0]));
        context.records().flushHandshake();
        return this;
    }

    private HandshakeState startAsClient(HandshakeContext context) throws TlsException {
        context.beginRenegotiation();
        return Tls12Client.start(context);
    }

    private boolean renegotiationPermitted(HandshakeContext context, boolean allowedByConfiguration) {
        if (!allowedByConfiguration || context.version == ProtocolVersion.SSL_3_0 && !context.secureRenegotiation) {
            return false;
        }
        if (!context.secureRenegotiation && !context.config().allowLegacyRenegotiation()) {
            return false;
        }
        ArrayDeque<Instant> recentRenegotiations = context.recentRenegotiations;
        Instant now = context.config().clock().instant();
        while (!recentRenegotiations.isEmpty() && recentRenegotiations.peekFirst().plus(RATE_WINDOW).isBefore(now)) {
            recentRenegotiations.removeFirst();
        }
        if (recentRenegotiations.size() >= context.config().maxRenegotiationsPerMinute()) {
            return false;
        }
        recentRenegotiations.addLast(now);
        return true;
    }

    private HandshakeState decline(HandshakeContext context) throws TlsException {
        if (context.version == ProtocolVersion.SSL_3_0) {
            // SSL 3.0 has no no_renegotiation alert; a refusal there ends the connection.
            throw TlsAlertException.local(AlertDescription.HANDSHAKE_FAILURE, "renegotiation refused");
        }
        context.records().writeAlert(AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION);
        return this;
    }

    @Override
    public boolean acceptsApplicationData() {
        return true;
    }

    @Override
    public boolean isConnected() {
        return true;
    }
}
