package org.jtls.handshake.message.extension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * application_layer_protocol_negotiation in a TLS ≤ 1.2 ServerHello or TLS 1.3 EncryptedExtensions:
 * the list form of the ClientHello, which RFC 7301 §3.1 says "MUST contain exactly one
 * ProtocolName" here. A list of any other length does not fit this form: decode_error.
 */
public record AlpnSelection(Opaque protocolName) implements Extension {
    public AlpnSelection {
        Checks.length(protocolName, 1, 0xFF, "ProtocolName");
    }

    public static AlpnSelection of(String name) {
        return new AlpnSelection(Opaque.of(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int typeCode() {
        return ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 1, List.of(protocolName));
    }

    public static AlpnSelection decode(TlsReader data) throws TlsAlertException {
        TlsReader list = data.vector(2, 2, 0xFFFF, 1, "protocol_name_list");
        Opaque name = Vectors.readOpaque(list, 1, 1, 0xFF, "ProtocolName");
        list.expectEnd("protocol_name_list with exactly one ProtocolName");
        data.expectEnd("application_layer_protocol_negotiation");
        return new AlpnSelection(name);
    }

    /** A protocol name as text when it is printable ASCII, else as hex. */
    static String readable(Opaque name) {
        byte[] bytes = name.toByteArray();
        for (byte value : bytes) {
            if (value < 0x20 || value > 0x7E) {
                return "0x" + name.toHex();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "application_layer_protocol_negotiation{selected=" + readable(protocolName) + "}";
    }
}
