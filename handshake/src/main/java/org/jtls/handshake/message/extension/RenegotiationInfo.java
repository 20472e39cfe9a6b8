package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * renegotiation_info (RFC 5746 §3.2): {@code opaque renegotiated_connection<0..255>}; empty on an
 * initial handshake; on a renegotiation the previous handshake's client_verify_data from the
 * client, and client_verify_data followed by server_verify_data from the server.
 */
public record RenegotiationInfo(Opaque renegotiatedConnection) implements Extension {
    public RenegotiationInfo {
        Checks.length(renegotiatedConnection, 0, 0xFF, "renegotiated_connection");
    }

    @Override
    public int typeCode() {
        return ExtensionType.RENEGOTIATION_INFO.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 1, renegotiatedConnection);
    }

    public static RenegotiationInfo decode(TlsReader data) throws TlsAlertException {
        Opaque renegotiatedConnection = Vectors.readOpaque(data, 1, 0, 0xFF, "renegotiated_connection");
        data.expectEnd(ExtensionType.RENEGOTIATION_INFO.rfcName());
        return new RenegotiationInfo(renegotiatedConnection);
    }

    @Override
    public String toString() {
        return ExtensionType.RENEGOTIATION_INFO.rfcName() + "{renegotiated_connection=" + renegotiatedConnection + "}";
    }
}
