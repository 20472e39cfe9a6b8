package org.jtls.x509.path;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.cert.AuthorityKeyIdentifier;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.SubjectKeyIdentifier;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * One call of {@link PathValidator#validate}: path building by depth-first search with
 * backtracking, each complete path checked by {@link PathChecker} and, when that passes and
 * revocation is on, by {@link CrlChecker}. The first path that validates wins; if none does, the
 * best failing one is reported.
 *
 * <p>Building: from the leaf, the candidate issuers of the last certificate are the trust anchors
 * and intermediates whose subject is its issuer name. They are tried best first: a verifying
 * signature, then an authority key identifier matching the candidate's subject key identifier
 * (none is needed), then trust anchors, then candidates valid at the validation time, then newer
 * ones. A candidate whose subject and key equal a trust anchor's ends the path at that anchor, even
 * in the middle of the supplied chain. A candidate whose subject and key already appear in the path
 * is skipped (cross-certificate loops). Paths longer than the maximum number of intermediates are
 * not built. Every candidate tried and every signature verified is charged to the work budget.
 *
 * <p>Reporting: a complete path (one that reaches an anchor) beats a partial one; among complete
 * paths one whose signatures all verify, then the one with the fewest errors; among partial ones
 * the longest; the first found on ties.
 */
final class ValidationRun {
    /** How many CRL signer validations may nest (a signer whose CRL signer needs validating, ...). */
    private static final int MAX_SIGNER_DEPTH = 4;

    private final ValidationParameters parameters;
    private final CertificatePool pool;
    private final Work work;
    private final SignatureChecker signatures;
    private final CrlChecker crlChecker;
    private final Set<Certificate> signersInValidation = new LinkedHashSet<>();
    private final Map<SignerToAnchor, Boolean> validatedSigners = new HashMap<>();
    private Attempt lastBest;

    /** A CRL signer's validation to one trust anchor. */
    private record SignerToAnchor(Certificate signer, Certificate anchor) {
    }

    /** A path tried, with what was wrong with it. */
    record Attempt(List<Certificate> path, Set<ObjectIdentifier> policies, List<ValidationError> errors,
            boolean complete) {
        boolean valid() {
            return complete && errors.isEmpty();
        }

        /**
         * Whether this attempt says more about why validation failed than {@code other}: a path that
         * reaches an anchor beats one that does not; then a path whose signatures verify beats one
         * with a certificate its supposed issuer did not sign (that issuer is likely the wrong
         * certificate); then fewer errors, or for partial paths the longer path.
         */
        boolean betterThan(Attempt other) {
            if (other == null) {
                return true;
            }
            if (complete != other.complete) {
                return complete;
            }
            if (!complete) {
                return path.size() > other.path.size();
            }
            long signatureFailures = signatureFailures();
            long otherSignatureFailures = other.signatureFailures();
            if (signatureFailures != otherSignatureFailures) {
                return signatureFailures < otherSignatureFailures;
            }
            return errors.size() < other.errors.size();
        }

        private long signatureFailures() {
            return errors.stream().filter(error -> error.kind() == ErrorKind.CertificateSignatureFailed).count();
        }
    }

    ValidationRun(ValidationParameters parameters, List<Certificate> intermediates, CryptoBackend crypto) {
        this.parameters = parameters;
        this.pool = new CertificatePool(parameters.trustAnchors(), intermediates);
        this.work = new Work(parameters.workBudget());
        this.signatures = new SignatureChecker(crypto, parameters.allowSha1Signatures(), work);
        this.crlChecker = parameters.revocation() == RevocationMode.CRL
                ? new CrlChecker(parameters.crls(), pool, parameters.time(), signatures, work) : null;
    }

    /** Builds and validates; the result of the first valid path, or of the best failing one. */
    Attempt validate(Certificate leaf) throws BudgetExhaustedException {
        Search search = new Search(parameters, null);
        try {
            search.run(leaf);
        } finally {
            lastBest = search.best;
        }
        return search.found != null ? search.found : search.best;
    }

    /** The best failing attempt so far, for reporting when the budget runs out. */
    Optional<Attempt> bestSoFar() {
        return Optional.ofNullable(lastBest);
    }

    /** One depth-first search for a path from a leaf to an allowed trust anchor. */
    private final class Search {
        private final ValidationParameters searchParameters;
        private final Certificate requiredAnchor;
        private final PathChecker checker;
        Attempt found;
        Attempt best;

        Search(ValidationParameters searchParameters, Certificate requiredAnchor) {
            this.searchParameters = searchParameters;
            this.requiredAnchor = requiredAnchor;
            this.checker = new PathChecker(searchParameters, signatures, work);
        }

        void run(Certificate leaf) throws BudgetExhaustedException {
            // A leaf whose subject and key are trusted is a path by itself (its validity and purpose still count).
            if (allowedAnchor(leaf).isPresent() && evaluate(List.of(leaf))) {
                return;
            }
            List<Certificate> path = new ArrayList<>();
            path.add(leaf);
            extend(path);
        }

        private Optional<Certificate> allowedAnchor(Certificate certificate) {
            Optional<Certificate> anchor = pool.anchorFor(certificate);
            if (anchor.isPresent() && requiredAnchor != null && anchor.get() != requiredAnchor) {
                return Optional.empty();
            }
            return anchor;
        }

        /** Tries every issuer of the path's last certificate; true once a valid path is found. */
        private boolean extend(List<Certificate> path) throws BudgetExhaustedException {
            Certificate current = path.get(path.size() - 1);
            List<Certificate> candidates = new ArrayList<>();
            for (Certificate candidate : pool.withSubject(current.issuer())) {
                if (path.stream().noneMatch(inPath -> CertificatePool.sameSubjectAndKey(inPath, candidate))) {
                    candidates.add(candidate);
                }
            }
            if (candidates.isEmpty()) {
                consider(partial(path, missingIssuerError(path)));
                return false;
            }
            for (Certificate candidate : rank(current, candidates)) {
                work.chargeCandidate();
                Optional<Certificate> anchor = allowedAnchor(candidate);
                if (anchor.isPresent()) {
                    path.add(anchor.get());
                    boolean valid = evaluate(path);
                    path.remove(path.size() - 1);
                    if (valid) {
                        return true;
                    }
                    continue;
                }
                int intermediates = path.size() - 1;
                if (intermediates + 1 > searchParameters.maxIntermediates()) {
                    consider(partial(path, new ValidationError(ErrorKind.ChainTooLong, candidate,
                            "a path through this certificate needs more than "
                                    + searchParameters.maxIntermediates() + " intermediates")));
                    continue;
                }
                path.add(candidate);
                boolean valid = extend(path);
                path.remove(path.size() - 1);
                if (valid) {
                    return true;
                }
            }
            return false;
        }

        /** Candidates best first (see the class comment). */
        private List<Certificate> rank(Certificate child, List<Certificate> candidates)
                throws BudgetExhaustedException {
            Instant time = searchParameters.time();
            Optional<byte[]> keyIdentifier = child.authorityKeyIdentifier()
                    .flatMap(AuthorityKeyIdentifier::keyIdentifier);
            record Ranked(Certificate certificate, int signature, int keyId, int anchor, int current,
                    Instant notBefore) {
            }
            List<Ranked> ranked = new ArrayList<>();
            for (Certificate candidate : candidates) {
                SignatureChecker.Check check = signatures.check(child, candidate);
                int signatureRank = check.verified() ? (check.weak() ? 1 : 0) : 2;
                int keyIdRank = 1;
                Optional<SubjectKeyIdentifier> candidateKeyId = candidate.subjectKeyIdentifier();
                if (keyIdentifier.isPresent() && candidateKeyId.isPresent()) {
                    keyIdRank = java.util.Arrays.equals(keyIdentifier.get(), candidateKeyId.get().keyIdentifier())
                            ? 0 : 2;
                }
                int anchorRank = pool.anchorFor(candidate).isPresent() ? 0 : 1;
                int currentRank = candidate.validity().contains(time) ? 0 : 1;
                ranked.add(new Ranked(candidate, signatureRank, keyIdRank, anchorRank, currentRank,
                        candidate.notBefore()));
            }
            ranked.sort(Comparator.comparingInt(Ranked::signature).thenComparingInt(Ranked::keyId)
                    .thenComparingInt(Ranked::anchor).thenComparingInt(Ranked::current)
                    .thenComparing(Ranked::notBefore, Comparator.reverseOrder()));
            return ranked.stream().map(Ranked::certificate).toList();
        }

        /** Checks a complete path; true when it validates. */
        private boolean evaluate(List<Certificate> path) throws BudgetExhaustedException {
            List<Certificate> snapshot = List.copyOf(path);
            PathChecker.Outcome outcome = checker.check(snapshot);
            List<ValidationError> errors = new ArrayList<>(outcome.errors());
            if (errors.isEmpty() && searchParameters.revocation() == RevocationMode.CRL) {
                errors.addAll(revocationErrors(snapshot));
            }
            Attempt attempt = new Attempt(snapshot, outcome.userConstrainedPolicySet(), errors, true);
            if (attempt.valid()) {
                found = attempt;
                return true;
            }
            consider(attempt);
            return false;
        }

        private void consider(Attempt attempt) {
            if (attempt.betterThan(best)) {
                best = attempt;
            }
        }

        /** A path that stops short of an anchor, with its validity errors and why it stops. */
        private Attempt partial(List<Certificate> path, ValidationError stop) {
            List<ValidationError> errors = new ArrayList<>();
            errors.add(stop);
            Instant time = searchParameters.time();
            for (Certificate certificate : path) {
                if (time.isBefore(certificate.notBefore())) {
                    errors.add(new ValidationError(ErrorKind.CertificateNotYetValid, certificate,
                            "valid from " + certificate.notBefore()));
                } else if (time.isAfter(certificate.notAfter())) {
                    errors.add(new ValidationError(ErrorKind.CertificateExpired, certificate,
                            "expired at " + certificate.notAfter()));
                }
            }
            return new Attempt(List.copyOf(path), Set.of(), errors, false);
        }

        private ValidationError missingIssuerError(List<Certificate> path) throws BudgetExhaustedException {
            Certificate last = path.get(path.size() - 1);
            if (last.isSelfIssued() && signatures.check(last, last).verified()) {
                return path.size() == 1
                        ? new ValidationError(ErrorKind.SelfSignedCertificate, last,
                                "the certificate is self-signed and not trusted")
                        : new ValidationError(ErrorKind.SelfSignedCertificateInChain, last,
                                "the path ends in a self-signed certificate that is not trusted");
            }
            if (path.size() == 1) {
                return new ValidationError(ErrorKind.UnableToVerifyFirstCertificate, last,
                        "no certificate of the issuer " + last.issuer() + " was supplied or trusted");
            }
            return new ValidationError(ErrorKind.UnableToGetLocalIssuerCertificate, last,
                    "no trusted or supplied certificate of the issuer " + last.issuer()
                            + " (other than ones already in the path)");
        }
    }

    /** §6.1.3 (a)(3): every certificate but the anchor must be decided not revoked by the CRLs. */
    private List<ValidationError> revocationErrors(List<Certificate> path) throws BudgetExhaustedException {
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < path.size() - 1; i++) {
            Certificate certificate = path.get(i);
            CrlChecker.Status status = crlChecker.status(certificate, path.subList(i + 1, path.size()),
                    this::validatesSigner);
            switch (status.kind()) {
                case GOOD -> {
                }
                case REVOKED -> errors.add(new ValidationError(ErrorKind.CertificateRevoked, certificate,
                        status.detail()));
                case UNDETERMINED -> errors.add(new ValidationError(ErrorKind.RevocationStatusUnknown, certificate,
                        status.detail()));
            }
        }
        return errors;
    }

    /**
     * §6.3.3 (f): whether a CRL signer outside the path validates to the same anchor, with
     * revocation checked. A signer already being validated further up is accepted (see
     * {@link CrlChecker}); results of validations that depended on no such assumption are kept.
     */
    private boolean validatesSigner(Certificate signer, Certificate anchor) throws BudgetExhaustedException {
        if (signersInValidation.contains(signer)) {
            return true;
        }
        SignerToAnchor key = new SignerToAnchor(signer, anchor);
        Boolean known = validatedSigners.get(key);
        if (known != null) {
            return known;
        }
        if (signersInValidation.size() >= MAX_SIGNER_DEPTH) {
            return false;
        }
        boolean outermost = signersInValidation.isEmpty();
        signersInValidation.add(signer);
        try {
            ValidationParameters signerParameters = ValidationParameters.builder(parameters.time())
                    .trustAnchor(anchor)
                    .purpose(Purpose.ANY)
                    .revocation(RevocationMode.CRL)
                    .maxIntermediates(parameters.maxIntermediates())
                    .allowSha1Signatures(parameters.allowSha1Signatures())
                    .build();
            Search search = new Search(signerParameters, anchor);
            search.run(signer);
            boolean valid = search.found != null;
            if (outermost) {
                validatedSigners.put(key, valid);
            }
            return valid;
        } finally {
            signersInValidation.remove(signer);
        }
    }
}
