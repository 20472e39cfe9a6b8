package org.jtls.handshake.core;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jtls.crypto.registry.ProtocolVersion;

/** Which protocol versions the engine implements, and small helpers around them. */
public final class Versions {
    /** What the engine can speak. */
    private static final List<ProtocolVersion> IMPLEMENTED = List.of(ProtocolVersion.TLS_1_3,
            ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3_0);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Versions() {
    }

    /** The configured versions the engine implements, highest first. */
    public static List<ProtocolVersion> implemented(List<ProtocolVersion> configured) {
        return configured.stream().filter(IMPLEMENTED::contains)
                .sorted(Comparator.reverseOrder()).distinct().toList();
    }

    /**
     * The record_size_limit value to advertise (RFC 8449 §4): the configured limit, except that the
     * default "no limit" (2^14) becomes TLS 1.3's 2^14 + 1 when TLS 1.3 is on offer.
     */
    public static int advertisedRecordSizeLimit(int configured, boolean tls13) {
        return tls13 && configured == (1 << 14) ? (1 << 14) + 1 : configured;
    }

    /** RFC 6066 §3: literal IPv4 and IPv6 addresses are not sent as server names. */
    public static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }
}
