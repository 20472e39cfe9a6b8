package org.jtls.handshake.message;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** ServerHelloDone (RFC 5246 §7.4.5): the end of a TLS ≤ 1.2 server's first flight. Empty body. */
public record ServerHelloDone() implements HandshakeBody {
    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty body
    }

    /** @throws TlsAlertException decode_error if the body is not empty */
    public static ServerHelloDone decode(TlsReader body) throws TlsAlertException {
        body.expectEnd("ServerHelloDone");
        return new ServerHelloDone();
    }

    @Override
    public String toString() {
        return "ServerHelloDone{}";
    }
}
