package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * record_size_limit (RFC 8449 §4): {@code uint16 RecordSizeLimit}, the largest record plaintext the
 * sender is willing to receive; at least 64. The same form in a ClientHello, a TLS 1.2 ServerHello
 * and TLS 1.3 EncryptedExtensions.
 */
public record RecordSizeLimit(int limit) implements Extension {
    public static final int MINIMUM = 64;

    public RecordSizeLimit {
        Checks.range(limit, MINIMUM, 0xFFFF, "record_size_limit");
    }

    @Override
    public int typeCode() {
        return ExtensionType.RECORD_SIZE_LIMIT.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u16(limit);
    }

    public static RecordSizeLimit decode(TlsReader data) throws TlsAlertException {
        int limit = data.u16("record_size_limit");
        data.expectEnd("record_size_limit");
        if (limit < MINIMUM) {
            // RFC 8449 §4: "An endpoint MUST treat receipt of a smaller value as a fatal error and
            // generate an "illegal_parameter" alert."
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "record_size_limit " + limit + " is below the minimum of " + MINIMUM);
        }
        return new RecordSizeLimit(limit);
    }

    @Override
    public String toString() {
        return "record_size_limit{" + limit + "}";
    }
}
