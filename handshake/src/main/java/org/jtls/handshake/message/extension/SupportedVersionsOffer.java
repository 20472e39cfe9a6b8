package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * supported_versions in a ClientHello (RFC 8446 §4.2.1): {@code ProtocolVersion versions<2..254>},
 * in preference order. Codes are kept as numbers so that unknown and GREASE versions survive.
 */
public record SupportedVersionsOffer(List<Integer> versionCodes) implements Extension {
    public SupportedVersionsOffer {
        versionCodes = Checks.codes(versionCodes, 1, 127, 0xFFFF, "versions");
    }

    public static SupportedVersionsOffer of(List<ProtocolVersion> versions) {
        List<Integer> codes = new ArrayList<>();
        for (ProtocolVersion version : versions) {
            codes.add(version.code());
        }
        return new SupportedVersionsOffer(codes);
    }

    /** The versions jtls knows, in the client's order. */
    public List<ProtocolVersion> knownVersions() {
        List<ProtocolVersion> known = new ArrayList<>();
        for (int code : versionCodes) {
            ProtocolVersion.fromCode(code).ifPresent(known::add);
        }
        return List.copyOf(known);
    }

    public boolean contains(ProtocolVersion version) {
        return versionCodes.contains(version.code());
    }

    @Override
    public int typeCode() {
        return ExtensionType.SUPPORTED_VERSIONS.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeU16List(writer, 1, 254, versionCodes);
    }

    public static SupportedVersionsOffer decode(TlsReader data) throws TlsAlertException {
        List<Integer> codes = Vectors.readU16List(data, 1, 2, 254, "versions");
        data.expectEnd("supported_versions");
        return new SupportedVersionsOffer(codes);
    }

    @Override
    public String toString() {
        return "supported_versions{" + CodeNames.list(versionCodes, CodeNames::version) + "}";
    }
}
