package org.jtls.handshake.message.extension;

import java.util.Objects;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * An extension kept as bytes: its type is unknown (GREASE included), or jtls has no form for it in
 * this message, or it is a kind of content jtls does not interpret (a status_request for a status
 * type other than OCSP). Unknown extensions are ignored by the protocol (RFC 8446 §4.2) but kept here
 * in order, for traces and for researchers.
 *
 * <p>Built by hand with a known type, this is also how to send deliberately malformed content for
 * that type: it is encoded exactly as given.
 */
public record RawExtension(int typeCode, Opaque data) implements Extension {
    public RawExtension {
        Checks.range(typeCode, 0, 0xFFFF, "extension_type");
        Checks.length(Objects.requireNonNull(data, "data"), 0, 0xFFFF, "extension_data");
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.bytes(data.toByteArray());
    }

    /** Takes everything left in {@code data}. */
    public static RawExtension decode(int typeCode, TlsReader data) {
        return new RawExtension(typeCode, Opaque.of(data.rest()));
    }

    @Override
    public String toString() {
        return CodeNames.extensionType(typeCode) + "{raw=" + data + "}";
    }
}
