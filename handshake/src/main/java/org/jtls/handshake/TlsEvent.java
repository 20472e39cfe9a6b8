package org.jtls.handshake;

import org.jtls.record.AlertDescription;
import org.jtls.record.ReceivedAlert;

/** What an engine reports as it works; read them with {@link TlsEngine#pollEvent()}. */
public sealed interface TlsEvent {
    /** The handshake finished; application data may flow. */
    record HandshakeCompleted(SessionInfo session) implements TlsEvent {
    }

    /** We sent an alert (fatal alerts end the connection). */
    record AlertSent(AlertDescription description, boolean fatal) implements TlsEvent {
    }

    /** The peer sent an alert. */
    record AlertReceived(ReceivedAlert alert) implements TlsEvent {
    }

    /** The server sent a session ticket (RFC 5077 or TLS 1.3) valid for {@code lifetimeSeconds} (0: unspecified). */
    record SessionTicketReceived(long lifetimeSeconds) implements TlsEvent {
    }

    /** TLS 1.3 post-handshake authentication finished; the peer's chain is now {@code chain}. */
    record PeerCertificateUpdated(java.util.List<byte[]> chain) implements TlsEvent {
        public PeerCertificateUpdated {
            chain = chain.stream().map(byte[]::clone).toList();
        }
    }

    /** The server's answer to our 0-RTT data; when rejected, the data must be sent again. */
    record EarlyDataAnswered(boolean accepted) implements TlsEvent {
    }

    /** Application data is ready to read. */
    record ApplicationDataAvailable(int bytes) implements TlsEvent {
    }

    /**
     * The inbound direction ended: {@code cleanly} after the peer's close_notify, otherwise by a fatal
     * alert or by the transport ending without close_notify ({@code truncated}).
     */
    record InboundClosed(boolean cleanly, boolean truncated) implements TlsEvent {
    }
}
