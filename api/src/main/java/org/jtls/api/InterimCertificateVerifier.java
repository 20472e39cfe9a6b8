package org.jtls.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.api.SslError.Kind;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.ExtendedKeyUsage;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.host.HostnameMatch;
import org.jtls.x509.host.HostnameVerifier;
import org.jtls.x509.ocsp.OcspVerdict;
import org.jtls.x509.ocsp.OcspVerifier;

/**
 * The certificate verifier the API uses <b>until RFC 5280 path validation replaces it</b>. It is
 * deliberately simple and says so; everything it reports is a real problem, but it does not find
 * every problem RFC 5280 §6 would.
 *
 * <p>What it does:
 * <ol>
 *   <li>Builds one path from the leaf upwards: a certificate that is itself a trust anchor ends
 *       the path; otherwise its issuer is the first trust anchor, then the first certificate the
 *       peer sent, whose subject name equals the certificate's issuer name (RFC 5280 §7.1
 *       matching) and whose key verifies the certificate's signature. No backtracking over
 *       alternative issuers, no AKI/SKI matching.</li>
 *   <li>When no issuer is found: a self-issued certificate is {@code SelfSignedCertificate}
 *       (the leaf) or {@code SelfSignedCertificateInChain}; a name match whose signature fails is
 *       {@code CertificateSignatureFailed}; otherwise {@code UnableToGetLocalIssuerCertificate},
 *       plus {@code UnableToVerifyFirstCertificate} when not even the leaf's issuer was found
 *       (OpenSSL's and so Qt's pair of errors for an unknown CA).</li>
 *   <li>Every certificate on the path, the anchor included, must be within its validity period at
 *       the request's time.</li>
 *   <li>Every issuer below the anchor must be a CA (basicConstraints cA, and keyCertSign if it has
 *       a key usage); path lengths (pathLenConstraint, RFC 5280 §4.2.1.9) are checked for those
 *       issuers and the anchor; the depth limit counts the path with its anchor.</li>
 *   <li>Certificates below the anchor must not carry critical extensions jtls does not decode.</li>
 *   <li>The leaf's extended key usage, when present, must allow the purpose.</li>
 *   <li>The leaf must be for the peer name (RFC 9525 via {@link HostnameVerifier}, subjectAltName
 *       only).</li>
 *   <li>When stapling is required, the stapled OCSP response is checked with {@link OcspVerifier}
 *       against the leaf's issuer.</li>
 * </ol>
 * What it does not do, and path validation will: name constraints, certificate policies, policy
 * mappings, weak-algorithm policy, revocation beyond a stapled response, AKI-guided issuer choice
 * and backtracking, and the finer RFC 5280 rules on v1/v2 intermediates.
 */
public final class InterimCertificateVerifier implements CertificateVerifier {
    static final InterimCertificateVerifier INSTANCE = new InterimCertificateVerifier();
    /** How far an OCSP responder's clock may be from ours. */
    private static final Duration OCSP_CLOCK_SKEW = Duration.ofMinutes(5);

    private InterimCertificateVerifier() {
    }

    /** The issuer search's result for one certificate. */
    private enum IssuerSearch { FOUND, SIGNATURE_FAILED, UNREADABLE_KEY, UNSUPPORTED_SIGNATURE, NOT_FOUND }

    private record Lookup(IssuerSearch outcome, SslCertificate issuer) {
    }

    @Override
    public List<SslError> verify(Request request) {
        List<SslError> errors = new ArrayList<>();
        if (request.chain().isEmpty()) {
            errors.add(new SslError(Kind.NO_PEER_CERTIFICATE));
            return errors;
        }
        SslCertificate leaf = request.chain().get(0);
        List<SslCertificate> path = new ArrayList<>();
        SslCertificate anchor = buildPath(request, path, errors);

        List<SslCertificate> checked = new ArrayList<>(path);
        if (anchor != null && !path.contains(anchor)) {
            checked.add(anchor);
        }
        for (SslCertificate certificate : checked) {
            checkValidity(certificate, request.time(), errors);
        }
        checkIssuers(path, anchor, errors);
        if (request.maxDepth() > 0 && checked.size() > request.maxDepth()) {
            errors.add(new SslError(Kind.PATH_LENGTH_EXCEEDED, checked.get(request.maxDepth()),
                    "the path has " + checked.size() + " certificates, more than the verify depth of "
                            + request.maxDepth()));
        }
        for (SslCertificate certificate : path) {
            if (certificate.equals(anchor)) {
                continue;
            }
            for (Extension unhandled : certificate.certificate().unhandledCriticalExtensions()) {
                errors.add(new SslError(Kind.UNHANDLED_CRITICAL_EXTENSION, certificate,
                        "critical extension " + unhandled.name()));
            }
        }
        checkPurpose(leaf, request.purpose(), errors);
        if (request.peerName() != null) {
            HostnameMatch match = HostnameVerifier.matches(leaf.certificate(), request.peerName());
            if (!match.matched()) {
                errors.add(new SslError(Kind.HOST_NAME_MISMATCH, leaf, match.explanation()));
            }
        }
        if (request.ocspStaplingRequired()) {
            SslCertificate issuer = path.size() > 1 ? path.get(1) : anchor != null && !anchor.equals(leaf) ? anchor : null;
            if (issuer != null) {
                checkOcsp(request, leaf, issuer, errors);
            }
        }
        return errors;
    }

