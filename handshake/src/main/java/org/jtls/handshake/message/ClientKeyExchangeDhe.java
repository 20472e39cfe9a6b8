package org.jtls.handshake.message;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ClientKeyExchange for DHE (RFC 5246 §7.4.7.2): the client's public value, {@code opaque
 * dh_Yc<1..2^16-1>}. Only the explicit encoding exists here: jtls has no fixed-DH client
 * certificates, whose implicit form is empty.
 */
public record ClientKeyExchangeDhe(Opaque dhYc) implements ClientKeyExchange {
    public ClientKeyExchangeDhe {
        Checks.length(dhYc, 1, 0xFFFF, "dh_Yc");
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 2, dhYc);
    }

    public static ClientKeyExchangeDhe decode(TlsReader body) throws TlsAlertException {
        Opaque dhYc = Vectors.readOpaque(body, 2, 1, 0xFFFF, "dh_Yc");
        body.expectEnd("ClientKeyExchange");
        return new ClientKeyExchangeDhe(dhYc);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange{DHE, dh_Yc=" + dhYc + "}";
    }
}
