package org.jtls.handshake.message.extension;

import java.util.Optional;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * {@code struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry} (RFC 8446
 * §4.2.8). The group is kept as its code, so a GREASE or unknown share survives a round trip.
 */
public record KeyShareEntry(int groupCode, Opaque keyExchange) {
    public KeyShareEntry {
        Checks.range(groupCode, 0, 0xFFFF, "group");
        Checks.length(keyExchange, 1, 0xFFFF, "key_exchange");
    }

    public static KeyShareEntry of(NamedGroup group, Opaque keyExchange) {
        return new KeyShareEntry(group.code(), keyExchange);
    }

    public Optional<NamedGroup> group() {
        return NamedGroup.fromCode(groupCode);
    }

    /** The bytes this entry occupies on the wire. */
    int encodedLength() {
        return 4 + keyExchange.length();
    }

    public void encode(TlsWriter writer) {
        writer.u16(groupCode);
        Vectors.writeOpaque(writer, 2, keyExchange);
    }

    public static KeyShareEntry decode(TlsReader reader) throws TlsAlertException {
        int group = reader.u16("group");
        return new KeyShareEntry(group, Vectors.readOpaque(reader, 2, 1, 0xFFFF, "key_exchange"));
    }

    @Override
    public String toString() {
        return CodeNames.namedGroup(groupCode) + ": " + keyExchange;
    }
}
