package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * status_request with empty {@code extension_data}: in a TLS ≤ 1.2 ServerHello, the server's promise
 * to send a CertificateStatus message (RFC 6066 §8); in a TLS 1.3 CertificateRequest, the server
 * asking the client to staple an OCSP response (RFC 8446 §4.4.2.1).
 */
public record EmptyStatusRequest() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.STATUS_REQUEST.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static EmptyStatusRequest decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.STATUS_REQUEST.rfcName());
        return new EmptyStatusRequest();
    }

    @Override
    public String toString() {
        return ExtensionType.STATUS_REQUEST.rfcName() + "{}";
    }
}
