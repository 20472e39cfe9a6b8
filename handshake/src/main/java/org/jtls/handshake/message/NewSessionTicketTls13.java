package org.jtls.handshake.message;

import java.util.Objects;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * NewSessionTicket in TLS 1.3 (RFC 8446 §4.6.1):
 * <pre>
 * uint32 ticket_lifetime;                 seconds; servers send at most 604800 (7 days)
 * uint32 ticket_age_add;
 * opaque ticket_nonce&lt;0..255&gt;;
 * opaque ticket&lt;1..2^16-1&gt;;
 * Extension extensions&lt;0..2^16-2&gt;;       early_data with max_early_data_size
 * </pre>
 */
public record NewSessionTicketTls13(long ticketLifetime, long ticketAgeAdd, Opaque ticketNonce, Opaque ticket,
        Extensions extensions) implements HandshakeBody {
    /** RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)." */
    public static final long MAX_TICKET_LIFETIME = 604800;

    public NewSessionTicketTls13 {
        Checks.u32(ticketLifetime, "ticket_lifetime");
        Checks.u32(ticketAgeAdd, "ticket_age_add");
        Checks.length(ticketNonce, 0, 0xFF, "ticket_nonce");
        Checks.length(ticket, 1, 0xFFFF, "ticket");
        Objects.requireNonNull(extensions, "extensions");
        if (extensions.encodedLength() - 2 > ExtensionContext.NEW_SESSION_TICKET.blockCeiling()) {
            throw new IllegalArgumentException("NewSessionTicket extensions exceed 2^16-2 bytes");
        }
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u32(ticketLifetime);
        writer.u32(ticketAgeAdd);
        Vectors.writeOpaque(writer, 1, ticketNonce);
        Vectors.writeOpaque(writer, 2, ticket);
        extensions.encode(writer);
    }

    public static NewSessionTicketTls13 decode(TlsReader body) throws TlsAlertException {
        long lifetime = body.u32("ticket_lifetime");
        long ageAdd = body.u32("ticket_age_add");
        Opaque nonce = Vectors.readOpaque(body, 1, 0, 0xFF, "ticket_nonce");
        Opaque ticket = Vectors.readOpaque(body, 2, 1, 0xFFFF, "ticket");
        Extensions extensions = Extensions.decode(body, ExtensionContext.NEW_SESSION_TICKET);
        body.expectEnd("NewSessionTicket");
        return new NewSessionTicketTls13(lifetime, ageAdd, nonce, ticket, extensions);
    }

    @Override
    public String toString() {
        return "NewSessionTicket{ticket_lifetime=" + ticketLifetime + ", ticket_age_add=" + ticketAgeAdd
                + ", ticket_nonce=" + ticketNonce + ", ticket=" + ticket + ", extensions=" + extensions + "}";
    }
}
