package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * cookie (RFC 8446 §4.2.2): {@code opaque cookie<1..2^16-1>}, sent by the server in a
 * HelloRetryRequest and echoed in the client's second ClientHello.
 */
public record Cookie(Opaque cookie) implements Extension {
    public Cookie {
        Checks.length(cookie, 1, 0xFFFF, "cookie");
    }

    @Override
    public int typeCode() {
        return ExtensionType.COOKIE.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 2, cookie);
    }

    public static Cookie decode(TlsReader data) throws TlsAlertException {
        Opaque cookie = Vectors.readOpaque(data, 2, 1, 0xFFFF, "cookie");
        data.expectEnd(ExtensionType.COOKIE.rfcName());
        return new Cookie(cookie);
    }

    @Override
    public String toString() {
        return ExtensionType.COOKIE.rfcName() + "{cookie=" + cookie + "}";
    }
}
