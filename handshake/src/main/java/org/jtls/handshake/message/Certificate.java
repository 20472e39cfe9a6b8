package org.jtls.handshake.message;

import java.util.List;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * Certificate in SSL 3.0 through TLS 1.2 (RFC 5246 §7.4.2): {@code ASN.1Cert
 * certificate_list<0..2^24-1>}, each {@code opaque ASN.1Cert<1..2^24-1>}, the sender's certificate
 * first. The DER certificates are kept as bytes for the x509 module.
 *
 * <p>An empty list is a client without a certificate (RFC 5246 §7.4.6). SSL 3.0 wrote the list as
 * {@code <1..2^24-1>} and had the client send a no_certificate alert instead (RFC 6101 §5.6.2), but
 * implementations send the empty list there too; which to accept is the state machine's call.
 * TLS 1.3 has its own form, {@link CertificateTls13}.
 */
public record Certificate(List<Opaque> certificateList) implements HandshakeBody {
    public Certificate {
        certificateList = Checks.opaqueList(certificateList, 3, 1, 0xFFFFFF, 0, 0xFFFFFF, "certificate_list");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaqueList(writer, 3, 0xFFFFFF, 3, certificateList);
    }

    public static Certificate decode(TlsReader body) throws TlsAlertException {
        List<Opaque> certificates = Vectors.readOpaqueList(body, 3, 0, 0xFFFFFF, 3, 1, 0xFFFFFF, "certificate_list");
        body.expectEnd("Certificate");
        return new Certificate(certificates);
    }

    @Override
    public String toString() {
        return "Certificate{certificate_list=" + certificateList + "}";
    }
}
