package org.jtls.cli.verify;

import java.util.Locale;
import java.util.Optional;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.host.HostnameMatch;
import org.jtls.x509.host.HostnameVerifier;

/**
 * Name checks for the batch runner and {@code jtls verify --host} through the x509 module's
 * {@link HostnameVerifier}: subjectAltName only (no common-name fallback), RFC 6125/9525 DNS
 * matching, IP addresses by their bytes, e-mail addresses in rfc822Name.
 */
public final class HostnameNameMatcher implements NameMatcher {
    @Override
    public Optional<String> checkServerName(Certificate leaf, String name, String type) {
        return explain(HostnameVerifier.matches(leaf, name, false), name, type);
    }

    @Override
    public Optional<String> checkPeerName(Certificate leaf, PeerName name) {
        HostnameMatch match = switch (name.type().toLowerCase(Locale.ROOT)) {
            case "email" -> HostnameVerifier.matchesEmail(leaf, name.value());
            default -> HostnameVerifier.matches(leaf, name.value(), false);
        };
        return explain(match, name.value(), name.type());
    }

    private static Optional<String> explain(HostnameMatch match, String name, String type) {
        return match.matched() ? Optional.empty()
                : Optional.of("leaf is not valid for " + type + " name " + name + ": " + match.explanation());
    }
}
