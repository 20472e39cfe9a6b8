package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** post_handshake_auth (RFC 8446 §4.2.6): empty; the client accepts a CertificateRequest after the handshake. */
public record PostHandshakeAuth() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.POST_HANDSHAKE_AUTH.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static PostHandshakeAuth decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.POST_HANDSHAKE_AUTH.rfcName());
        return new PostHandshakeAuth();
    }

    @Override
    public String toString() {
        return ExtensionType.POST_HANDSHAKE_AUTH.rfcName() + "{}";
    }
}
