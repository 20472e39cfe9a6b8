package org.jtls.record;

import java.util.Optional;

/**
 * TLS alert descriptions: RFC 8446 §6 plus those only older versions define (RFC 5246 §7.2,
 * RFC 6101 §5.4.2). An unknown received code is kept as its number by {@link TlsAlertException}.
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    /** TLS 1.0 only; later versions send bad_record_mac instead (RFC 5246 §7.2.2). */
    DECRYPTION_FAILED(21),
    RECORD_OVERFLOW(22),
    /** SSL 3.0 only. */
    DECOMPRESSION_FAILURE(30),
    HANDSHAKE_FAILURE(40),
    /** SSL 3.0 only. */
    NO_CERTIFICATE(41),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    /** TLS 1.0 only. */
    EXPORT_RESTRICTION(60),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    /** TLS ≤ 1.2 (RFC 5246 §7.2.2), a warning. */
    NO_RENEGOTIATION(100),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    /** RFC 6066 §5 (removed from TLS 1.3). */
    CERTIFICATE_UNOBTAINABLE(111),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    /** RFC 6066 §5 (removed from TLS 1.3). */
    BAD_CERTIFICATE_HASH_VALUE(114),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC's spelling: {@code bad_record_mac}. */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<AlertDescription> fromCode(int code) {
        for (AlertDescription description : values()) {
            if (description.code == code) {
                return Optional.of(description);
            }
        }
        return Optional.empty();
    }
}
