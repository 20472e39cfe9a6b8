package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * supported_groups (RFC 8446 §4.2.7, RFC 8422 §5.1.1): {@code NamedGroup named_group_list<2..2^16-1>},
 * in a ClientHello (preference order) or TLS 1.3 EncryptedExtensions. Codes are kept as numbers so
 * that unknown and GREASE groups survive a round trip.
 */
public record SupportedGroups(List<Integer> groupCodes) implements Extension {
    public SupportedGroups {
        groupCodes = Checks.codes(groupCodes, 1, 0x7FFF, 0xFFFF, "named_group_list");
    }

    public static SupportedGroups of(List<NamedGroup> groups) {
        List<Integer> codes = new ArrayList<>();
        for (NamedGroup group : groups) {
            codes.add(group.code());
        }
        return new SupportedGroups(codes);
    }

    /** The groups jtls knows, in the peer's order; unknown and GREASE codes are skipped. */
    public List<NamedGroup> knownGroups() {
        List<NamedGroup> known = new ArrayList<>();
        for (int code : groupCodes) {
            NamedGroup.fromCode(code).ifPresent(known::add);
        }
        return List.copyOf(known);
    }

    public boolean contains(NamedGroup group) {
        return groupCodes.contains(group.code());
    }

    @Override
    public int typeCode() {
        return ExtensionType.SUPPORTED_GROUPS.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeU16List(writer, 2, 0xFFFF, groupCodes);
    }

    public static SupportedGroups decode(TlsReader data) throws TlsAlertException {
        List<Integer> codes = Vectors.readU16List(data, 2, 2, 0xFFFF, "named_group_list");
        data.expectEnd("supported_groups");
        return new SupportedGroups(codes);
    }

    @Override
    public String toString() {
        return "supported_groups{" + CodeNames.list(groupCodes, CodeNames::namedGroup) + "}";
    }
}
