package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * {@code struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity}
 * (RFC 8446 §4.2.11). For a ticket the identity is the ticket and the age is the ticket age in
 * milliseconds plus ticket_age_add, modulo 2^32; for an external PSK the age is 0.
 */
public record PskIdentity(Opaque identity, long obfuscatedTicketAge) {
    public PskIdentity {
        Checks.length(identity, 1, 0xFFFF, "identity");
        Checks.u32(obfuscatedTicketAge, "obfuscated_ticket_age");
    }

    int encodedLength() {
        return 2 + identity.length() + 4;
    }

    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 2, identity);
        writer.u32(obfuscatedTicketAge);
    }

    public static PskIdentity decode(TlsReader reader) throws TlsAlertException {
        Opaque identity = Vectors.readOpaque(reader, 2, 1, 0xFFFF, "identity");
        return new PskIdentity(identity, reader.u32("obfuscated_ticket_age"));
    }

    @Override
    public String toString() {
        return "{identity=" + identity + ", obfuscated_ticket_age=" + obfuscatedTicketAge + "}";
    }
}
