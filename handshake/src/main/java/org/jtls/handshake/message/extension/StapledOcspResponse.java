package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * status_request in a TLS 1.3 CertificateEntry: the stapled OCSP response, as the body of a TLS 1.2
 * CertificateStatus message (RFC 8446 §4.4.2.1, RFC 6066 §8):
 * {@code status_type = ocsp(1); opaque OCSPResponse<1..2^24-1>}. The DER response is kept as bytes.
 */
public record StapledOcspResponse(Opaque ocspResponse) implements Extension {
    public StapledOcspResponse {
        // The extension's own 16-bit length caps the response below the 2^24-1 the type allows.
        Checks.length(ocspResponse, 1, 0xFFFF - 4, "OCSPResponse");
    }

    @Override
    public int typeCode() {
        return ExtensionType.STATUS_REQUEST.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u8(OcspStatusRequest.OCSP);
        Vectors.writeOpaque(writer, 3, ocspResponse);
    }

    /** Decodes the response; a status type other than ocsp is returned as a {@link RawExtension}. */
    public static Extension decode(TlsReader data) throws TlsAlertException {
        byte[] all = data.rest();
        TlsReader reader = TlsReader.of(all);
        int statusType = reader.u8("status_type");
        if (statusType != OcspStatusRequest.OCSP) {
            return new RawExtension(ExtensionType.STATUS_REQUEST.code(), Opaque.of(all));
        }
        Opaque response = Vectors.readOpaque(reader, 3, 1, 0xFFFF - 4, "OCSPResponse");
        reader.expectEnd("status_request");
        return new StapledOcspResponse(response);
    }

    @Override
    public String toString() {
        return "status_request{ocsp response=" + ocspResponse + "}";
    }
}
