package org.jtls.handshake.message;

import java.util.ArrayList;
import java.util.List;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * Certificate in TLS 1.3 (RFC 8446 §4.4.2): {@code opaque certificate_request_context<0..2^8-1>}
 * (empty in the server's handshake, the CertificateRequest's context in a client's reply) and
 * {@code CertificateEntry certificate_list<0..2^24-1>}, the end-entity certificate first.
 */
public record CertificateTls13(Opaque certificateRequestContext, List<CertificateEntry> certificateList)
        implements HandshakeBody {
    public CertificateTls13 {
        Checks.length(certificateRequestContext, 0, 0xFF, "certificate_request_context");
        certificateList = List.copyOf(certificateList);
        long listLength = 0;
        for (CertificateEntry entry : certificateList) {
            listLength += 3 + entry.certData().length() + entry.extensions().encodedLength();
        }
        if (listLength > 0xFFFFFF) {
            throw new IllegalArgumentException("certificate_list encodes to " + listLength + " bytes");
        }
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaque(writer, 1, certificateRequestContext);
        writer.startVector(3, 0xFFFFFF);
        for (CertificateEntry entry : certificateList) {
            entry.encode(writer);
        }
        writer.endVector();
    }

    public static CertificateTls13 decode(TlsReader body) throws TlsAlertException {
        Opaque context = Vectors.readOpaque(body, 1, 0, 0xFF, "certificate_request_context");
        TlsReader list = body.vector(3, 0, 0xFFFFFF, 1, "certificate_list");
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            entries.add(CertificateEntry.decode(list));
        }
        body.expectEnd("Certificate");
        return new CertificateTls13(context, entries);
    }

    @Override
    public String toString() {
        return "Certificate{certificate_request_context=" + certificateRequestContext
                + ", certificate_list=" + certificateList + "}";
    }
}
