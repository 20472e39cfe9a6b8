/**
 * Certification path building and validation (RFC 5280 §6, RFC 4158).
 *
 * <p>{@link org.jtls.x509.path.PathValidator} takes a leaf, unordered untrusted intermediates and
 * {@link org.jtls.x509.path.ValidationParameters} (trust anchors, time, purpose, CRLs, policy
 * inputs, limits and a {@link org.jtls.x509.path.WorkBudget}) and returns a
 * {@link org.jtls.x509.path.ValidationResult}: the path it built, the user-constrained policy set
 * and every {@link org.jtls.x509.path.ValidationError} found, each an
 * {@link org.jtls.x509.path.ErrorKind} and the certificate it concerns.
 *
 * <p>Where the steps live: {@code ValidationRun} builds paths (depth-first, with backtracking);
 * {@code PathChecker} is §6.1 for one path plus the purpose and TLS profile checks, with
 * {@code NameConstraintsChecker} (§4.2.1.10) and {@code PolicyTree} (§6.1.2-§6.1.5);
 * {@code CrlChecker} is §6.3; {@code SignatureChecker} verifies and caches signatures; {@code Work}
 * counts everything against the budget.
 */
package org.jtls.x509.path;
