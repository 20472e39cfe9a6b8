package org.jtls.handshake.message.extension;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** encrypt_then_mac (RFC 7366 §2): empty in both hellos; TLS ≤ 1.2 CBC suites only. */
public record EncryptThenMac() implements Extension {
    @Override
    public int typeCode() {
        return ExtensionType.ENCRYPT_THEN_MAC.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        // empty extension_data
    }

    /** @throws TlsAlertException decode_error if {@code data} is not empty */
    public static EncryptThenMac decode(TlsReader data) throws TlsAlertException {
        data.expectEnd(ExtensionType.ENCRYPT_THEN_MAC.rfcName());
        return new EncryptThenMac();
    }

    @Override
    public String toString() {
        return ExtensionType.ENCRYPT_THEN_MAC.rfcName() + "{}";
    }
}
