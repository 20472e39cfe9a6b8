package org.jtls.handshake;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.HelloRequest;
import org.jtls.handshake.tls12.client.Tls12Client;
import org.jtls.handshake.tls12.server.Tls12Server;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.ReceivedAlert;
import org.jtls.record.RecordLayer;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * One TLS connection without I/O (DESIGN.md: the sans-I/O core). Bytes from the network go in with
 * {@link #receive} and are acted on by {@link #process}; bytes for the network come out of
 * {@link #drainOutput}; application data goes in with {@link #writeApplicationData} and comes out
 * of {@link #readApplicationData}; what happened is reported as {@link TlsEvent}s.
 *
 * <p>Errors: a rule broken by the peer ends the connection with the RFC's alert, which is queued
 * for sending, and a {@link TlsAlertException} from {@link #process}. Data received before a
 * failure or a close stays readable. Not thread-safe: drive one engine from one thread at a time.
 */
public final class TlsEngine {
    /** Where the connection is. */
    public enum Status { NOT_STARTED, HANDSHAKING, CONNECTED, CLOSED }

    private final Role role;
    private final RecordLayer records;
    private final ArrayDeque<TlsEvent> events = new ArrayDeque<>();
    private final HandshakeContext context;
    private HandshakeState state;
    private Status status = Status.NOT_STARTED;
    private boolean inboundClosed;
    private boolean outboundClosed;
    private TlsAlertException failure;

    private TlsEngine(TlsConfig config, Role role, String serverName) {
        this.role = Objects.requireNonNull(role, "role");
        this.records = new RecordLayer(config.recordSettings());
        this.context = new HandshakeContext(config, role, records, events);
        this.context.serverName = serverName;
    }

    /**
     * A client engine. {@code serverName} is sent as SNI (unless it is an IP literal) and handed to
     * the {@link PeerVerifier}; it may be null.
     */
    public static TlsEngine client(TlsConfig config, String serverName) {
        return new TlsEngine(config, Role.CLIENT, serverName);
    }

    public static TlsEngine server(TlsConfig config) {
        if (config.certificates().isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one certificate and key");
        }
        return new TlsEngine(config, Role.SERVER, null);
    }

    public Role role() {
        return role;
    }

    public Status status() {
        return status;
    }

    /** Starts the handshake: a client queues its ClientHello, a server waits for one. */
    public void beginHandshake() throws TlsException {
        if (status != Status.NOT_STARTED) {
            throw new IllegalStateException("the handshake has already begun");
        }
        status = Status.HANDSHAKING;
        state = role == Role.CLIENT ? Tls12Client.start(context) : Tls12Server.start();
    }

    /** Takes as many network bytes as fit; returns how many. Call {@link #process} afterwards. */
    public int receive(ByteBuffer networkBytes) {
        return records.receive(networkBytes);
    }

    /** Room for network bytes right now. */
    public int receiveCapacity() {
        return records.receiveCapacity();
    }

    /**
     * Acts on the buffered network bytes: advances the handshake, collects application data,
     * handles alerts. Stops when it needs more bytes or when received application data waits to be
     * read.
     *
     * @throws TlsAlertException when the connection fails (the alert to send is already queued)
     */
    public void process() throws TlsException {
        if (failure != null) {
            throw failure;
        }
        if (status == Status.NOT_STARTED) {
            throw new IllegalStateException("beginHandshake() first");
        }
        try {
            while (!inboundClosed) {
                RecordLayer.Inbound next = records.readNext();
                switch (next) {
                    case NEED_MORE_INPUT -> {
                        return;
                    }
                    case HANDSHAKE -> {
                        HandshakeMessage message = records.takeHandshakeMessage();
                        if (isIgnoredHelloRequest(message)) {
                            continue;
                        }
                        state = state.handle(context, message);
                        if (state.isConnected() && status == Status.HANDSHAKING) {
                            status = Status.CONNECTED;
                        }
                    }
                    case CHANGE_CIPHER_SPEC -> state = state.handleChangeCipherSpec(context);
                    case ALERT -> handleAlert(records.takeAlert());
                    case APPLICATION_DATA -> {
                        if (!state.acceptsApplicationData()) {
                            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                                    "application data before the handshake finished");
                        }
                        events.add(new TlsEvent.ApplicationDataAvailable(records.applicationDataAvailable()));
                        return;
                    }
                }
            }
        } catch (TlsAlertException e) {
            fail(e);
            throw e;
        } catch (TlsException e) {
            TlsAlertException internal = TlsAlertException.local(AlertDescription.INTERNAL_ERROR, e.getMessage(), e);
            fail(internal);
            throw internal;
        }
    }

    /**
     * RFC 5246 §7.4.1.1 (RFC 6101 §5.6.1.1): a client ignores a HelloRequest while it is negotiating,
     * and leaves it out of the transcript; one with a body is malformed.
     */
    private boolean isIgnoredHelloRequest(HandshakeMessage message) throws TlsAlertException {
        if (role != Role.CLIENT || state.isConnected() || message.type() != HandshakeType.HELLO_REQUEST.code()) {
            return false;
        }
        Messages.decode(message, HelloRequest::decode);
        return true;
    }

    private void handleAlert(ReceivedAlert alert) throws TlsException {
        events.add(new TlsEvent.AlertReceived(alert));
        if (alert.isCloseNotify()) {
            inboundClosed = true;
            events.add(new TlsEvent.InboundClosed(true, false));
            // RFC 5246 §7.2.1: answer close_notify with our own.
            if (!outboundClosed && status != Status.HANDSHAKING) {
                closeOutbound();
            }
            if (status == Status.HANDSHAKING) {
                throw TlsAlertException.received(AlertDescription.CLOSE_NOTIFY);
            }
            status = Status.CLOSED;
            return;
        }
        if (alert.level() == AlertLevel.FATAL) {
            AlertDescription description = alert.description().orElse(AlertDescription.INTERNAL_ERROR);
            throw TlsAlertException.received(description);
        }
        // Other warnings (no_renegotiation, user_canceled, ...) are reported and otherwise ignored.
    }

    private void fail(TlsAlertException error) {
        failure = error;
        status = Status.CLOSED;
        inboundClosed = true;
        if (error.isLocal() && !outboundClosed) {
            try {
                records.writeAlert(AlertLevel.FATAL, error.alert());
                events.add(new TlsEvent.AlertSent(error.alert(), true));
            } catch (TlsException sendFailed) {
                error.addSuppressed(sendFailed);
            }
            outboundClosed = true;
        }
        if (!error.isLocal()) {
            events.add(new TlsEvent.InboundClosed(false, false));
        }
    }

    /** Network bytes waiting to be sent. */
    public int pendingOutput() {
        return records.pendingOutput();
    }

    public int drainOutput(ByteBuffer destination) {
        return records.drainOutput(destination);
    }

    public byte[] drainOutput() {
        return records.drainOutput();
    }

    /**
     * Encrypts application data for sending.
     *
     * @throws IllegalStateException before the handshake completes or after the outbound side closed
     */
    public void writeApplicationData(ByteBuffer data) throws TlsException {
        if (status != Status.CONNECTED || outboundClosed) {
            throw new IllegalStateException("cannot send application data while " + status
                    + (outboundClosed ? " (outbound closed)" : ""));
        }
        records.writeApplicationData(data);
    }

    /** Received application data not yet read. */
    public int applicationDataAvailable() {
        return records.applicationDataAvailable();
    }

    public int readApplicationData(ByteBuffer destination) {
        return records.readApplicationData(destination);
    }

    /** Sends close_notify; no application data may be written afterwards. */
    public void closeOutbound() throws TlsException {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        records.writeAlert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
        events.add(new TlsEvent.AlertSent(AlertDescription.CLOSE_NOTIFY, false));
    }

    /**
     * The transport ended. Without a preceding close_notify that is a truncation (RFC 5246 §7.2.1):
     * reported, and during a handshake an error.
     *
     * @return true if the connection was truncated
     */
    public boolean receiveEndOfStream() throws TlsException {
        if (inboundClosed) {
            return false;
        }
        inboundClosed = true;
        events.add(new TlsEvent.InboundClosed(false, true));
        boolean handshaking = status == Status.HANDSHAKING;
        status = Status.CLOSED;
        if (handshaking) {
            failure = TlsAlertException.local(AlertDescription.HANDSHAKE_FAILURE,
                    "the peer closed the connection during the handshake");
            throw failure;
        }
        return true;
    }

    public boolean isInboundClosed() {
        return inboundClosed;
    }

    public boolean isOutboundClosed() {
        return outboundClosed;
    }

    /** The next event, or null. */
    public TlsEvent pollEvent() {
        return events.poll();
    }

    /** What the handshake negotiated, once it completed. */
    public Optional<SessionInfo> session() {
        return context.session();
    }

    /** The state's name, for diagnostics and tests. */
    public String handshakeState() {
        return state == null ? "not started" : state.name();
    }
}
