package org.jtls.cli.verify;

import java.util.Optional;
import org.jtls.x509.cert.Certificate;

/**
 * Checks the names of a case against its leaf certificate: the server name a TLS client connected
 * to (RFC 6125/9525 for DNS names, byte equality for IP addresses) and the names a client
 * certificate must carry. The batch runner takes one; without it, cases that name a server or peer
 * are reported as not fully checked rather than given a verdict jtls did not reach.
 */
public interface NameMatcher {
    /** Why the leaf is not valid for {@code name} of {@code type} ({@code dns} or {@code ip}); empty if it is. */
    Optional<String> checkServerName(Certificate leaf, String name, String type);

    /** Why the leaf does not carry {@code name} in its subjectAltName; empty if it does. */
    Optional<String> checkPeerName(Certificate leaf, PeerName name);
}
