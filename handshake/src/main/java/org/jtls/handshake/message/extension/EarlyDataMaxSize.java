package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * early_data in a TLS 1.3 NewSessionTicket (RFC 8446 §4.2.10): {@code uint32 max_early_data_size},
 * the most 0-RTT bytes the server accepts with this ticket.
 */
public record EarlyDataMaxSize(long maxEarlyDataSize) implements Extension {
    public EarlyDataMaxSize {
        Checks.u32(maxEarlyDataSize, "max_early_data_size");
    }

    @Override
    public int typeCode() {
        return ExtensionType.EARLY_DATA.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u32(maxEarlyDataSize);
    }

    public static EarlyDataMaxSize decode(TlsReader data) throws TlsAlertException {
        long size = data.u32("max_early_data_size");
        data.expectEnd("early_data");
        return new EarlyDataMaxSize(size);
    }

    @Override
    public String toString() {
        return "early_data{max_early_data_size=" + maxEarlyDataSize + "}";
    }
}
