package org.jtls.handshake.message;

import java.util.Objects;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ServerKeyExchange for DHE (RFC 5246 §7.4.3):
 * <pre>
 * ServerDHParams: opaque dh_p&lt;1..2^16-1&gt;; opaque dh_g&lt;1..2^16-1&gt;; opaque dh_Ys&lt;1..2^16-1&gt;;
 * digitally-signed signature
 * </pre>
 * The numbers are kept as the big-endian bytes sent, leading zeros included, so the signed bytes
 * are reproduced exactly; checking them (group size, range of Ys) is the key exchange's job.
 */
public record ServerKeyExchangeDhe(Opaque dhP, Opaque dhG, Opaque dhYs, DigitallySigned signature)
        implements ServerKeyExchange {
    public ServerKeyExchangeDhe {
        Checks.length(dhP, 1, 0xFFFF, "dh_p");
        Checks.length(dhG, 1, 0xFFFF, "dh_g");
        Checks.length(dhYs, 1, 0xFFFF, "dh_Ys");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public void encodeParams(TlsWriter writer) {
        Vectors.writeOpaque(writer, 2, dhP);
        Vectors.writeOpaque(writer, 2, dhG);
        Vectors.writeOpaque(writer, 2, dhYs);
    }

    public static ServerKeyExchangeDhe decode(TlsReader body, ProtocolVersion version) throws TlsAlertException {
        Versions.requireBeforeTls13(version, "ServerKeyExchange");
        Opaque p = Vectors.readOpaque(body, 2, 1, 0xFFFF, "dh_p");
        Opaque g = Vectors.readOpaque(body, 2, 1, 0xFFFF, "dh_g");
        Opaque ys = Vectors.readOpaque(body, 2, 1, 0xFFFF, "dh_Ys");
        DigitallySigned signature = DigitallySigned.decode(body, version);
        body.expectEnd("ServerKeyExchange");
        return new ServerKeyExchangeDhe(p, g, ys, signature);
    }

    @Override
    public String toString() {
        return "ServerKeyExchange{DHE, dh_p=" + dhP + ", dh_g=" + dhG + ", dh_Ys=" + dhYs + ", signature=" + signature
                + "}";
    }
}