    /** Fills {@code path} from the leaf up; returns the trust anchor reached, or null (with errors added). */
    private static SslCertificate buildPath(Request request, List<SslCertificate> path, List<SslError> errors) {
        List<SslCertificate> offered = new ArrayList<>(request.chain().subList(1, request.chain().size()));
        SslCertificate current = request.chain().get(0);
        path.add(current);
        while (true) {
            if (request.trustAnchors().contains(current)) {
                return current;
            }
            Lookup byAnchor = findIssuer(current, request.trustAnchors(), request);
            if (byAnchor.outcome() == IssuerSearch.FOUND) {
                return byAnchor.issuer();
            }
            Lookup byChain = findIssuer(current, offered, request);
            if (byChain.outcome() == IssuerSearch.FOUND && !path.contains(byChain.issuer())) {
                current = byChain.issuer();
                offered.remove(current);
                path.add(current);
                continue;
            }
            reportMissingIssuer(current, path.size(), worse(byAnchor.outcome(), byChain.outcome()), request, errors);
            return null;
        }
    }

    private static void reportMissingIssuer(SslCertificate current, int pathSize, IssuerSearch search,
            Request request, List<SslError> errors) {
        Certificate certificate = current.certificate();
        if (certificate.isSelfIssued()) {
            if (!verifiesWith(certificate, certificate, request)) {
                errors.add(new SslError(Kind.CERTIFICATE_SIGNATURE_FAILED, current,
                        "its signature does not verify under its own key"));
            }
            errors.add(new SslError(pathSize == 1 ? Kind.SELF_SIGNED_CERTIFICATE : Kind.SELF_SIGNED_CERTIFICATE_IN_CHAIN,
                    current, "it is not among the trusted CA certificates"));
            return;
        }
        String issuerName = certificate.issuer().toRfc4514String();
        switch (search) {
            case SIGNATURE_FAILED -> errors.add(new SslError(Kind.CERTIFICATE_SIGNATURE_FAILED, current,
                    "no certificate named " + issuerName + " verifies its signature"));
            case UNREADABLE_KEY -> errors.add(new SslError(Kind.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, current,
                    "the key of " + issuerName + " has an algorithm jtls does not use"));
            case UNSUPPORTED_SIGNATURE -> errors.add(new SslError(Kind.UNABLE_TO_DECRYPT_CERTIFICATE_SIGNATURE, current,
                    "signature algorithm " + certificate.signatureAlgorithm().name() + " is not supported"));
            default -> {
                errors.add(new SslError(Kind.UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE, current,
                        "no trusted or offered certificate is named " + issuerName));
                if (pathSize == 1) {
                    errors.add(new SslError(Kind.UNABLE_TO_VERIFY_FIRST_CERTIFICATE, current));
                }
            }
        }
    }

    /** The more telling of two failed searches: a failed signature says more than no candidate. */
    private static IssuerSearch worse(IssuerSearch first, IssuerSearch second) {
        return first.ordinal() <= second.ordinal() ? first : second;
    }

    private static Lookup findIssuer(SslCertificate subject, List<SslCertificate> candidates, Request request) {
        IssuerSearch best = IssuerSearch.NOT_FOUND;
        for (SslCertificate candidate : candidates) {
            if (!candidate.certificate().subject().equals(subject.certificate().issuer())) {
                continue;
            }
            IssuerSearch outcome;
            try {
                outcome = subject.certificate().verifySignature(candidate.certificate(), request.crypto())
                        ? IssuerSearch.FOUND : IssuerSearch.SIGNATURE_FAILED;
            } catch (UnsupportedAlgorithmException e) {
                outcome = candidate.certificate().publicKey().isEmpty()
                        ? IssuerSearch.UNREADABLE_KEY : IssuerSearch.UNSUPPORTED_SIGNATURE;
            }
            if (outcome == IssuerSearch.FOUND) {
                return new Lookup(outcome, candidate);
            }
            best = worse(best, outcome);
        }
        return new Lookup(best, null);
    }

