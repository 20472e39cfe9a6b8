package org.jtls.handshake.message.extension;

import java.util.Objects;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/** key_share in a ServerHello (RFC 8446 §4.2.8): the one {@code KeyShareEntry server_share}. */
public record KeyShareServerHello(KeyShareEntry serverShare) implements Extension {
    public KeyShareServerHello {
        Objects.requireNonNull(serverShare, "server_share");
    }

    @Override
    public int typeCode() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        serverShare.encode(writer);
    }

    public static KeyShareServerHello decode(TlsReader data) throws TlsAlertException {
        KeyShareEntry share = KeyShareEntry.decode(data);
        data.expectEnd("key_share");
        return new KeyShareServerHello(share);
    }

    @Override
    public String toString() {
        return "key_share{server_share=" + serverShare + "}";
    }
}
