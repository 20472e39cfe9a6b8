package org.jtls.handshake.message;

import java.util.Objects;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * CertificateRequest in TLS 1.3 (RFC 8446 §4.3.2): {@code opaque certificate_request_context<0..2^8-1>}
 * and {@code Extension extensions<2..2^16-1>} (signature_algorithms is required, which the state
 * machine checks: missing_extension).
 */
public record CertificateRequestTls13(Opaque certificateRequestContext, Extensions extensions)
        implements HandshakeBody {
    public CertificateRequestTls13 {
        Checks.length(certificateRequestContext, 0, 0xFF, "certificate_request_context");
        Objects.requireNonNull(extensions, "extensions");
        if (extensions.encodedLength() - 2 < ExtensionContext.CERTIFICATE_REQUEST.blockFloor()) {
            throw new IllegalArgumentException("a TLS 1.3 CertificateRequest needs at least one extension");
        }
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 1, certificateRequestContext);
        extensions.encode(writer);
    }

    public static CertificateRequestTls13 decode(TlsReader body) throws TlsAlertException {
        Opaque context = Vectors.readOpaque(body, 1, 0, 0xFF, "certificate_request_context");
        Extensions extensions = Extensions.decode(body, ExtensionContext.CERTIFICATE_REQUEST);
        body.expectEnd("CertificateRequest");
        return new CertificateRequestTls13(context, extensions);
    }

    @Override
    public String toString() {
        return "CertificateRequest{certificate_request_context=" + certificateRequestContext + ", extensions="
                + extensions + "}";
    }
}
