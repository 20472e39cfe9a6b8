package org.jtls.handshake.message;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * CertificateStatus in TLS ≤ 1.2 (RFC 6066 §8): {@code CertificateStatusType status_type = ocsp(1);
 * opaque OCSPResponse<1..2^24-1>}, the DER OCSP response kept as bytes. (TLS 1.3 carries the same
 * structure in a CertificateEntry extension instead.)
 */
public record CertificateStatus(Opaque ocspResponse) implements HandshakeBody {
    /** {@code CertificateStatusType ocsp(1)}. */
    public static final int OCSP = 1;

    public CertificateStatus {
        Checks.length(ocspResponse, 1, 0xFFFFFF, "OCSPResponse");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u8(OCSP);
        Vectors.writeOpaque(writer, 3, ocspResponse);
    }

    public static CertificateStatus decode(TlsReader body) throws TlsAlertException {
        int statusType = body.u8("status_type");
        if (statusType != OCSP) {
            // Only ocsp has a layout here (ocsp_multi belongs to status_request_v2, which jtls does
            // not offer), so another type is a value the client never asked for.
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "CertificateStatus status_type " + statusType + " is not ocsp(1)");
        }
        Opaque response = Vectors.readOpaque(body, 3, 1, 0xFFFFFF, "OCSPResponse");
        body.expectEnd("CertificateStatus");
        return new CertificateStatus(response);
    }

    @Override
    public String toString() {
        return "CertificateStatus{ocsp, response=" + ocspResponse + "}";
    }
}
