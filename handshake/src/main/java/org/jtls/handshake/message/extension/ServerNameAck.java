package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * The server's acknowledgement that it used the client's server_name: empty {@code extension_data}
 * (RFC 6066 §3), in a TLS ≤ 1.2 ServerHello or a TLS 1.3 EncryptedExtensions.
 */
public record ServerNameAck() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.SERVER_NAME.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static ServerNameAck decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.SERVER_NAME.rfcName());
        return new ServerNameAck();
    }

    @Override
    public String toString() {
        return ExtensionType.SERVER_NAME.rfcName() + "{}";
    }
}
