package org.jtls.handshake.message;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** HelloRequest (RFC 5246 §7.4.1.1): a TLS ≤ 1.2 server asks the client to renegotiate. Empty body. */
public record HelloRequest() implements HandshakeBody {
    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty body
    }

    /** @throws TlsAlertException decode_error if the body is not empty */
    public static HelloRequest decode(TlsReader body) throws TlsAlertException {
        body.expectEnd("HelloRequest");
        return new HelloRequest();
    }

    @Override
    public String toString() {
        return "HelloRequest{}";
    }
}
