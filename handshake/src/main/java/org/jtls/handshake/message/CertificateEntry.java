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
 * One certificate of a TLS 1.3 Certificate message (RFC 8446 §4.4.2): {@code opaque
 * cert_data<1..2^24-1>} (a DER certificate, or a SubjectPublicKeyInfo for raw public keys, RFC 7250)
 * and its {@code Extension extensions<0..2^16-1>} (status_request with an OCSP response,
 * signed_certificate_timestamp).
 */
public record CertificateEntry(Opaque certData, Extensions extensions) {
    public CertificateEntry {
        Checks.length(certData, 1, 0xFFFFFF, "cert_data");
        Objects.requireNonNull(extensions, "extensions");
    }

    public static CertificateEntry of(Opaque certData) {
        return new CertificateEntry(certData, Extensions.empty());
    }

    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 3, certData);
        extensions.encode(writer);
    }

    public static CertificateEntry decode(TlsReader reader) throws TlsAlertException {
        Opaque certData = Vectors.readOpaque(reader, 3, 1, 0xFFFFFF, "cert_data");
        return new CertificateEntry(certData, Extensions.decode(reader, ExtensionContext.CERTIFICATE));
    }

    @Override
    public String toString() {
        return "{cert_data=" + certData + ", extensions=" + extensions + "}";
    }
}
