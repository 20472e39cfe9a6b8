package org.jtls.handshake.message;

import java.util.Objects;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * EncryptedExtensions in TLS 1.3 (RFC 8446 §4.3.1): {@code Extension extensions<0..2^16-1>}, the
 * server's answers that need no key-exchange context (server_name, ALPN, supported_groups,
 * early_data, record_size_limit, max_fragment_length).
 */
public record EncryptedExtensions(Extensions extensions) implements HandshakeBody {
    public EncryptedExtensions {
        Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encode(TlsWriter writer) {
        extensions.encode(writer);
    }

    public static EncryptedExtensions decode(TlsReader body) throws TlsAlertException {
        Extensions extensions = Extensions.decode(body, ExtensionContext.ENCRYPTED_EXTENSIONS);
        body.expectEnd("EncryptedExtensions");
        return new EncryptedExtensions(extensions);
    }

    @Override
    public String toString() {
        return "EncryptedExtensions{" + extensions + "}";
    }
}
