package org.jtls.x509.path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.name.DistinguishedName;

/**
 * The certificates a validation may use, indexed by subject name (RFC 5280 §7.1 matching): the
 * trust anchors and the untrusted intermediates, each distinct certificate once. A certificate
 * whose subject and public key are those of a trust anchor stands for that anchor wherever it
 * appears.
 */
final class CertificatePool {
    private final List<Certificate> anchors;
    private final Map<DistinguishedName, List<Certificate>> anchorsBySubject = new HashMap<>();
    private final Map<DistinguishedName, List<Certificate>> intermediatesBySubject = new HashMap<>();

    CertificatePool(Collection<Certificate> trustAnchors, Collection<Certificate> intermediates) {
        this.anchors = List.copyOf(new LinkedHashSet<>(trustAnchors));
        for (Certificate anchor : anchors) {
            anchorsBySubject.computeIfAbsent(anchor.subject(), key -> new ArrayList<>()).add(anchor);
        }
        Set<Certificate> seen = new LinkedHashSet<>(anchors);
        for (Certificate intermediate : intermediates) {
            if (seen.add(intermediate)) {
                intermediatesBySubject.computeIfAbsent(intermediate.subject(), key -> new ArrayList<>())
                        .add(intermediate);
            }
        }
    }

    /** Anchors, then intermediates, whose subject is {@code name}. */
    List<Certificate> withSubject(DistinguishedName name) {
        List<Certificate> found = new ArrayList<>(anchorsBySubject.getOrDefault(name, List.of()));
        found.addAll(intermediatesBySubject.getOrDefault(name, List.of()));
        return found;
    }

    /** The trust anchor this certificate stands for: same subject and same public key. */
    Optional<Certificate> anchorFor(Certificate certificate) {
        for (Certificate anchor : anchorsBySubject.getOrDefault(certificate.subject(), List.of())) {
            if (sameSubjectAndKey(anchor, certificate)) {
                return Optional.of(anchor);
            }
        }
        return Optional.empty();
    }

    boolean isSameAnchor(Certificate certificate, Certificate anchor) {
        return sameSubjectAndKey(certificate, anchor);
    }

    static boolean sameSubjectAndKey(Certificate a, Certificate b) {
        return a.subject().equals(b.subject()) && a.subjectPublicKeyInfo().equals(b.subjectPublicKeyInfo());
    }
}
