package org.jtls.handshake.message.extension;

import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE;
import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.CLIENT_HELLO;
import static org.jtls.handshake.message.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static org.jtls.handshake.message.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.NEW_SESSION_TICKET;
import static org.jtls.handshake.message.extension.ExtensionContext.SERVER_HELLO;

import java.util.Optional;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * Which form each extension takes in each message: the one place that maps (type, context) to a
 * decoder. A known type in a message where it has no defined form is kept as a
 * {@link RawExtension}; whether that is an error (illegal_parameter in TLS 1.3, unsupported_extension
 * in TLS 1.2) is the state machine's call, with {@link Extensions#requireAllowedInTls13}.
 */
final class ExtensionForms {
    private ExtensionForms() {
    }

    /** Decodes {@code data}, exactly the {@code extension_data} of one extension of type {@code typeCode}. */
    static Extension decode(int typeCode, TlsReader data, ExtensionContext context) throws TlsAlertException {
        Optional<ExtensionType> known = ExtensionType.fromCode(typeCode);
        if (known.isEmpty()) {
            return RawExtension.decode(typeCode, data);
        }
        ExtensionType type = known.get();
        return switch (type) {
            case SERVER_NAME -> context == CLIENT_HELLO ? ServerNameList.decode(data)
                    : in(context, SERVER_HELLO, ENCRYPTED_EXTENSIONS) ? ServerNameAck.decode(data) : raw(type, data);
            case MAX_FRAGMENT_LENGTH -> in(context, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS)
                    ? MaxFragmentLength.decode(data) : raw(type, data);
            case STATUS_REQUEST -> context == CLIENT_HELLO ? OcspStatusRequest.decode(data)
                    : in(context, SERVER_HELLO, CERTIFICATE_REQUEST) ? EmptyStatusRequest.decode(data)
                    : context == CERTIFICATE ? StapledOcspResponse.decode(data) : raw(type, data);
            case SUPPORTED_GROUPS -> in(context, CLIENT_HELLO, ENCRYPTED_EXTENSIONS)
                    ? SupportedGroups.decode(data) : raw(type, data);
            case EC_POINT_FORMATS -> in(context, CLIENT_HELLO, SERVER_HELLO)
                    ? EcPointFormats.decode(data) : raw(type, data);
            case SIGNATURE_ALGORITHMS -> in(context, CLIENT_HELLO, CERTIFICATE_REQUEST)
                    ? SignatureAlgorithms.decode(data) : raw(type, data);
            case SIGNATURE_ALGORITHMS_CERT -> in(context, CLIENT_HELLO, CERTIFICATE_REQUEST)
                    ? SignatureAlgorithmsCert.decode(data) : raw(type, data);
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> context == CLIENT_HELLO ? AlpnOffer.decode(data)
                    : in(context, SERVER_HELLO, ENCRYPTED_EXTENSIONS) ? AlpnSelection.decode(data) : raw(type, data);
            case SIGNED_CERTIFICATE_TIMESTAMP -> in(context, CLIENT_HELLO, CERTIFICATE_REQUEST)
                    ? SignedCertificateTimestampRequest.decode(data)
                    : in(context, SERVER_HELLO, CERTIFICATE) ? SignedCertificateTimestamps.decode(data)
                    : raw(type, data);
            case PADDING -> context == CLIENT_HELLO ? Padding.decode(data) : raw(type, data);
            case ENCRYPT_THEN_MAC -> in(context, CLIENT_HELLO, SERVER_HELLO)
                    ? EncryptThenMac.decode(data) : raw(type, data);
            case EXTENDED_MASTER_SECRET -> in(context, CLIENT_HELLO, SERVER_HELLO)
                    ? ExtendedMasterSecret.decode(data) : raw(type, data);
            case RECORD_SIZE_LIMIT -> in(context, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS)
                    ? RecordSizeLimit.decode(data) : raw(type, data);
            case SESSION_TICKET -> in(context, CLIENT_HELLO, SERVER_HELLO)
                    ? SessionTicket.decode(data) : raw(type, data);
            case PRE_SHARED_KEY -> context == CLIENT_HELLO ? PreSharedKeyOffer.decode(data)
                    : context == SERVER_HELLO ? PreSharedKeySelection.decode(data) : raw(type, data);
            case EARLY_DATA -> in(context, CLIENT_HELLO, ENCRYPTED_EXTENSIONS) ? EarlyDataIndication.decode(data)
                    : context == NEW_SESSION_TICKET ? EarlyDataMaxSize.decode(data) : raw(type, data);
            case SUPPORTED_VERSIONS -> context == CLIENT_HELLO ? SupportedVersionsOffer.decode(data)
                    : in(context, SERVER_HELLO, HELLO_RETRY_REQUEST) ? SupportedVersionSelection.decode(data)
                    : raw(type, data);
            case COOKIE -> in(context, CLIENT_HELLO, HELLO_RETRY_REQUEST) ? Cookie.decode(data) : raw(type, data);
            case PSK_KEY_EXCHANGE_MODES -> context == CLIENT_HELLO ? PskKeyExchangeModes.decode(data) : raw(type, data);
            case CERTIFICATE_AUTHORITIES -> in(context, CLIENT_HELLO, CERTIFICATE_REQUEST)
                    ? CertificateAuthorities.decode(data) : raw(type, data);
            case POST_HANDSHAKE_AUTH -> context == CLIENT_HELLO ? PostHandshakeAuth.decode(data) : raw(type, data);
            case KEY_SHARE -> context == CLIENT_HELLO ? KeyShareClientHello.decode(data)
                    : context == SERVER_HELLO ? KeyShareServerHello.decode(data)
                    : context == HELLO_RETRY_REQUEST ? KeyShareHelloRetryRequest.decode(data) : raw(type, data);
            case RENEGOTIATION_INFO -> in(context, CLIENT_HELLO, SERVER_HELLO)
                    ? RenegotiationInfo.decode(data) : raw(type, data);
            // Named for traces only: jtls does not implement these, so their content stays bytes.
            case USE_SRTP, HEARTBEAT, STATUS_REQUEST_V2, CLIENT_CERTIFICATE_TYPE, SERVER_CERTIFICATE_TYPE,
                    COMPRESS_CERTIFICATE, DELEGATED_CREDENTIAL, OID_FILTERS, ENCRYPTED_CLIENT_HELLO -> raw(type, data);
        };
    }

    private static boolean in(ExtensionContext context, ExtensionContext... contexts) {
        for (ExtensionContext candidate : contexts) {
            if (candidate == context) {
                return true;
            }
        }
        return false;
    }

    private static RawExtension raw(ExtensionType type, TlsReader data) {
        return RawExtension.decode(type.code(), data);
    }
}
