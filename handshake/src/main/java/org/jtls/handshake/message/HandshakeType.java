package org.jtls.handshake.message;

import java.util.Locale;
import java.util.Optional;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * The {@code HandshakeType} registry (RFC 8446 §4, RFC 5246 §7.4, RFC 6066, RFC 8879), the
 * {@code msg_type} byte in front of every handshake message. An unknown type has no constant: the
 * state machine answers it with unexpected_message.
 */
public enum HandshakeType {
    /** TLS ≤ 1.2: the server asks for a renegotiation. */
    HELLO_REQUEST(0),
    CLIENT_HELLO(1),
    /** Also a TLS 1.3 HelloRetryRequest, told apart by its random (RFC 8446 §4.1.3). */
    SERVER_HELLO(2),
    /** DTLS only (RFC 6347 §4.2.1); listed so traces name it. */
    HELLO_VERIFY_REQUEST(3),
    /** TLS 1.2 with RFC 5077 tickets, and TLS 1.3. */
    NEW_SESSION_TICKET(4),
    /** TLS 1.3. */
    END_OF_EARLY_DATA(5),
    /** TLS 1.3. */
    ENCRYPTED_EXTENSIONS(8),
    CERTIFICATE(11),
    /** TLS ≤ 1.2. */
    SERVER_KEY_EXCHANGE(12),
    CERTIFICATE_REQUEST(13),
    /** TLS ≤ 1.2. */
    SERVER_HELLO_DONE(14),
    CERTIFICATE_VERIFY(15),
    /** TLS ≤ 1.2. */
    CLIENT_KEY_EXCHANGE(16),
    FINISHED(20),
    /** RFC 6066 §5; not implemented, listed so traces name it. */
    CERTIFICATE_URL(21),
    /** TLS ≤ 1.2 OCSP stapling (RFC 6066 §8). */
    CERTIFICATE_STATUS(22),
    /** RFC 4680; not implemented, listed so traces name it. */
    SUPPLEMENTAL_DATA(23),
    /** TLS 1.3. */
    KEY_UPDATE(24),
    /** RFC 8879; not implemented, listed so traces name it. */
    COMPRESSED_CERTIFICATE(25),
    /**
     * Never sent: the synthetic message that replaces ClientHello1 in the transcript after a
     * HelloRetryRequest (RFC 8446 §4.4.1).
     */
    MESSAGE_HASH(254);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC's spelling: {@code client_hello}. */
    public String rfcName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HandshakeType> fromCode(int code) {
        for (HandshakeType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * A reader over {@code message}'s body, after checking that the message is of this type.
     *
     * @throws TlsAlertException unexpected_message if it is another type
     */
    public TlsReader bodyOf(HandshakeMessage message) throws TlsAlertException {
        if (message.type() != code) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "expected " + rfcName() + ", received " + CodeNames.handshakeType(message.type()));
        }
        return TlsReader.of(message.body());
    }
}
