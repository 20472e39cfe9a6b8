package org.jtls.record;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import org.jtls.record.protection.CbcProtection;
import org.jtls.record.protection.PlaintextProtection;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.Tls13AeadProtection;

/**
 * The record layer of one connection, without I/O: network bytes go in through {@link #receive}
 * and come out through {@link #drainOutput}; in between it frames records, protects and
 * unprotects them, reassembles handshake messages, and enforces the size and flood limits.
 *
 * <p>Reading: call {@link #readNext()} until it returns {@link Inbound#NEED_MORE_INPUT}; each other
 * result names what is ready — a handshake message ({@link #takeHandshakeMessage}), an alert
 * ({@link #takeAlert}), a change_cipher_spec, or application data ({@link #readApplicationData}).
 * Application data stays available until it is read; nothing received is ever dropped.
 *
 * <p>Writing: handshake messages are queued and packed into as few records as fit
 * ({@link #writeHandshake}); alerts, change_cipher_spec and application data are sealed at once.
 * Installing new write protection first flushes queued handshake data under the old one.
 *
 * <p>Application data moves through preallocated buffers: in steady state neither direction
 * allocates per record. Not thread-safe.
 */
public final class RecordLayer {
    /** What {@link #readNext()} found. */
    public enum Inbound { NEED_MORE_INPUT, HANDSHAKE, ALERT, CHANGE_CIPHER_SPEC, APPLICATION_DATA }

    private static final int HEADER_LENGTH = 5;
    private static final int MAX_RECORD = HEADER_LENGTH + RecordProtection.MAX_PLAINTEXT + 2048;
    private static final int CERTIFICATE = 11;
    private static final int COMPRESSED_CERTIFICATE = 25;
    private static final int TLS13_LEGACY_VERSION = 0x0303;
    /**
     * The plaintext limit when none was negotiated: RFC 8449 §4's protocol maximum, 2^14 + 1 for
     * TLS 1.3 (content plus type byte) and, capped by {@link #maxContent}, 2^14 before it.
     */
    private static final int NO_NEGOTIATED_LIMIT = RecordProtection.MAX_PLAINTEXT + 1;

    private final RecordLayerSettings settings;

    private RecordProtection readProtection = new PlaintextProtection();
    private RecordProtection writeProtection = new PlaintextProtection();

    // ---- inbound state ----
    // Buffers start small (a handshake of small records never needs more) and grow once to their
    // maximum when a large record comes or goes; in steady state nothing is allocated per record.
    private static final int INITIAL_BUFFER = 8 * 1024;
    private ByteBuffer inbound = ByteBuffer.allocate(INITIAL_BUFFER);
    private ByteBuffer plaintext = ByteBuffer.allocate(INITIAL_BUFFER);
    private ByteBuffer fragmentView;
    private boolean applicationDataPending;
    private byte[] handshakeBuffer = new byte[1024];
    private int handshakeBuffered;
    private final ArrayDeque<HandshakeMessage> handshakeMessages = new ArrayDeque<>();
    private ReceivedAlert alert;
    private boolean firstRecordSeen;
    private int expectedReadVersion = -1;
    private int receivePlaintextLimit = NO_NEGOTIATED_LIMIT;
    private int emptyRecordsInRow;
    private int warningAlertsInRow;
    private int changeCipherSpecsInRow;
    private int earlyDataSkipBudget = -1;
    /** TLS 1.3 server: a plaintext alert is still readable until the first protected record arrives. */
    private boolean plaintextAlertsAllowed;

    // ---- outbound state ----
    private ByteBuffer outbound = ByteBuffer.allocate(INITIAL_BUFFER);
    private byte[] pendingHandshake = new byte[1024];
    private int pendingHandshakeLength;
    private int writeVersion = 0x0301;
    private int sendPlaintextLimit = NO_NEGOTIATED_LIMIT;
    private final ByteBuffer singleByte = ByteBuffer.allocate(2);

    public RecordLayer(RecordLayerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fragmentView = inbound.duplicate();
    }

