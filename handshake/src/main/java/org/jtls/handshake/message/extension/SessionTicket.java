package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * session_ticket (RFC 5077 §3.2): the whole {@code extension_data} is the ticket, without a length
 * of its own. Empty when the client has no ticket but wants one, and in the server's
 * acknowledgement.
 */
public record SessionTicket(Opaque ticket) implements Extension {
    public SessionTicket {
        Checks.length(ticket, 0, 0xFFFF, "ticket");
    }

    public static SessionTicket empty() {
        return new SessionTicket(Opaque.empty());
    }

    @Override
    public int typeCode() {
        return ExtensionType.SESSION_TICKET.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.bytes(ticket.toByteArray());
    }

    public static SessionTicket decode(TlsReader data) {
        return new SessionTicket(Opaque.of(data.rest()));
    }

    @Override
    public String toString() {
        return "session_ticket{" + ticket + "}";
    }
}
