package org.jtls.handshake.message.extension;

import java.util.Optional;
import org.jtls.record.codec.TlsWriter;

/**
 * One extension, decoded into the form its type has in the message it came in (see
 * {@link ExtensionContext}). Each implementation is an immutable record whose {@code encode} writes
 * the {@code extension_data} only and whose static {@code decode} reads exactly the
 * {@code extension_data}; {@link Extensions} writes and reads the type and length around them.
 */
public sealed interface Extension permits ServerNameList, ServerNameAck, MaxFragmentLength, OcspStatusRequest,
        EmptyStatusRequest, StapledOcspResponse, SupportedGroups, EcPointFormats, SignatureAlgorithms,
        SignatureAlgorithmsCert, AlpnOffer, AlpnSelection, SignedCertificateTimestampRequest,
        SignedCertificateTimestamps, Padding, EncryptThenMac, ExtendedMasterSecret, RecordSizeLimit, SessionTicket,
        PreSharedKeyOffer, PreSharedKeySelection, EarlyDataIndication, EarlyDataMaxSize, SupportedVersionsOffer,
        SupportedVersionSelection, Cookie, PskKeyExchangeModes, CertificateAuthorities, PostHandshakeAuth,
        KeyShareClientHello, KeyShareServerHello, KeyShareHelloRetryRequest, RenegotiationInfo, RawExtension {

    /** The {@code extension_type} code on the wire. */
    int typeCode();

    /** Writes the {@code extension_data}, without the type and length in front of it. */
    void encode(TlsWriter writer);

    /** The type, if jtls knows it by name. */
    default Optional<ExtensionType> type() {
        return ExtensionType.fromCode(typeCode());
    }

    /** The {@code extension_data} bytes. */
    default byte[] encodeData() {
        TlsWriter writer = new TlsWriter();
        encode(writer);
        return writer.toByteArray();
    }
}
