package org.jtls.handshake.message.extension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * application_layer_protocol_negotiation in a ClientHello (RFC 7301 §3.1):
 * {@code ProtocolName protocol_name_list<2..2^16-1>}, each {@code opaque ProtocolName<1..2^8-1>},
 * in preference order.
 */
public record AlpnOffer(List<Opaque> protocolNames) implements Extension {
    public AlpnOffer {
        protocolNames = Checks.opaqueList(protocolNames, 1, 1, 0xFF, 2, 0xFFFF, "protocol_name_list");
    }

    /** From names such as {@code "h2"} and {@code "http/1.1"} (their UTF-8 bytes). */
    public static AlpnOffer of(List<String> names) {
        List<Opaque> encoded = new ArrayList<>();
        for (String name : names) {
            encoded.add(Opaque.of(name.getBytes(StandardCharsets.UTF_8)));
        }
        return new AlpnOffer(encoded);
    }

    @Override
    public int typeCode() {
        return ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 1, protocolNames);
    }

    public static AlpnOffer decode(TlsReader data) throws TlsAlertException {
        List<Opaque> names = Vectors.readOpaqueList(data, 2, 2, 0xFFFF, 1, 1, 0xFF, "protocol_name_list");
        data.expectEnd("application_layer_protocol_negotiation");
        return new AlpnOffer(names);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Opaque name : protocolNames) {
            names.add(AlpnSelection.readable(name));
        }
        return "application_layer_protocol_negotiation{" + names + "}";
    }
}
