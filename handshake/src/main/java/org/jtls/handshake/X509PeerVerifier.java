package org.jtls.handshake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.host.HostnameMatch;
import org.jtls.x509.host.HostnameVerifier;
import org.jtls.x509.path.PathValidator;
import org.jtls.x509.path.Purpose;
import org.jtls.x509.path.ValidationError;
import org.jtls.x509.path.ValidationParameters;
import org.jtls.x509.path.ValidationResult;
import org.jtls.x509.trust.TrustStore;

/**
 * The engine's certificate check through the x509 module: RFC 5280 path validation from the peer's
 * chain (leaf first, the rest unordered) to one of the trust anchors at the clock's time, for the
 * TLS purpose of the peer's role, and for a server the RFC 6125/9525 host-name match against the
 * name the client connected to (no common-name fallback). Each problem is reported as
 * {@code "Kind: detail"} with the {@code ErrorKind} names of Qt's QSslError set.
 */
public final class X509PeerVerifier implements PeerVerifier {
    private final TrustStore anchors;
    private final CryptoBackend crypto;
    private final Clock clock;
    private final int maxIntermediates;

    public X509PeerVerifier(TrustStore anchors, CryptoBackend crypto, Clock clock, int maxIntermediates) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxIntermediates < 0) {
            throw new IllegalArgumentException("negative verify depth");
        }
        this.maxIntermediates = maxIntermediates;
    }

    @Override
    public List<String> verify(List<byte[]> chain, String serverName, Role peerRole) {
        List<String> problems = new ArrayList<>();
        if (chain.isEmpty()) {
            problems.add("NoPeerCertificate: the peer sent no certificate");
            return problems;
        }
        List<Certificate> certificates = new ArrayList<>();
        for (byte[] der : chain) {
            try {
                certificates.add(Certificate.parse(der));
            } catch (DerException e) {
                problems.add("MalformedCertificate: " + e.getMessage());
                return problems;
            }
        }
        ValidationParameters parameters = ValidationParameters.builder(clock.instant())
                .trustAnchors(anchors.anchors())
                .purpose(peerRole == Role.SERVER ? Purpose.SERVER_AUTH : Purpose.CLIENT_AUTH)
                .maxIntermediates(maxIntermediates)
                .build();
        ValidationResult result = new PathValidator(crypto)
                .validate(certificates.get(0), certificates.subList(1, certificates.size()), parameters);
        for (ValidationError error : result.errors()) {
            problems.add(error.kind().name() + ": " + error.detail());
        }
        if (peerRole == Role.SERVER && serverName != null) {
            HostnameMatch match = HostnameVerifier.matches(certificates.get(0), serverName, false);
            if (!match.matched()) {
                problems.add("HostNameMismatch: " + match.explanation());
            }
        }
        return problems;
    }
}
