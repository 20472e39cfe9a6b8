package org.jtls.handshake.message.extension;

import java.util.Optional;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * supported_versions in a ServerHello or HelloRetryRequest (RFC 8446 §4.2.1): the one
 * {@code ProtocolVersion selected_version}.
 */
public record SupportedVersionSelection(int versionCode) implements Extension {
    public SupportedVersionSelection {
        Checks.range(versionCode, 0, 0xFFFF, "selected_version");
    }

    public static SupportedVersionSelection of(ProtocolVersion version) {
        return new SupportedVersionSelection(version.code());
    }

    public Optional<ProtocolVersion> version() {
        return ProtocolVersion.fromCode(versionCode);
    }

    @Override
    public int typeCode() {
        return ExtensionType.SUPPORTED_VERSIONS.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u16(versionCode);
    }

    public static SupportedVersionSelection decode(TlsReader data) throws TlsAlertException {
        int code = data.u16("selected_version");
        data.expectEnd("supported_versions");
        return new SupportedVersionSelection(code);
    }

    @Override
    public String toString() {
        return "supported_versions{selected_version=" + CodeNames.version(versionCode) + "}";
    }
}
