package org.jtls.handshake.message.extension;

import java.util.Optional;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * key_share in a HelloRetryRequest (RFC 8446 §4.2.8): {@code NamedGroup selected_group}, the group
 * the client should send a share for in its second ClientHello.
 */
public record KeyShareHelloRetryRequest(int selectedGroupCode) implements Extension {
    public KeyShareHelloRetryRequest {
        Checks.range(selectedGroupCode, 0, 0xFFFF, "selected_group");
    }

    public static KeyShareHelloRetryRequest of(NamedGroup group) {
        return new KeyShareHelloRetryRequest(group.code());
    }

    public Optional<NamedGroup> selectedGroup() {
        return NamedGroup.fromCode(selectedGroupCode);
    }

    @Override
    public int typeCode() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u16(selectedGroupCode);
    }

    public static KeyShareHelloRetryRequest decode(TlsReader data) throws TlsAlertException {
        int group = data.u16("selected_group");
        data.expectEnd("key_share");
        return new KeyShareHelloRetryRequest(group);
    }

    @Override
    public String toString() {
        return "key_share{selected_group=" + CodeNames.namedGroup(selectedGroupCode) + "}";
    }
}
