package org.jtls.x509.path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.cert.Certificate;

/**
 * Certification path building and validation (RFC 5280 §6, RFC 4158): from a leaf certificate, an
 * unordered collection of untrusted intermediates and the trust anchors in the
 * {@link ValidationParameters}, find a path that validates, checking signatures, validity, name
 * chaining, basic constraints and path length, key usage, extended key usage for the purpose, name
 * constraints, certificate policies, critical extensions and, when asked, revocation by CRLs.
 *
 * <p>Thread-safe and stateless: each call starts afresh. Work is bounded by the parameters'
 * {@link WorkBudget}; running out gives a result with {@link ErrorKind#WorkBudgetExceeded}, never
 * an exception or a hang.
 */
public final class PathValidator {
    private final CryptoBackend crypto;

    public PathValidator(CryptoBackend crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /**
     * Validates {@code leaf}. The result's path runs from the leaf to a trust anchor when one
     * validated; otherwise it is the path whose errors are reported.
     */
    public ValidationResult validate(Certificate leaf, Collection<Certificate> intermediates,
            ValidationParameters parameters) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(intermediates, "intermediates");
        Objects.requireNonNull(parameters, "parameters");
        ValidationRun run = new ValidationRun(parameters, List.copyOf(intermediates), crypto);
        try {
            ValidationRun.Attempt attempt = run.validate(leaf);
            return new ValidationResult(attempt.path(), attempt.valid() ? attempt.policies() : Set.of(),
                    attempt.errors());
        } catch (BudgetExhaustedException e) {
            List<ValidationError> errors = new ArrayList<>();
            errors.add(new ValidationError(ErrorKind.WorkBudgetExceeded, null,
                    "path validation stopped: " + e.getMessage()));
            List<Certificate> path = List.of(leaf);
            if (run.bestSoFar().isPresent()) {
                path = run.bestSoFar().get().path();
                errors.addAll(run.bestSoFar().get().errors());
            }
            return new ValidationResult(path, Set.of(), errors);
        }
    }
}
