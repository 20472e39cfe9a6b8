package org.jtls.handshake.message.extension;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * One entry of a server_name list (RFC 6066 §3): {@code NameType name_type} and, for host_name(0),
 * {@code opaque HostName<1..2^16-1>}. RFC 6066 requires future name types to begin with a 16-bit
 * length too, so entries of unknown types are read the same way and kept.
 */
public record ServerName(int nameType, Opaque name) {
    public static final int HOST_NAME = 0;

    public ServerName {
        Checks.range(nameType, 0, 0xFF, "name_type");
        Checks.length(name, 1, 0xFFFF, "server name");
    }

    /** A host_name entry; RFC 6066 §3: ASCII, without a trailing dot. */
    public static ServerName hostName(String hostName) {
        return new ServerName(HOST_NAME, Opaque.of(hostName.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The name as text if this is a host_name entry (bytes outside ASCII show as themselves in Latin-1). */
    public Optional<String> hostName() {
        return nameType == HOST_NAME
                ? Optional.of(new String(name.toByteArray(), StandardCharsets.ISO_8859_1))
                : Optional.empty();
    }

    public void encode(TlsWriter writer) {
        writer.u8(nameType);
        Vectors.writeOpaque(writer, 2, name);
    }

    public static ServerName decode(TlsReader reader) throws TlsAlertException {
        int nameType = reader.u8("name_type");
        return new ServerName(nameType, Vectors.readOpaque(reader, 2, 1, 0xFFFF, "server name"));
    }

    @Override
    public String toString() {
        return hostName().map(host -> "host_name=" + host).orElse("name_type " + nameType + "=" + name);
    }
}
