package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * early_data in a ClientHello (the client sends 0-RTT data) or in EncryptedExtensions (the server
 * accepts it): empty (RFC 8446 §4.2.10).
 */
public record EarlyDataIndication() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.EARLY_DATA.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static EarlyDataIndication decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.EARLY_DATA.rfcName());
        return new EarlyDataIndication();
    }

    @Override
    public String toString() {
        return ExtensionType.EARLY_DATA.rfcName() + "{}";
    }
}
