package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * signed_certificate_timestamp as a request, in a ClientHello or TLS 1.3 CertificateRequest: empty
 * (RFC 6962 §3.3.1).
 */
public record SignedCertificateTimestampRequest() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static SignedCertificateTimestampRequest decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.rfcName());
        return new SignedCertificateTimestampRequest();
    }

    @Override
    public String toString() {
        return ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.rfcName() + "{}";
    }
}
