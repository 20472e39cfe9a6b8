package org.jtls.handshake.message.extension;

import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE;
import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.CLIENT_HELLO;
import static org.jtls.handshake.message.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static org.jtls.handshake.message.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.NEW_SESSION_TICKET;
import static org.jtls.handshake.message.extension.ExtensionContext.SERVER_HELLO;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jtls.handshake.message.Grease;

/**
 * The TLS ExtensionType registry entries jtls knows by name, with the TLS 1.3 messages each may
 * appear in (the table of RFC 8446 §4.2, extended by the RFCs that defined later extensions).
 *
 * <p>Codes that are not listed, GREASE values among them, have no constant: extensions of those
 * types are kept as {@link RawExtension}s and ignored, as RFC 8446 §4.2 and RFC 5246 §7.4.1.4
 * require. Some listed types are only named, for traces, and are also kept raw.
 */
public enum ExtensionType {
    SERVER_NAME(0, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    MAX_FRAGMENT_LENGTH(1, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    STATUS_REQUEST(5, CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE),
    SUPPORTED_GROUPS(10, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** TLS ≤ 1.2 (RFC 8422 §5.1.2); a TLS 1.3 ClientHello carries it for servers that negotiate 1.2. */
    EC_POINT_FORMATS(11, CLIENT_HELLO),
    SIGNATURE_ALGORITHMS(13, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 5764; named only. */
    USE_SRTP(14, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 6520; named only. */
    HEARTBEAT(15, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    APPLICATION_LAYER_PROTOCOL_NEGOTIATION(16, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 6961 (TLS ≤ 1.2); named only. */
    STATUS_REQUEST_V2(17, CLIENT_HELLO),
    SIGNED_CERTIFICATE_TIMESTAMP(18, CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE),
    /** RFC 7250; named only. */
    CLIENT_CERTIFICATE_TYPE(19, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 7250; named only. */
    SERVER_CERTIFICATE_TYPE(20, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    PADDING(21, CLIENT_HELLO),
    /** TLS ≤ 1.2 (RFC 7366). */
    ENCRYPT_THEN_MAC(22, CLIENT_HELLO),
    /** TLS ≤ 1.2 (RFC 7627). */
    EXTENDED_MASTER_SECRET(23, CLIENT_HELLO),
    /** RFC 8879; named only. */
    COMPRESS_CERTIFICATE(27, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 8449 §5: ClientHello and EncryptedExtensions in TLS 1.3 (and ServerHello in TLS 1.2). */
    RECORD_SIZE_LIMIT(28, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 9345; named only. */
    DELEGATED_CREDENTIAL(34, CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE),
    /** TLS ≤ 1.2 (RFC 5077). */
    SESSION_TICKET(35, CLIENT_HELLO),
    PRE_SHARED_KEY(41, CLIENT_HELLO, SERVER_HELLO),
    EARLY_DATA(42, CLIENT_HELLO, ENCRYPTED_EXTENSIONS, NEW_SESSION_TICKET),
    SUPPORTED_VERSIONS(43, CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST),
    COOKIE(44, CLIENT_HELLO, HELLO_RETRY_REQUEST),
    PSK_KEY_EXCHANGE_MODES(45, CLIENT_HELLO),
    CERTIFICATE_AUTHORITIES(47, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 8446 §4.2.5; named only. */
    OID_FILTERS(48, CERTIFICATE_REQUEST),
    POST_HANDSHAKE_AUTH(49, CLIENT_HELLO),
    SIGNATURE_ALGORITHMS_CERT(50, CLIENT_HELLO, CERTIFICATE_REQUEST),
    KEY_SHARE(51, CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST),
    /** draft-ietf-tls-esni; named only. */
    ENCRYPTED_CLIENT_HELLO(0xFE0D, CLIENT_HELLO, ENCRYPTED_EXTENSIONS, HELLO_RETRY_REQUEST),
    /** TLS ≤ 1.2 (RFC 5746). */
    RENEGOTIATION_INFO(0xFF01, CLIENT_HELLO);

    private final int code;
    private final Set<ExtensionContext> tls13Contexts;

    ExtensionType(int code, ExtensionContext first, ExtensionContext... more) {
        this.code = code;
        this.tls13Contexts = EnumSet.of(first, more);
    }

    public int code() {
        return code;
    }

    /** The RFC's spelling: {@code key_share}. */
    public String rfcName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this extension may appear in {@code context} in TLS 1.3. RFC 8446 §4.2: an extension
     * that is recognized but not specified for the message it appears in is an illegal_parameter.
     * The TLS ≤ 1.2 extensions are allowed only in the ClientHello, which also offers TLS 1.2.
     */
    public boolean allowedInTls13(ExtensionContext context) {
        return tls13Contexts.contains(context);
    }

    public static Optional<ExtensionType> fromCode(int code) {
        for (ExtensionType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code code} is a GREASE extension type (RFC 8701 §2). */
    public static boolean isGrease(int code) {
        return Grease.isGrease(code);
    }
}
