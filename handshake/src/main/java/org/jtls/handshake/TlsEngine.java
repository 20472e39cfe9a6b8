package org.jtls.handshake;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.HelloRequest;
import org.jtls.handshake.tls12.Tls12Connected;
import org.jtls.handshake.tls13.Tls13Connected;
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
    private final HandshakeObserver observer;
    /** Server: the pending 0-RTT record has been counted against max_early_data_size. */
    private boolean earlyRecordCounted;

    private TlsEngine(TlsConfig config, Role role, String serverName) {
        this.role = Objects.requireNonNull(role, "role");
        this.records = new RecordLayer(config.recordSettings());
        this.context = new HandshakeContext(config, role, records, events);
        this.context.serverName = serverName;
        this.observer = config.observer();
    }

    /**
     * A client engine. {@code serverName} is sent as SNI (unless it is an IP literal) and handed to
     * the {@link PeerVerifier}; it may be null.
     */
    public static TlsEngine client(TlsConfig config, String serverName) {
        return new TlsEngine(config, Role.CLIENT, serverName);
    }

    /**
     * A client engine for {@code serverName} on {@code port}; the port completes the key under which
     * sessions are cached for resumption ("host:port").
     */
    public static TlsEngine client(TlsConfig config, String serverName, int port) {
        TlsEngine engine = new TlsEngine(config, Role.CLIENT, serverName);
        engine.context.serverPort = port;
        return engine;
    }

    public static TlsEngine server(TlsConfig config) {
        // A TLS 1.3-only server may authenticate by external PSKs alone (RFC 8446 §4.2.11).
        boolean pskOnly = config.externalPskLookup() != null
                && config.versions().equals(java.util.List.of(org.jtls.crypto.registry.ProtocolVersion.TLS_1_3));
        if (config.certificates().isEmpty() && !config.hasCustomCertificateSelector() && !pskOnly) {
            throw new IllegalArgumentException("a server needs at least one certificate and key"
                    + " (or, TLS 1.3 only, an external PSK lookup)");
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

    /** Network bytes received but not yet processed: typically part of a record still arriving. */
    public int bufferedInput() {
        return records.bufferedInput();
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
                        if (observer != null) {
                            observer.messageReceived(message);
                        }
                        if (isIgnoredHelloRequest(message)) {
                            continue;
                        }
                        state = state.handle(context, message);
                        if (state.isConnected() && status == Status.HANDSHAKING) {
                            status = Status.CONNECTED;
                        }
                    }
                    case CHANGE_CIPHER_SPEC -> {
                        if (observer != null) {
                            observer.changeCipherSpec(false);
                        }
                        // RFC 8446 §5: during a TLS 1.3 handshake a change_cipher_spec is dropped.
                        if (context.version != ProtocolVersion.TLS_1_3 || state.isConnected()) {
                            state = state.handleChangeCipherSpec(context);
                        }
                    }
                    case ALERT -> handleAlert(records.takeAlert());
                    case APPLICATION_DATA -> {
                        // TLS <= 1.2 lets application data interleave with a renegotiation.
                        if (!state.acceptsApplicationData() && context.session().isEmpty()) {
                            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                                    "application data before the handshake finished");
                        }
                        if (status == Status.HANDSHAKING && role == Role.SERVER && !earlyRecordCounted) {
                            earlyRecordCounted = true;
                            // Accepted 0-RTT data counts against max_early_data_size (RFC 8446 §4.2.10).
                            context.earlyDataRemaining -= records.applicationDataAvailable();
                            if (!context.earlyDataAccepted || context.earlyDataRemaining < 0) {
                                throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                                        "early data beyond max_early_data_size");
                            }
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
        if (role != Role.CLIENT || state.isConnected() || message.type() != HandshakeType.HELLO_REQUEST.code()
                || context.version == ProtocolVersion.TLS_1_3) {
            return false;
        }
        Messages.decode(message, HelloRequest::decode);
        return true;
    }

    /**
     * Starts a renegotiation of an established TLS ≤ 1.2 connection: a client sends a new
     * ClientHello, a server a HelloRequest. Application data keeps flowing meanwhile; a new
     * {@link TlsEvent.HandshakeCompleted} reports the result.
     *
     * @throws IllegalStateException if the connection is not established, or the peer lacks secure
     *                               renegotiation and insecure renegotiation is not allowed
     */
    public void renegotiate() throws TlsException {
        if (status != Status.CONNECTED || !(state instanceof Tls12Connected connected)) {
            throw new IllegalStateException("renegotiation needs an established TLS <= 1.2 connection");
        }
        state = connected.initiate(context);
    }

    /**
     * TLS 1.3 KeyUpdate (RFC 8446 §4.6.3): switches our write keys, and with {@code requestPeerUpdate}
     * asks the peer to switch its own.
     *
     * @throws IllegalStateException unless a TLS 1.3 connection is established
     */
    public void updateKeys(boolean requestPeerUpdate) throws TlsException {
        if (status != Status.CONNECTED || !(state instanceof Tls13Connected) || outboundClosed) {
            throw new IllegalStateException("KeyUpdate needs an established TLS 1.3 connection");
        }
        Tls13Connected.sendKeyUpdate(context, requestPeerUpdate);
    }

    /**
     * Server: requests a certificate from an established TLS 1.3 client that offered post-handshake
     * authentication (RFC 8446 §4.6.2); a {@link TlsEvent.PeerCertificateUpdated} reports the answer.
     */
    public void requestClientCertificate() throws TlsException {
        if (role != Role.SERVER || status != Status.CONNECTED || !(state instanceof Tls13Connected)) {
            throw new IllegalStateException("post-handshake authentication needs an established TLS 1.3 server");
        }
        org.jtls.handshake.tls13.server.Tls13Server.requestPostHandshakeCertificate(context);
    }

    private void handleAlert(ReceivedAlert alert) throws TlsException {
        events.add(new TlsEvent.AlertReceived(alert));
        if (observer != null) {
            observer.alert(false, alert.level(), alert.code());
        }
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
        // RFC 5246 §7.2.2: a no_renegotiation warning refuses our renegotiation; the connection
        // goes on with the keys it has.
        if (alert.code() == AlertDescription.NO_RENEGOTIATION.code() && context.renegotiating && !state.isConnected()) {
            context.renegotiating = false;
            state = new Tls12Connected();
        }
        if (alert.code() == AlertDescription.NO_CERTIFICATE.code() && role == Role.SERVER) {
            state = state.handleNoCertificate(context);
        }
        // Other warnings (user_canceled, ...) are reported and otherwise ignored.
    }

    private void fail(TlsAlertException error) {
        failure = error;
        status = Status.CLOSED;
        inboundClosed = true;
        if (error.isLocal() && !outboundClosed) {
            try {
                rekeyClientForAlert();
                records.writeAlert(AlertLevel.FATAL, error.alert());
                events.add(new TlsEvent.AlertSent(error.alert(), true));
                if (observer != null) {
                    observer.alert(true, AlertLevel.FATAL, error.alert().code());
                }
            } catch (TlsException sendFailed) {
                error.addSuppressed(sendFailed);
            }
            outboundClosed = true;
        }
        if (!error.isLocal()) {
            events.add(new TlsEvent.InboundClosed(false, false));
        }
    }

    /**
     * RFC 8446 Appendix A.1: a TLS 1.3 client failing after ServerHello, before it switched its own
     * writes to the handshake keys, "SHOULD first rekey to the handshake keys" so the server (which
     * reads with those keys by then) can read the alert.
     */
    private void rekeyClientForAlert() throws TlsException {
        if (role == Role.CLIENT && context.version == ProtocolVersion.TLS_1_3
                && context.clientHandshakeTrafficSecret != null && !records.writeProtection().isTls13()) {
            org.jtls.handshake.tls13.Tls13Support.installWrite(context, context.clientHandshakeTrafficSecret);
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
        if (status == Status.HANDSHAKING && context.earlyDataOffered && !outboundClosed) {
            // TLS 1.3 0-RTT: data sent before the handshake completes, within the ticket's allowance.
            if (data.remaining() > context.earlyDataRemaining) {
                throw new IllegalStateException("early data beyond the ticket's max_early_data_size ("
                        + context.earlyDataRemaining + " bytes left)");
            }
            context.earlyDataRemaining -= data.remaining();
            records.writeApplicationData(data);
            return;
        }
        if (status != Status.CONNECTED || outboundClosed) {
            throw new IllegalStateException("cannot send application data while " + status
                    + (outboundClosed ? " (outbound closed)" : ""));
        }
        records.writeApplicationData(data);
    }

    /**
     * Client: whether data written now goes out as TLS 1.3 0-RTT early data (a resumed ticket allows it
     * and {@code earlyData} is configured). Watch for {@link TlsEvent.EarlyDataAnswered}: rejected early
     * data must be sent again after the handshake.
     */
    public boolean canWriteEarlyData() {
        return status == Status.HANDSHAKING && context.earlyDataOffered && !outboundClosed;
    }

    /** Client: how many more bytes of 0-RTT data may be written now (0 when {@link #canWriteEarlyData()} is false). */
    public int earlyDataRemaining() {
        return canWriteEarlyData() ? (int) Math.max(0, Math.min(Integer.MAX_VALUE, context.earlyDataRemaining)) : 0;
    }

    /** Received application data not yet read. */
    public int applicationDataAvailable() {
        return records.applicationDataAvailable();
    }

    public int readApplicationData(ByteBuffer destination) {
        int read = records.readApplicationData(destination);
        if (records.applicationDataAvailable() == 0) {
            earlyRecordCounted = false;
        }
        return read;
    }

    /** Sends close_notify; no application data may be written afterwards. */
    public void closeOutbound() throws TlsException {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        records.writeAlert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
        events.add(new TlsEvent.AlertSent(AlertDescription.CLOSE_NOTIFY, false));
        if (observer != null) {
            observer.alert(true, AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY.code());
        }
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

    /**
     * The session this connection established or resumed, once the handshake completed: export it
     * ({@link Session#encode()}) to resume in another engine or process.
     */
    public Optional<Session> resumableSession() {
        return Optional.ofNullable(context.establishedSession);
    }

    /**
     * Keying material exported from the connection (RFC 8446 §7.5 for TLS 1.3, RFC 5705 for TLS 1.0–1.2):
     * both ends obtain the same bytes for the same label and context.
     *
     * @param context the context value, or null for none (RFC 5705 distinguishes "none" from empty;
     *                TLS 1.3 treats them alike)
     * @throws IllegalStateException before the handshake completes, or for SSL 3.0, which has no PRF
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        if (status != Status.CONNECTED && status != Status.CLOSED || this.context.masterSecret == null) {
            throw new IllegalStateException("keying material can be exported once the handshake completed");
        }
        ProtocolVersion version = this.context.exporterVersion != null ? this.context.exporterVersion
                : this.context.version;
        if (version == ProtocolVersion.TLS_1_3) {
            return new org.jtls.handshake.keyschedule.Tls13KeySchedule(this.context.crypto(),
                    this.context.cipherSuite.prfHash()).exportKeyingMaterial(this.context.exporterMasterSecret, label,
                    context, length);
        }
        if (version == ProtocolVersion.SSL_3_0) {
            throw new IllegalStateException("SSL 3.0 has no keying-material exporter");
        }
        if (label.startsWith("client finished") || label.startsWith("server finished")
                || label.startsWith("master secret") || label.startsWith("key expansion")) {
            throw new IllegalArgumentException("RFC 5705 §4: label '" + label + "' is reserved");
        }
        int contextLength = context == null ? 0 : 2 + context.length;
        byte[] seed = new byte[64 + contextLength];
        // The last completed handshake's values: a renegotiation under way (or refused) has
        // replaced the live ones (RFC 5705 §4 exports from the established session).
        byte[] clientRandom = this.context.exporterClientRandom != null ? this.context.exporterClientRandom
                : this.context.clientRandom;
        byte[] serverRandom = this.context.exporterServerRandom != null ? this.context.exporterServerRandom
                : this.context.serverRandom;
        System.arraycopy(clientRandom, 0, seed, 0, 32);
        System.arraycopy(serverRandom, 0, seed, 32, 32);
        if (context != null) {
            if (context.length > 0xFFFF) {
                throw new IllegalArgumentException("RFC 5705 context is at most 65535 bytes");
            }
            seed[64] = (byte) (context.length >>> 8);
            seed[65] = (byte) context.length;
            System.arraycopy(context, 0, seed, 66, context.length);
        }
        return new org.jtls.handshake.keyschedule.LegacyKeySchedule(this.context.crypto(), version,
                this.context.exporterCipherSuite != null ? this.context.exporterCipherSuite : this.context.cipherSuite)
                .prf().compute(this.context.exporterLegacyMasterSecret != null
                        ? this.context.exporterLegacyMasterSecret : this.context.masterSecret, label, seed, length);
    }

    /** The state's name, for diagnostics and tests. */
    public String handshakeState() {
        return state == null ? "not started" : state.name();
    }
}
