package org.jtls.handshake.message;

import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ServerKeyExchange for ECDHE (RFC 8422 §5.4):
 * <pre>
 * ServerECDHParams: ECCurveType curve_type = named_curve(3); NamedCurve namedcurve;
 *                   opaque point&lt;1..2^8-1&gt;;
 * digitally-signed  signature
 * </pre>
 * The group is kept as its code so the state machine can reject one it did not offer
 * (illegal_parameter).
 */
public record ServerKeyExchangeEcdhe(int namedGroupCode, Opaque publicPoint, DigitallySigned signature)
        implements ServerKeyExchange {
    /** {@code ECCurveType named_curve}, the only one RFC 8422 §5.4 keeps. */
    public static final int NAMED_CURVE = 3;

    public ServerKeyExchangeEcdhe {
        Checks.range(namedGroupCode, 0, 0xFFFF, "namedcurve");
        Checks.length(publicPoint, 1, 0xFF, "point");
        Objects.requireNonNull(signature, "signature");
    }

    public Optional<NamedGroup> namedGroup() {
        return NamedGroup.fromCode(namedGroupCode);
    }

    @Override
    public void encodeParams(TlsWriter writer) {
        writer.u8(NAMED_CURVE);
        writer.u16(namedGroupCode);
        Vectors.writeOpaque(writer, 1, publicPoint);
    }

    public static ServerKeyExchangeEcdhe decode(TlsReader body, ProtocolVersion version) throws TlsAlertException {
        Versions.requireBeforeTls13(version, "ServerKeyExchange");
        int curveType = body.u8("curve_type");
        if (curveType != NAMED_CURVE) {
            // RFC 8422 §5.4 deprecates explicit_prime(1) and explicit_char2(2); named_curve "is now the
            // only remaining format", so any other value is one we refuse, not merely misparse.
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "ECParameters curve_type " + curveType + " is not named_curve(3)");
        }
        int group = body.u16("namedcurve");
        Opaque point = Vectors.readOpaque(body, 1, 1, 0xFF, "point");
        DigitallySigned signature = DigitallySigned.decode(body, version);
        body.expectEnd("ServerKeyExchange");
        return new ServerKeyExchangeEcdhe(group, point, signature);
    }

    @Override
    public String toString() {
        return "ServerKeyExchange{ECDHE, namedcurve=" + CodeNames.namedGroup(namedGroupCode) + ", point=" + publicPoint
                + ", signature=" + signature + "}";
    }
}