    public RecordLayer() {
        this(RecordLayerSettings.defaults());
    }

    public RecordLayerSettings settings() {
        return settings;
    }

    // =====================================================================================
    // Configuration by the handshake layer
    // =====================================================================================

    /**
     * Switches the read direction to new keys. A key change must fall on a record boundary with no
     * handshake data left over (RFC 8446 §5.1; for TLS ≤ 1.2 the change_cipher_spec record ends the
     * old epoch the same way).
     */
    public void installReadProtection(RecordProtection protection) throws TlsAlertException {
        Objects.requireNonNull(protection, "protection");
        if (handshakeBuffered != 0 || !handshakeMessages.isEmpty()) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "handshake data received under the old keys runs past a key change");
        }
        this.readProtection = protection;
        applyInnerPlaintextLimit(protection, receivePlaintextLimit);
    }

    /**
     * TLS 1.3 server, after its ServerHello: until the first record from the client decrypts, a
     * plaintext alert is accepted. A client that cannot process the ServerHello has no handshake keys
     * and can only tell why in the clear (RFC 8446 §6: alerts are encrypted under the current write
     * keys, which for such a client are none); without this the server would only see
     * unexpected_message. It grants an attacker nothing: an on-path attacker can always end the
     * connection. Other plaintext content types stay refused.
     */
    public void allowPlaintextAlertsUntilProtectedRecord() {
        this.plaintextAlertsAllowed = true;
    }

    /** Switches the write direction to new keys, after flushing queued handshake data under the old ones. */
    public void installWriteProtection(RecordProtection protection) throws TlsException {
        Objects.requireNonNull(protection, "protection");
        flushHandshake();
        this.writeProtection = protection;
        applyInnerPlaintextLimit(protection, sendPlaintextLimit);
    }

    /** TLS 1.3 counts padding against the limit too, which only the protection sees (RFC 8449 §4). */
    private static void applyInnerPlaintextLimit(RecordProtection protection, int limit) {
        if (protection instanceof Tls13AeadProtection tls13) {
            tls13.setInnerPlaintextLimit(limit);
        }
    }

    public RecordProtection readProtection() {
        return readProtection;
    }

    public RecordProtection writeProtection() {
        return writeProtection;
    }

    /** The version field written into outgoing records (0x0301 for a first ClientHello, then the negotiated one). */
    public void setWriteVersion(int version) {
        checkVersion(version);
        this.writeVersion = version;
    }

    /**
     * The version every incoming record must carry from now on (TLS ≤ 1.2 after ServerHello), or
     * -1 to accept any 3.x (before negotiation, and in TLS 1.3 where the field is ignored, RFC 8446 §5.1).
     */
    public void setExpectedReadVersion(int version) {
        if (version != -1) {
            checkVersion(version);
        }
        this.expectedReadVersion = version;
    }

    private static void checkVersion(int version) {
        if ((version >>> 8) != 3 || (version & 0xFF) > 4) {
            throw new IllegalArgumentException("record version " + Integer.toHexString(version));
        }
    }

    /**
     * Plaintext limits negotiated by record_size_limit (RFC 8449) or max_fragment_length (RFC 6066).
     * For TLS 1.3 the limit covers the whole inner plaintext: content, type byte and padding
     * (RFC 8449 §4). Until this is called the protocol maximum applies: 2^14 + 1 (that is, 2^14
     * content bytes) for TLS 1.3, 2^14 before it.
     */
    public void setPlaintextLimits(int send, int receive) {
        if (send < 64 || send > RecordProtection.MAX_PLAINTEXT + 1 || receive < 64
                || receive > RecordProtection.MAX_PLAINTEXT + 1) {
            throw new IllegalArgumentException("record size limits must lie in 64..2^14+1");
        }
        this.sendPlaintextLimit = send;
        this.receivePlaintextLimit = receive;
        applyInnerPlaintextLimit(writeProtection, send);
        applyInnerPlaintextLimit(readProtection, receive);
    }

    private int maxContent(int limit, RecordProtection protection) {
        int content = protection.isTls13() ? limit - 1 : limit;
        return Math.min(content, RecordProtection.MAX_PLAINTEXT);
    }

    // =====================================================================================
    // Inbound
    // =====================================================================================

    /** Copies as many network bytes from {@code source} as fit; returns how many were taken. */
    public int receive(ByteBuffer source) {
        if (source.remaining() > inbound.remaining() && inbound.capacity() < 2 * MAX_RECORD) {
            growInbound();
        }
        int count = Math.min(source.remaining(), inbound.remaining());
        if (count > 0) {
            int limit = source.limit();
            source.limit(source.position() + count);
            inbound.put(source);
            source.limit(limit);
        }
        return count;
    }

    /** Room for more network bytes right now. */
    public int receiveCapacity() {
        // The buffer grows to its maximum as soon as more is offered than fits.
        return inbound.capacity() < 2 * MAX_RECORD ? 2 * MAX_RECORD - inbound.position() : inbound.remaining();
    }

    /** Network bytes received but not yet processed. */
    public int bufferedInput() {
        return inbound.position();
    }

    /**
     * Processes buffered records until something is ready for the caller.
     *
     * @throws TlsAlertException with the alert to send when the input breaks a rule
     */
    public Inbound readNext() throws TlsAlertException {
        while (true) {
            if (applicationDataPending) {
                return Inbound.APPLICATION_DATA;
            }
            if (!handshakeMessages.isEmpty()) {
                return Inbound.HANDSHAKE;
            }
            if (alert != null) {
                return Inbound.ALERT;
            }
            Inbound result = readRecord();
            if (result != null) {
                return result;
            }
        }
    }

    /** Reads one record if a whole one is buffered; null when it produced nothing to report yet. */
    private Inbound readRecord() throws TlsAlertException {
        int available = inbound.position();
        if (!firstRecordSeen && available >= 3) {
            rejectSsl2ClientHello();
        }
        if (available < HEADER_LENGTH) {
            return Inbound.NEED_MORE_INPUT;
        }
        int typeCode = inbound.get(0) & 0xFF;
        int version = ((inbound.get(1) & 0xFF) << 8) | (inbound.get(2) & 0xFF);
        int length = ((inbound.get(3) & 0xFF) << 8) | (inbound.get(4) & 0xFF);
        ContentType outerType = checkHeader(typeCode, version, length);
        if (available < HEADER_LENGTH + length) {
            if (inbound.capacity() < 2 * MAX_RECORD && inbound.capacity() - HEADER_LENGTH < length + HEADER_LENGTH) {
                growInbound();
            }
            return Inbound.NEED_MORE_INPUT;
        }
        if (plaintext.capacity() < length + 256) {
            plaintext = ByteBuffer.allocate(RecordProtection.MAX_PLAINTEXT + 2048);
        }
        firstRecordSeen = true;

        RecordProtection protection = readProtection;
        // RFC 8446 §5: a change_cipher_spec record in TLS 1.3 always travels in plaintext.
        boolean plaintextCcs = outerType == ContentType.CHANGE_CIPHER_SPEC && protection.isTls13();
        // A protected record is never 2 bytes long, so only an alert-sized record is taken in the clear.
        boolean plaintextAlert = plaintextAlertsAllowed && outerType == ContentType.ALERT && length == 2
                && protection.isTls13();
        fragmentView.limit(HEADER_LENGTH + length).position(HEADER_LENGTH);
        plaintext.clear();
        ContentType type;
        if (plaintextCcs || plaintextAlert) {
            plaintext.put(fragmentView);
            type = outerType;
        } else if (earlyDataSkipBudget >= 0 && outerType == ContentType.APPLICATION_DATA && !protection.isProtected()) {
            // After a HelloRetryRequest the server still waits in plaintext for the second
            // ClientHello; encrypted 0-RTT records in between are skipped (RFC 8446 §4.2.10).
            skipEarlyData(length);
            return null;
        } else {
            try {
                type = protection.open(outerType, version, fragmentView, plaintext);
            } catch (TlsAlertException e) {
                if (earlyDataSkipBudget >= 0 && e.alert() == AlertDescription.BAD_RECORD_MAC
                        && outerType == ContentType.APPLICATION_DATA) {
                    skipEarlyData(length);
                    return null;
                }
                throw e;
            }
            // The first record that decrypts (or, in the clear, the second ClientHello) ends the skipping.
            if (protection.isProtected() || type == ContentType.HANDSHAKE) {
                earlyDataSkipBudget = -1;
            }
            if (protection.isProtected()) {
                plaintextAlertsAllowed = false;
            }
            if (type == ContentType.CHANGE_CIPHER_SPEC && protection.isTls13()) {
                throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                        "change_cipher_spec inside an encrypted TLS 1.3 record (RFC 8446 §5)");
            }
        }
        plaintext.flip();
        consumeInbound(HEADER_LENGTH + length);

        int contentLength = plaintext.remaining();
        if (contentLength > maxContent(receivePlaintextLimit, protection)) {
            throw TlsAlertException.local(AlertDescription.RECORD_OVERFLOW,
                    "record carries " + contentLength + " bytes, over the limit of " + maxContent(receivePlaintextLimit, protection));
        }
        return dispatch(type, contentLength);
    }

    /**
     * Server: the client's 0-RTT data was rejected, so records that do not decrypt under the current
     * keys are early data to skip, up to {@code maxBytes} in all (RFC 8446 §4.2.10); the first record
     * that decrypts ends the skipping.
     */
    public void skipRejectedEarlyData(int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative early data budget");
        }
        earlyDataSkipBudget = maxBytes;
    }

    private void skipEarlyData(int fragmentLength) throws TlsAlertException {
        consumeInbound(HEADER_LENGTH + fragmentLength);
        // The budget counts plaintext; an AEAD record carries at least its 16-byte tag and type byte more.
        earlyDataSkipBudget -= Math.max(0, fragmentLength - 17);
        if (earlyDataSkipBudget < 0) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "more rejected early data than max_early_data_size");
        }
    }

    private ContentType checkHeader(int typeCode, int version, int length) throws TlsAlertException {
        ContentType type = ContentType.fromCode(typeCode).orElse(null);
        if (type == null) {
            String what = typeCode == ContentType.HEARTBEAT_CODE
                    ? "heartbeat record (RFC 6520 is not supported)"
                    : "record of unknown content type " + typeCode;
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, what);
        }
        if ((version >>> 8) != 3) {
            throw TlsAlertException.local(AlertDescription.PROTOCOL_VERSION,
                    "record version " + String.format("0x%04x", version) + " is not TLS");
        }
        if (expectedReadVersion != -1 && version != expectedReadVersion) {
            throw TlsAlertException.local(AlertDescription.PROTOCOL_VERSION, String.format(
                    "record version 0x%04x after 0x%04x was negotiated", version, expectedReadVersion));
        }
        int maxLength = type == ContentType.CHANGE_CIPHER_SPEC && readProtection.isTls13()
                ? RecordProtection.MAX_PLAINTEXT
                : readProtection.maxFragmentLength();
        if (length > maxLength) {
            throw TlsAlertException.local(AlertDescription.RECORD_OVERFLOW,
                    "record length " + length + " exceeds " + maxLength);
        }
        return type;
    }

    /**
     * An SSL 2.0-format ClientHello (RFC 6101 Appendix E / RFC 5246 Appendix E.2) starts with a
     * two-byte length whose top bit is set, then msg_type 1. jtls does not accept it: SSL 2.0 is
     * prohibited (RFC 6176), and its hello cannot negotiate anything jtls offers.
     */
    private void rejectSsl2ClientHello() throws TlsAlertException {
        int first = inbound.get(0) & 0xFF;
        int messageType = inbound.get(2) & 0xFF;
        if ((first & 0x80) != 0 && messageType == 1) {
            throw TlsAlertException.local(AlertDescription.PROTOCOL_VERSION,
                    "SSL 2.0-format ClientHello received; SSL 2.0 hellos are not supported (RFC 6176)");
        }
    }

    /** Makes room for the largest record (and the start of the next). */
    private void growInbound() {
        ByteBuffer larger = ByteBuffer.allocate(2 * MAX_RECORD);
        inbound.flip();
        larger.put(inbound);
        inbound = larger;
        fragmentView = inbound.duplicate();
    }

    private void consumeInbound(int count) {
        inbound.flip();
        inbound.position(count);
        inbound.compact();
    }

    private Inbound dispatch(ContentType type, int contentLength) throws TlsAlertException {
        if (type != ContentType.HANDSHAKE && handshakeBuffered != 0) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    type + " record interleaved with a fragmented handshake message");
        }
        if (type != ContentType.ALERT) {
            warningAlertsInRow = 0;
        }
        if (type != ContentType.CHANGE_CIPHER_SPEC) {
            changeCipherSpecsInRow = 0;
        }
        if (contentLength != 0) {
            emptyRecordsInRow = 0;
        }
        return switch (type) {
            case HANDSHAKE -> readHandshake(contentLength);
            case ALERT -> readAlert(contentLength);
            case CHANGE_CIPHER_SPEC -> readChangeCipherSpec(contentLength);
            case APPLICATION_DATA -> readApplicationDataRecord(contentLength);
        };
    }

    private Inbound readHandshake(int contentLength) throws TlsAlertException {
        if (contentLength == 0) {
            // RFC 5246 §6.2.1, RFC 8446 §5.1: zero-length handshake fragments are never sent.
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, "empty handshake record");
        }
        if (handshakeBuffer.length - handshakeBuffered < contentLength) {
            handshakeBuffer = Arrays.copyOf(handshakeBuffer,
                    Math.max(handshakeBuffer.length * 2, handshakeBuffered + contentLength));
        }
        plaintext.get(handshakeBuffer, handshakeBuffered, contentLength);
        handshakeBuffered += contentLength;
        extractHandshakeMessages();
        return handshakeMessages.isEmpty() ? null : Inbound.HANDSHAKE;
    }

    private void extractHandshakeMessages() throws TlsAlertException {
        int offset = 0;
        while (handshakeBuffered - offset >= HandshakeMessage.HEADER_LENGTH) {
            int type = handshakeBuffer[offset] & 0xFF;
            int length = ((handshakeBuffer[offset + 1] & 0xFF) << 16) | ((handshakeBuffer[offset + 2] & 0xFF) << 8)
                    | (handshakeBuffer[offset + 3] & 0xFF);
            int limit = type == CERTIFICATE || type == COMPRESSED_CERTIFICATE
                    ? settings.maxCertificateMessageLength()
                    : settings.maxHandshakeMessageLength();
            if (length > limit) {
                throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "handshake message of type " + type + " claims " + length + " bytes, over the limit of " + limit);
            }
            int total = HandshakeMessage.HEADER_LENGTH + length;
            if (handshakeBuffered - offset < total) {
                break;
            }
            handshakeMessages.add(HandshakeMessage.ofEncoded(Arrays.copyOfRange(handshakeBuffer, offset, offset + total)));
            offset += total;
        }
        if (offset > 0) {
            System.arraycopy(handshakeBuffer, offset, handshakeBuffer, 0, handshakeBuffered - offset);
            handshakeBuffered -= offset;
        }
    }

    private Inbound readAlert(int contentLength) throws TlsAlertException {
        if (contentLength != 2) {
            throw TlsAlertException.local(AlertDescription.DECODE_ERROR,
                    "alert record of " + contentLength + " bytes (an alert is exactly 2)");
        }
        int levelCode = plaintext.get() & 0xFF;
        int description = plaintext.get() & 0xFF;
        AlertLevel level = AlertLevel.fromCode(levelCode).orElseThrow(() -> TlsAlertException.local(
                AlertDescription.DECODE_ERROR, "alert level " + levelCode + " is neither warning nor fatal"));
        if (level == AlertLevel.WARNING && description != AlertDescription.CLOSE_NOTIFY.code()
                && ++warningAlertsInRow > settings.maxWarningAlertsInRow()) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "more than " + settings.maxWarningAlertsInRow() + " warning alerts in a row");
        }
        alert = new ReceivedAlert(level, description);
        return Inbound.ALERT;
    }

    private Inbound readChangeCipherSpec(int contentLength) throws TlsAlertException {
        if (contentLength != 1 || plaintext.get(0) != 1) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "change_cipher_spec record must be the single byte 0x01");
        }
        if (++changeCipherSpecsInRow > settings.maxChangeCipherSpecsInRow()) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "more than " + settings.maxChangeCipherSpecsInRow() + " change_cipher_spec records in a row");
        }
        plaintext.position(1);
        return Inbound.CHANGE_CIPHER_SPEC;
    }

    private Inbound readApplicationDataRecord(int contentLength) throws TlsAlertException {
        if (!readProtection.isProtected()) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "application data before any keys were established");
        }
        if (contentLength == 0) {
            if (++emptyRecordsInRow > settings.maxEmptyRecordsInRow()) {
                throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                        "more than " + settings.maxEmptyRecordsInRow() + " empty records in a row");
            }
            return null;
        }
        applicationDataPending = true;
        return Inbound.APPLICATION_DATA;
    }

    /** The next reassembled handshake message. */
    public HandshakeMessage takeHandshakeMessage() {
        HandshakeMessage message = handshakeMessages.poll();
        if (message == null) {
            throw new IllegalStateException("no handshake message is ready");
        }
        return message;
    }

    /** The alert {@link #readNext()} reported. */
    public ReceivedAlert takeAlert() {
        ReceivedAlert received = alert;
        if (received == null) {
            throw new IllegalStateException("no alert is ready");
        }
        alert = null;
        return received;
    }

    /** Bytes of received application data not yet read. */
    public int applicationDataAvailable() {
        return applicationDataPending ? plaintext.remaining() : 0;
    }

    /**
     * Copies received application data into {@code destination} (as much as fits); what does not fit
     * stays for the next call.
     */
    public int readApplicationData(ByteBuffer destination) {
        if (!applicationDataPending) {
            return 0;
        }
        int count = Math.min(destination.remaining(), plaintext.remaining());
        int limit = plaintext.limit();
        plaintext.limit(plaintext.position() + count);
        destination.put(plaintext);
        plaintext.limit(limit);
        if (!plaintext.hasRemaining()) {
            applicationDataPending = false;
        }
        return count;
    }

    /** Whether part of a handshake message is buffered, waiting for its next fragment. */
    public boolean hasPartialHandshakeMessage() {
        return handshakeBuffered != 0;
    }

    // =====================================================================================
    // Outbound
    // =====================================================================================

    /** Queues an encoded handshake message; it is sealed at the next flush or non-handshake write. */
    public void writeHandshake(HandshakeMessage message) {
        byte[] encoded = message.encoded();
        if (pendingHandshake.length - pendingHandshakeLength < encoded.length) {
            pendingHandshake = Arrays.copyOf(pendingHandshake,
                    Math.max(pendingHandshake.length * 2, pendingHandshakeLength + encoded.length));
        }
        System.arraycopy(encoded, 0, pendingHandshake, pendingHandshakeLength, encoded.length);
        pendingHandshakeLength += encoded.length;
    }

    /** Seals queued handshake messages into records, as few as the size limit allows. */
    public void flushHandshake() throws TlsException {
        if (pendingHandshakeLength == 0) {
            return;
        }
        int chunk = maxContent(sendPlaintextLimit, writeProtection);
        ByteBuffer source = ByteBuffer.wrap(pendingHandshake, 0, pendingHandshakeLength);
        while (source.hasRemaining()) {
            int count = Math.min(chunk, source.remaining());
            sealSlice(ContentType.HANDSHAKE, source, count, writeProtection);
        }
        pendingHandshakeLength = 0;
    }

    /** Seals an alert record now (after any queued handshake data). */
    public void writeAlert(AlertLevel level, AlertDescription description) throws TlsException {
        flushHandshake();
        singleByte.clear();
        singleByte.put((byte) level.code()).put((byte) description.code()).flip();
        sealSlice(ContentType.ALERT, singleByte, 2, writeProtection);
    }

    /**
     * Writes a change_cipher_spec record. In TLS 1.3 it is the middlebox-compatibility record and
     * always goes out in plaintext (RFC 8446 §5, Appendix D.4).
     */
    public void writeChangeCipherSpec() throws TlsException {
        flushHandshake();
        singleByte.clear();
        singleByte.put((byte) 1).flip();
        if (writeProtection.isTls13()) {
            ensureOutboundRoom(HEADER_LENGTH + 1);
            outbound.put((byte) ContentType.CHANGE_CIPHER_SPEC.code()).put((byte) 0x03).put((byte) 0x03)
                    .put((byte) 0).put((byte) 1).put((byte) 1);
            return;
        }
        sealSlice(ContentType.CHANGE_CIPHER_SPEC, singleByte, 1, writeProtection);
    }

    /**
     * Seals all of {@code source}'s remaining bytes as application data. With SSL 3.0 / TLS 1.0 CBC
     * each record is split 1/n-1 unless disabled (the BEAST countermeasure).
     *
     * @throws IllegalStateException if no keys are installed for writing
     * @throws TlsException          if the keys reached their usage limit (update keys or close)
     */
    public void writeApplicationData(ByteBuffer source) throws TlsException {
        if (!writeProtection.isProtected()) {
            throw new IllegalStateException("application data cannot be sent before keys are established");
        }
        flushHandshake();
        int chunk = maxContent(sendPlaintextLimit, writeProtection);
        boolean split = settings.splitApplicationData()
                && writeProtection instanceof CbcProtection cbc && cbc.needsRecordSplitting();
        while (source.hasRemaining()) {
            int count = Math.min(chunk, source.remaining());
            if (split && count > 1) {
                sealSlice(ContentType.APPLICATION_DATA, source, 1, writeProtection);
                count--;
            }
            sealSlice(ContentType.APPLICATION_DATA, source, count, writeProtection);
        }
    }

    private void sealSlice(ContentType type, ByteBuffer source, int count, RecordProtection protection)
            throws TlsException {
        ensureOutboundRoom(HEADER_LENGTH + count + protection.maxOverhead());
        int limit = source.limit();
        source.limit(source.position() + count);
        try {
            int version = protection.isTls13() ? TLS13_LEGACY_VERSION : writeVersion;
            protection.seal(type, version, source, outbound);
        } finally {
            source.limit(limit);
        }
    }

    private void ensureOutboundRoom(int needed) {
        if (outbound.remaining() < needed) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(outbound.capacity() * 2, outbound.position() + needed));
            outbound.flip();
            larger.put(outbound);
            outbound = larger;
        }
    }

    /** Sealed bytes waiting to go to the network. */
    public int pendingOutput() {
        return outbound.position();
    }

    /** Moves as many sealed bytes as fit into {@code destination}; returns how many. */
    public int drainOutput(ByteBuffer destination) {
        outbound.flip();
        int count = Math.min(destination.remaining(), outbound.remaining());
        int limit = outbound.limit();
        outbound.limit(outbound.position() + count);
        destination.put(outbound);
        outbound.limit(limit);
        outbound.compact();
        return count;
    }

    /** All sealed bytes waiting to go out. */
    public byte[] drainOutput() {
        byte[] bytes = new byte[outbound.position()];
        drainOutput(ByteBuffer.wrap(bytes));
        return bytes;
    }
}
