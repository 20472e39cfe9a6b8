package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** extended_master_secret (RFC 7627 §5.1): empty in both hellos; TLS ≤ 1.2. */
public record ExtendedMasterSecret() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.EXTENDED_MASTER_SECRET.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static ExtendedMasterSecret decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.EXTENDED_MASTER_SECRET.rfcName());
        return new ExtendedMasterSecret();
    }

    @Override
    public String toString() {
        return ExtensionType.EXTENDED_MASTER_SECRET.rfcName() + "{}";
    }
}
