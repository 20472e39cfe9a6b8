package org.jtls.handshake.message;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * NewSessionTicket in TLS ≤ 1.2 (RFC 5077 §3.3): {@code uint32 ticket_lifetime_hint} (seconds, 0
 * for unspecified) and {@code opaque ticket<0..2^16-1>}; an empty ticket tells the client to drop
 * the one it used. TLS 1.3 has its own form, {@link NewSessionTicketTls13}.
 */
public record NewSessionTicket(long ticketLifetimeHint, Opaque ticket) implements HandshakeBody {
    public NewSessionTicket {
        Checks.u32(ticketLifetimeHint, "ticket_lifetime_hint");
        Checks.length(ticket, 0, 0xFFFF, "ticket");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u32(ticketLifetimeHint);
        Vectors.writeOpaque(writer, 2, ticket);
    }

    public static NewSessionTicket decode(TlsReader body) throws TlsAlertException {
        long lifetimeHint = body.u32("ticket_lifetime_hint");
        Opaque ticket = Vectors.readOpaque(body, 2, 0, 0xFFFF, "ticket");
        body.expectEnd("NewSessionTicket");
        return new NewSessionTicket(lifetimeHint, ticket);
    }

    @Override
    public String toString() {
        return "NewSessionTicket{ticket_lifetime_hint=" + ticketLifetimeHint + ", ticket=" + ticket + "}";
    }
}
