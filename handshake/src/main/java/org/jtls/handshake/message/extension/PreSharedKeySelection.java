package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * pre_shared_key in a ServerHello (RFC 8446 §4.2.11): {@code uint16 selected_identity}, a zero-based
 * index into the client's identities. (Whether it is in range is for the client to check, against
 * its own offer: illegal_parameter.)
 */
public record PreSharedKeySelection(int selectedIdentity) implements Extension {
    public PreSharedKeySelection {
        Checks.range(selectedIdentity, 0, 0xFFFF, "selected_identity");
    }

    @Override
    public int typeCode() {
        return ExtensionType.PRE_SHARED_KEY.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u16(selectedIdentity);
    }

    public static PreSharedKeySelection decode(TlsReader data) throws TlsAlertException {
        int selected = data.u16("selected_identity");
        data.expectEnd("pre_shared_key");
        return new PreSharedKeySelection(selected);
    }

    @Override
    public String toString() {
        return "pre_shared_key{selected_identity=" + selectedIdentity + "}";
    }
}
