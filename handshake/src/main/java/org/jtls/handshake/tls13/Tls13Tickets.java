package org.jtls.handshake.tls13;

import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.message.NewSessionTicketTls13;

/** TLS 1.3 session tickets (RFC 8446 §4.6.1) as the client receives them. */
final class Tls13Tickets {
    private Tls13Tickets() {
    }

    /**
     * Records a ticket with the PSK it stands for, {@code HKDF-Expand-Label(resumption_master_secret,
     * "resumption", ticket_nonce, Hash.length)}, and reports it. A lifetime of zero means the server
     * wants the ticket discarded at once (RFC 8446 §4.6.1), so it is not kept.
     */
    static void received(HandshakeContext context, NewSessionTicketTls13 ticket) {
        if (ticket.ticketLifetime() == 0) {
            return;
        }
        byte[] psk = Tls13Support.schedule(context).resumptionPsk(context.resumptionMasterSecret,
                ticket.ticketNonce().toByteArray());
        context.tls13Tickets.add(new HandshakeContext.Tls13Ticket(ticket.ticket().toByteArray(), psk,
                ticket.ticketLifetime(), ticket.ticketAgeAdd(), context.cipherSuite,
                context.config().clock().instant()));
        context.event(new TlsEvent.SessionTicketReceived(ticket.ticketLifetime()));
    }
}
