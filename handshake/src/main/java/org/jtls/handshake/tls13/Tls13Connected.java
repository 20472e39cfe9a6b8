package org.jtls.handshake.tls13;

import org.jtls.handshake.Role;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.KeyUpdate;
import org.jtls.handshake.message.NewSessionTicketTls13;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsException;

/**
 * A TLS 1.3 connection after its handshake (RFC 8446 §4.6): application data flows; the server may
 * send NewSessionTicket; either side may send KeyUpdate. Everything else is unexpected_message.
 */
public final class Tls13Connected implements HandshakeState {
    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() == HandshakeType.KEY_UPDATE.code()) {
            KeyUpdate update = Messages.decode(message, KeyUpdate::decode);
            // RFC 8446 §4.6.3: the peer's next records use its next traffic secret.
            updateReadKeys(context);
            if (update.requestUpdate() == KeyUpdate.Request.UPDATE_REQUESTED) {
                sendKeyUpdate(context, false);
            }
            return this;
        }
        if (message.type() == HandshakeType.CERTIFICATE_REQUEST.code() && context.role() == Role.CLIENT
                && context.config().postHandshakeAuthentication()) {
            org.jtls.handshake.tls13.client.Tls13Client.answerPostHandshakeRequest(context, message);
            return this;
        }
        if (message.type() == HandshakeType.CERTIFICATE.code() && context.role() == Role.SERVER
                && context.certificateRequestContext != null) {
            return org.jtls.handshake.tls13.server.Tls13Server.postHandshakeCertificate(context, message, this);
        }
        if (message.type() == HandshakeType.NEW_SESSION_TICKET.code() && context.role() == Role.CLIENT) {
            NewSessionTicketTls13 ticket = Messages.decode(message, NewSessionTicketTls13::decode);
            ticket.extensions().requireAllowedInTls13(ExtensionContext.NEW_SESSION_TICKET);
            Tls13Tickets.received(context, ticket);
            return this;
        }
        throw HandshakeState.unexpected(this, message);
    }

    /** Sends KeyUpdate and switches our write keys (RFC 8446 §4.6.3). */
    public static void sendKeyUpdate(HandshakeContext context, boolean requestPeerUpdate) throws TlsException {
        context.sendPostHandshake(new KeyUpdate(requestPeerUpdate ? KeyUpdate.Request.UPDATE_REQUESTED
                : KeyUpdate.Request.UPDATE_NOT_REQUESTED));
        context.records().flushHandshake();
        boolean client = context.role() == Role.CLIENT;
        byte[] next = Tls13Support.schedule(context).nextTrafficSecret(
                client ? context.clientApplicationTrafficSecret : context.serverApplicationTrafficSecret);
        if (client) {
            context.clientApplicationTrafficSecret = next;
        } else {
            context.serverApplicationTrafficSecret = next;
        }
        Tls13Support.installWrite(context, next);
    }

    private static void updateReadKeys(HandshakeContext context) throws TlsException {
        boolean client = context.role() == Role.CLIENT;
        byte[] next = Tls13Support.schedule(context).nextTrafficSecret(
                client ? context.serverApplicationTrafficSecret : context.clientApplicationTrafficSecret);
        if (client) {
            context.serverApplicationTrafficSecret = next;
        } else {
            context.clientApplicationTrafficSecret = next;
        }
        Tls13Support.installRead(context, next);
    }

    @Override
    public boolean acceptsApplicationData() {
        return true;
    }

    @Override
    public boolean isConnected() {
        return true;
    }
}
