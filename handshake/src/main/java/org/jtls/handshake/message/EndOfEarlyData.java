package org.jtls.handshake.message;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** EndOfEarlyData (RFC 8446 §4.5): the TLS 1.3 client's last 0-RTT message. Empty body. */
public record EndOfEarlyData() implements HandshakeBody {
    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty body
    }

    /** @throws TlsAlertException decode_error if the body is not empty */
    public static EndOfEarlyData decode(TlsReader body) throws TlsAlertException {
        body.expectEnd("EndOfEarlyData");
        return new EndOfEarlyData();
    }

    @Override
    public String toString() {
        return "EndOfEarlyData{}";
    }
}
