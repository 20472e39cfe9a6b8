package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * padding (RFC 7685 §3): {@code length} zero bytes that pad a ClientHello to a chosen size.
 */
public record Padding(int length) implements Extension {
    public Padding {
        Checks.range(length, 0, 0xFFFF, "padding length");
    }

    @Override
    public int typeCode() {
        return ExtensionType.PADDING.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.bytes(new byte[length]);
    }

    public static Padding decode(TlsReader data) throws TlsAlertException {
        byte[] zeros = data.rest();
        for (byte value : zeros) {
            if (value != 0) {
                // RFC 7685 §3: "The client MUST fill the padding extension completely with zero
                // bytes". Rejecting other bytes keeps the decoded value equal to what was sent.
                throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER, "padding contains a non-zero byte");
            }
        }
        return new Padding(zeros.length);
    }

    @Override
    public String toString() {
        return "padding{" + length + " zero bytes}";
    }
}