    private static boolean verifiesWith(Certificate subject, Certificate issuer, Request request) {
        try {
            return subject.verifySignature(issuer, request.crypto());
        } catch (UnsupportedAlgorithmException e) {
            return false;
        }
    }

    private static void checkValidity(SslCertificate certificate, Instant time, List<SslError> errors) {
        if (time.isBefore(certificate.effectiveDate())) {
            errors.add(new SslError(Kind.CERTIFICATE_NOT_YET_VALID, certificate,
                    "valid from " + certificate.effectiveDate() + ", it is " + time));
        } else if (time.isAfter(certificate.expiryDate())) {
            errors.add(new SslError(Kind.CERTIFICATE_EXPIRED, certificate,
                    "valid until " + certificate.expiryDate() + ", it is " + time));
        }
    }

    /**
     * Issuers below the anchor must be CAs allowed to sign certificates; every issuer's
     * pathLenConstraint bounds the non-self-issued intermediates below it (RFC 5280 §4.2.1.9).
     */
    private static void checkIssuers(List<SslCertificate> path, SslCertificate anchor, List<SslError> errors) {
        List<SslCertificate> issuers = new ArrayList<>(path.subList(1, path.size()));
        if (anchor != null && !path.contains(anchor)) {
            issuers.add(anchor);
        }
        for (int index = 0; index < issuers.size(); index++) {
            SslCertificate issuer = issuers.get(index);
            Certificate certificate = issuer.certificate();
            Optional<BasicConstraints> constraints = certificate.basicConstraints();
            boolean isAnchor = issuer.equals(anchor);
            if (!isAnchor) {
                if (constraints.isEmpty() || !constraints.get().ca()) {
                    errors.add(new SslError(Kind.INVALID_CA_CERTIFICATE, issuer,
                            "it issued a certificate but is not a CA (basicConstraints cA is not set)"));
                } else if (certificate.keyUsage().isPresent()
                        && !certificate.keyUsage().get().has(KeyUsage.Bit.KEY_CERT_SIGN)) {
                    errors.add(new SslError(Kind.INVALID_CA_CERTIFICATE, issuer,
                            "its key usage does not allow signing certificates"));
                }
            }
            if (constraints.isPresent() && constraints.get().pathLenConstraint().isPresent()) {
                int intermediatesBelow = 0;
                for (SslCertificate below : issuers.subList(0, index)) {
                    intermediatesBelow += below.certificate().isSelfIssued() ? 0 : 1;
                }
                int allowed = constraints.get().pathLenConstraint().getAsInt();
                if (intermediatesBelow > allowed) {
                    errors.add(new SslError(Kind.PATH_LENGTH_EXCEEDED, issuer, "pathLenConstraint " + allowed
                            + ", but " + intermediatesBelow + " intermediate CA certificates follow it"));
                }
            }
        }
    }

    private static void checkPurpose(SslCertificate leaf, Purpose purpose, List<SslError> errors) {
        Optional<ExtendedKeyUsage> usage = leaf.certificate().extendedKeyUsage();
        if (purpose == Purpose.ANY || usage.isEmpty() || usage.get().has(KeyPurpose.ANY_EXTENDED_KEY_USAGE)) {
            return;
        }
        KeyPurpose wanted = purpose == Purpose.SERVER_AUTH ? KeyPurpose.SERVER_AUTH : KeyPurpose.CLIENT_AUTH;
        if (!usage.get().has(wanted)) {
            errors.add(new SslError(Kind.INVALID_PURPOSE, leaf, "its extended key usage does not include "
                    + wanted.displayName()));
        }
    }

    private static void checkOcsp(Request request, SslCertificate leaf, SslCertificate issuer, List<SslError> errors) {
        OcspVerdict verdict = OcspVerifier.withDefaults().verifyStapled(request.stapledOcspResponse(),
                leaf.certificate(), issuer.certificate(), request.time(), OCSP_CLOCK_SKEW, request.crypto());
        switch (verdict.status()) {
            case GOOD -> {
            }
            case REVOKED -> errors.add(new SslError(Kind.CERTIFICATE_REVOKED, leaf, "the stapled OCSP response says so"));
            default -> {
                Kind kind = verdict.error().flatMap(error -> Kind.fromQtName(error.qtName()))
                        .orElse(Kind.CERTIFICATE_STATUS_UNKNOWN);
                errors.add(new SslError(kind, leaf, verdict.toString()));
            }
        }
    }
}
