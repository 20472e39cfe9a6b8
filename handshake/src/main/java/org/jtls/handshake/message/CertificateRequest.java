package org.jtls.handshake.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * CertificateRequest in SSL 3.0 through TLS 1.2 (RFC 5246 §7.4.4, RFC 4346 §7.4.4):
 * <pre>
 * ClientCertificateType certificate_types&lt;1..2^8-1&gt;;
 * SignatureAndHashAlgorithm supported_signature_algorithms&lt;2^16-1&gt;;   TLS 1.2 only
 * DistinguishedName certificate_authorities&lt;0..2^16-1&gt;;              opaque DistinguishedName&lt;1..2^16-1&gt;
 * </pre>
 * {@code supportedSignatureAlgorithms} is present exactly in TLS 1.2. RFC 5246 gives the list no
 * floor and earlier RFCs give certificate_authorities a floor of 3, but servers send empty ones; both
 * are accepted. TLS 1.3 has its own form, {@link CertificateRequestTls13}.
 */
public record CertificateRequest(List<Integer> certificateTypes, Optional<List<Integer>> supportedSignatureAlgorithms,
        List<Opaque> certificateAuthorities) implements HandshakeBody {
    public static final int RSA_SIGN = 1;
    public static final int ECDSA_SIGN = 64;

    public CertificateRequest {
        certificateTypes = Checks.codes(certificateTypes, 1, 0xFF, 0xFF, "certificate_types");
        Objects.requireNonNull(supportedSignatureAlgorithms, "supportedSignatureAlgorithms");
        supportedSignatureAlgorithms = supportedSignatureAlgorithms
                .map(schemes -> Checks.codes(schemes, 0, 0x7FFF, 0xFFFF, "supported_signature_algorithms"));
        certificateAuthorities = Checks.opaqueList(certificateAuthorities, 2, 1, 0xFFFF, 0, 0xFFFF,
                "certificate_authorities");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeU8List(writer, 0xFF, certificateTypes);
        supportedSignatureAlgorithms.ifPresent(schemes -> Vectors.writeU16List(writer, 2, 0xFFFE, schemes));
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 2, certificateAuthorities);
    }

    /**
     * Reads the body for {@code version} (SSL 3.0 to TLS 1.2), which decides whether signature
     * algorithms are present.
     */
    public static CertificateRequest decode(TlsReader body, ProtocolVersion version) throws TlsAlertException {
        Versions.requireBeforeTls13(version, "CertificateRequest");
        List<Integer> types = Vectors.readU8List(body, 1, 0xFF, "certificate_types");
        Optional<List<Integer>> schemes = Optional.empty();
        if (DigitallySigned.carriesScheme(version)) {
            schemes = Optional.of(Vectors.readU16List(body, 2, 0, 0xFFFE, "supported_signature_algorithms"));
        }
        List<Opaque> authorities = Vectors.readOpaqueList(body, 2, 0, 0xFFFF, 2, 1, 0xFFFF, "certificate_authorities");
        body.expectEnd("CertificateRequest");
        return new CertificateRequest(types, schemes, authorities);
    }

    @Override
    public String toString() {
        return "CertificateRequest{certificate_types=" + certificateTypes
                + supportedSignatureAlgorithms.map(schemes -> ", supported_signature_algorithms="
                        + CodeNames.list(schemes, CodeNames::signatureScheme)).orElse("")
                + ", certificate_authorities=" + certificateAuthorities + "}";
    }
}
