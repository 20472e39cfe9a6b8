package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * server_name in a ClientHello (RFC 6066 §3): {@code ServerName server_name_list<1..2^16-1>}, at
 * most one name of each name_type.
 */
public record ServerNameList(List<ServerName> serverNames) implements Extension {
    public ServerNameList {
        serverNames = List.copyOf(serverNames);
        Checks.count(serverNames.size(), 1, 0xFFFF / 4, "server_name_list");
        long encoded = 0;
        for (ServerName name : serverNames) {
            encoded += 3 + name.name().length();
        }
        if (encoded > 0xFFFF) {
            throw new IllegalArgumentException("server_name_list encodes to " + encoded + " bytes");
        }
        if (hasRepeatedNameType(serverNames)) {
            throw new IllegalArgumentException("server_name_list repeats a name_type (RFC 6066 §3)");
        }
    }

    /** The usual list: one host_name. */
    public static ServerNameList ofHostName(String hostName) {
        return new ServerNameList(List.of(ServerName.hostName(hostName)));
    }

    /** The host_name entry, if there is one. */
    public Optional<String> hostName() {
        for (ServerName name : serverNames) {
            if (name.nameType() == ServerName.HOST_NAME) {
                return name.hostName();
            }
        }
        return Optional.empty();
    }

    @Override
    public int typeCode() {
        return ExtensionType.SERVER_NAME.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.startVector(2, 0xFFFF);
        for (ServerName name : serverNames) {
            name.encode(writer);
        }
        writer.endVector();
    }

    public static ServerNameList decode(TlsReader data) throws TlsAlertException {
        TlsReader list = data.vector(2, 1, 0xFFFF, 1, "server_name_list");
        List<ServerName> names = new ArrayList<>();
        while (list.hasRemaining()) {
            names.add(ServerName.decode(list));
        }
        data.expectEnd("server_name");
        if (hasRepeatedNameType(names)) {
            // RFC 6066 §3: "The ServerNameList MUST NOT contain more than one name of the same name_type."
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "server_name lists more than one name of the same name_type");
        }
        return new ServerNameList(names);
    }

    private static boolean hasRepeatedNameType(List<ServerName> names) {
        Set<Integer> seen = new HashSet<>();
        for (ServerName name : names) {
            if (!seen.add(name.nameType())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "server_name{" + serverNames + "}";
    }
}
