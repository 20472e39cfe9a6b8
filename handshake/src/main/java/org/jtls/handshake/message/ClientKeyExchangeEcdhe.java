package org.jtls.handshake.message;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's ephemeral public key, {@code ECPoint
 * ecdh_Yc} with {@code opaque point<1..2^8-1>} (explicit encoding; the implicit one belonged to the
 * fixed-ECDH client certificates RFC 8422 removed).
 */
public record ClientKeyExchangeEcdhe(Opaque ecdhYc) implements ClientKeyExchange {
    public ClientKeyExchangeEcdhe {
        Checks.length(ecdhYc, 1, 0xFF, "ecdh_Yc");
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 1, ecdhYc);
    }

    public static ClientKeyExchangeEcdhe decode(TlsReader body) throws TlsAlertException {
        Opaque ecdhYc = Vectors.readOpaque(body, 1, 1, 0xFF, "ecdh_Yc");
        body.expectEnd("ClientKeyExchange");
        return new ClientKeyExchangeEcdhe(ecdhYc);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange{ECDHE, ecdh_Yc=" + ecdhYc + "}";
    }
}
