package org.jtls.x509.path;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * The outcome of path validation: the path that was built (leaf first, trust anchor last; when no
 * path validated, the path whose errors are reported, which may stop short of an anchor), the
 * user-constrained policy set of RFC 5280 §6.1.5 (g) — OIDs in the trust anchor's policy domain,
 * {@code anyPolicy} when every policy is acceptable, empty when the valid policy tree is NULL — and
 * the errors. The path is valid exactly when there are no errors.
 */
public record ValidationResult(List<Certificate> path, Set<ObjectIdentifier> userConstrainedPolicySet,
        List<ValidationError> errors) {

    public ValidationResult {
        path = List.copyOf(path);
        userConstrainedPolicySet = Set.copyOf(userConstrainedPolicySet);
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Whether some error is of this kind. */
    public boolean has(ErrorKind kind) {
        return errors.stream().anyMatch(error -> error.kind() == kind);
    }

    /** The trust anchor the path ends in, when it reached one. */
    public Optional<Certificate> trustAnchor() {
        return isValid() && !path.isEmpty() ? Optional.of(path.get(path.size() - 1)) : Optional.empty();
    }
}
