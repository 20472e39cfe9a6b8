package org.jtls.handshake.tls12;

import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsException;

/**
 * A TLS ≤ 1.2 connection after its handshake: application data flows. A HelloRequest (to a client)
 * or a ClientHello (to a server) asks for renegotiation, which this engine declines with a
 * no_renegotiation warning (RFC 5246 §7.2.2, RFC 5746 §4.2/§4.4); any other handshake message is
 * unexpected.
 */
public final class Tls12Connected implements HandshakeState {
    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        boolean renegotiationRequest = switch (context.role()) {
            case CLIENT -> message.type() == HandshakeType.HELLO_REQUEST.code() && message.bodyLength() == 0;
            case SERVER -> message.type() == HandshakeType.CLIENT_HELLO.code();
        };
        if (!renegotiationRequest) {
            throw HandshakeState.unexpected(this, message);
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
