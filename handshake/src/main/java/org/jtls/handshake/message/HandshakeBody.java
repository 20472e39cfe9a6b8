package org.jtls.handshake.message;

import org.jtls.record.HandshakeMessage;
import org.jtls.record.codec.TlsWriter;

/**
 * A decoded handshake message: the body that travels under a {@code msg_type} and 24-bit length
 * header. Each implementation is an immutable record with {@code encode} (the body only) and a
 * static {@code decode} that reads exactly one body, taking as parameters whatever context the wire
 * format depends on (the protocol version, the key exchange, the Finished length).
 *
 * <p>Every decoder fails only with {@link org.jtls.record.TlsAlertException}: decode_error for
 * bytes that do not fit the structure, illegal_parameter for a well-formed field whose value the
 * RFC forbids.
 */
public sealed interface HandshakeBody permits HelloRequest, ClientHello, ServerHello, NewSessionTicket,
        NewSessionTicketTls13, EndOfEarlyData, EncryptedExtensions, Certificate, CertificateTls13,
        ServerKeyExchange, CertificateRequest, CertificateRequestTls13, ServerHelloDone, CertificateVerify,
        ClientKeyExchange, Finished, CertificateStatus, KeyUpdate {

    HandshakeType handshakeType();

    /** Writes the body, without the handshake header. */
    void encode(TlsWriter writer);

    default byte[] encodeBody() {
        TlsWriter writer = new TlsWriter();
        encode(writer);
        return writer.toByteArray();
    }

    /** The message with its header, as it enters the transcript and the record layer. */
    default HandshakeMessage toHandshakeMessage() {
        return HandshakeMessage.of(handshakeType().code(), encodeBody());
    }
}
