package org.jtls.handshake.tls13;

import java.util.List;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.Session;
import org.jtls.handshake.TicketKeys;
import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.message.NewSessionTicketTls13;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.tls12.client.Tls12Client;
import org.jtls.record.TlsException;

/** TLS 1.3 session tickets (RFC 8446 §4.6.1): issued by a server, kept by a client. */
public final class Tls13Tickets {
    /** RFC 8446 §4.6.1: servers MUST NOT use a lifetime over seven days. */
    private static final long MAX_LIFETIME_SECONDS = 7L * 24 * 3600;

    private Tls13Tickets() {
    }

    /**
     * Server: sends {@code count} tickets after the handshake, each standing for the PSK
     * {@code HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)}
     * and carrying that session sealed under the ticket keys.
     */
    public static void issue(HandshakeContext context, int count) throws TlsException {
        TicketKeys keys = context.config().ticketKeys();
        if (keys == null || count <= 0) {
            return;
        }
        long lifetime = Math.min(keys.lifetime().toSeconds(), MAX_LIFETIME_SECONDS);
        for (int i = 0; i < count; i++) {
            byte[] nonce = {(byte) i};
            byte[] ageAddBytes = new byte[4];
            context.config().random().nextBytes(ageAddBytes);
            long ageAdd = ((ageAddBytes[0] & 0xFFL) << 24) | ((ageAddBytes[1] & 0xFFL) << 16)
                    | ((ageAddBytes[2] & 0xFFL) << 8) | (ageAddBytes[3] & 0xFFL);
            byte[] psk = Tls13Support.schedule(context).resumptionPsk(context.resumptionMasterSecret, nonce);
            long maxEarlyData = context.config().maxEarlyDataSize();
            Session session = new Session(ProtocolVersion.TLS_1_3, context.cipherSuite, psk, new byte[0], new byte[0],
                    lifetime, false, context.peerCertificates, context.serverName, context.config().clock().instant(),
                    ageAdd, maxEarlyData);
            byte[] ticket = keys.seal(session.encode());
            Extensions extensions = maxEarlyData > 0
                    ? Extensions.of(new org.jtls.handshake.message.extension.EarlyDataMaxSize(maxEarlyData))
                    : Extensions.empty();
            context.sendPostHandshake(new NewSessionTicketTls13(lifetime, ageAdd, Opaque.of(nonce), Opaque.of(ticket),
                    extensions));
        }
        context.records().flushHandshake();
    }

    /**
     * Client: keeps a ticket as a resumable session and reports it. A lifetime of zero means the
     * server wants the ticket discarded at once (RFC 8446 §4.6.1), so it is not kept.
     */
    static void received(HandshakeContext context, NewSessionTicketTls13 ticket) {
        if (ticket.ticketLifetime() == 0) {
            return;
        }
        byte[] psk = Tls13Support.schedule(context).resumptionPsk(context.resumptionMasterSecret,
                ticket.ticketNonce().toByteArray());
        Session session = new Session(ProtocolVersion.TLS_1_3, context.cipherSuite, psk, new byte[0],
                ticket.ticket().toByteArray(), Math.min(ticket.ticketLifetime(), MAX_LIFETIME_SECONDS), false,
                List.copyOf(context.peerCertificates), context.serverName, context.config().clock().instant(),
                ticket.ticketAgeAdd(), ticket.extensions()
                        .find(org.jtls.handshake.message.extension.EarlyDataMaxSize.class)
                        .map(org.jtls.handshake.message.extension.EarlyDataMaxSize::maxEarlyDataSize).orElse(0L));
        context.establishedSession = session;
        if (context.config().sessionCache() != null && context.serverName != null) {
            context.config().sessionCache().put(Tls12Client.sessionCacheKey(context), session);
        }
        context.event(new TlsEvent.SessionTicketReceived(ticket.ticketLifetime()));
    }
}
