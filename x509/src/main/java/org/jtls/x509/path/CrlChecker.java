package org.jtls.x509.path;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.x509.cert.AuthorityKeyIdentifier;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CrlDistributionPoints;
import org.jtls.x509.cert.DistributionPoint;
import org.jtls.x509.cert.IssuerAlternativeName;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.crl.IssuingDistributionPoint;
import org.jtls.x509.crl.ReasonCode;
import org.jtls.x509.crl.RevokedCertificate;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.RelativeDistinguishedName;

/**
 * Revocation status from CRLs, following RFC 5280 §6.3.3: for each distribution point of the
 * certificate (and then for CRLs of the certificate's issuer that no distribution point names),
 * each complete CRL whose issuer and scope fit is used — with the freshest applicable delta CRL —
 * until the certificate is found revoked or the CRLs used cover every reason.
 *
 * <p>Decisions where RFC 5280 leaves room:
 * <ul>
 *   <li>A CRL whose nextUpdate has passed is used only together with a current delta CRL that
 *       applies to it (§6.3.3 (a)(1)); a CRL whose thisUpdate is after the validation time is not
 *       used. Without a usable CRL the status is undetermined, which fails validation.</li>
 *   <li>A delta CRL applies to a complete CRL with the same issuer, the same issuing distribution
 *       point and authority key identifier, a CRL number at least the delta's base CRL number
 *       (§5.2.4), and a signature by the same key. Delta CRLs are always used when supplied.</li>
 *   <li>The CRL signer may be any certificate with the CRL's issuer name whose key verifies the
 *       signature and whose key usage, if present, includes cRLSign (§6.3.3 (f)). A signer that
 *       is part of the path above the certificate is already validated; any other must validate
 *       to the same trust anchor, with its own revocation checked. A signer whose validation is in
 *       progress further up (a CRL issuer whose own certificate is listed on the CRL it signs,
 *       PKITS 4.14.30) is accepted there, since that validation decides it.</li>
 *   <li>certificateHold is revocation; removeFromCRL in a delta CRL cancels a hold in the
 *       complete CRL (§6.3.3 (k)).</li>
 * </ul>
 */
final class CrlChecker {
    /** Validates a CRL signer that is not part of the path, to the given trust anchor. */
    @FunctionalInterface
    interface SignerValidation {
        boolean validates(Certificate signer, Certificate anchor) throws BudgetExhaustedException;
    }

    /** The outcome for one certificate. */
    record Status(Kind kind, ReasonCode reason, CertificateList crl, String detail) {
        enum Kind { GOOD, REVOKED, UNDETERMINED }
    }

    private final List<CertificateList> completeCrls = new ArrayList<>();
    private final List<CertificateList> deltaCrls = new ArrayList<>();
    private final CertificatePool pool;
    private final Instant time;
    private final SignatureChecker signatures;
    private final Work work;

    CrlChecker(List<CertificateList> crls, CertificatePool pool, Instant time, SignatureChecker signatures,
            Work work) {
        for (CertificateList crl : crls) {
            (crl.isDeltaCrl() ? deltaCrls : completeCrls).add(crl);
        }
        this.pool = pool;
        this.time = time;
        this.signatures = signatures;
        this.work = work;
    }

    /** The state of §6.3.2 for one certificate, plus why CRLs were passed over. */
    private final class Evaluation {
        final Certificate certificate;
        final List<Certificate> validatedAbove;
        final Certificate anchor;
        final SignerValidation signerValidation;
        /** Working public keys of path certificates whose DSA keys inherit their parameters. */
        final Map<Certificate, PublicKeyMaterial> inheritedKeys;
        final Set<ReasonCode> reasonsMask = EnumSet.noneOf(ReasonCode.class);
        ReasonCode certStatus;
        CertificateList decidingCrl;
        final Set<String> passedOver = new LinkedHashSet<>();

        Evaluation(Certificate certificate, List<Certificate> validatedAbove, Certificate anchor,
                SignerValidation signerValidation) {
            this.certificate = certificate;
            this.validatedAbove = validatedAbove;
            this.anchor = anchor;
            this.signerValidation = signerValidation;
            this.inheritedKeys = SignatureChecker.inheritedWorkingKeys(validatedAbove);
        }

        boolean decided() {
            return certStatus != null || reasonsMask.containsAll(ReasonCode.allReasons());
        }
    }

    /**
     * The status of {@code certificate}; {@code validatedAbove} is the path above it, issuer first
     * and trust anchor last, whose certificates count as validated CRL signers.
     */
    Status status(Certificate certificate, List<Certificate> validatedAbove, SignerValidation signerValidation)
            throws BudgetExhaustedException {
        Certificate anchor = validatedAbove.get(validatedAbove.size() - 1);
        Evaluation evaluation = new Evaluation(certificate, validatedAbove, anchor, signerValidation);
        Optional<CrlDistributionPoints> points = certificate.crlDistributionPoints();
        if (points.isPresent()) {
            for (DistributionPoint point : points.get().points()) {
                for (CertificateList crl : completeCrls) {
                    if (evaluation.decided()) {
                        break;
                    }
                    use(evaluation, point, crl);
                }
            }
        }
        // §6.3.3, last paragraph: CRLs of the certificate's issuer that no distribution point names.
        if (!evaluation.decided()) {
            DistributionPoint issuerPoint = new DistributionPoint(issuerNames(certificate), null, null, List.of());
            for (CertificateList crl : completeCrls) {
                if (evaluation.decided()) {
                    break;
                }
                if (crl.issuer().equals(certificate.issuer())) {
                    use(evaluation, issuerPoint, crl);
                }
            }
        }
        if (evaluation.certStatus != null) {
            return new Status(Status.Kind.REVOKED, evaluation.certStatus, evaluation.decidingCrl,
                    "revoked (" + evaluation.certStatus + ") by the CRL of " + evaluation.decidingCrl.issuer());
        }
        if (evaluation.reasonsMask.containsAll(ReasonCode.allReasons())) {
            return new Status(Status.Kind.GOOD, null, null, "not revoked");
        }
        String reasons = evaluation.reasonsMask.isEmpty() ? "no CRL decides the status of " + certificate.subject()
                : "the CRLs for " + certificate.subject() + " cover only " + evaluation.reasonsMask;
        String why = evaluation.passedOver.isEmpty() ? "" : " (" + String.join("; ", evaluation.passedOver) + ")";
        return new Status(Status.Kind.UNDETERMINED, null, null, reasons + why);
    }

    /** The certificate issuer's names: its DN and issuer alternative names. */
    private static List<GeneralName> issuerNames(Certificate certificate) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName.DirectoryName(certificate.issuer()));
        certificate.issuerAlternativeName().map(IssuerAlternativeName::names).ifPresent(names::addAll);
        return names;
    }

    /** §6.3.3 (b)-(l) for one distribution point and one complete CRL. */
    private void use(Evaluation evaluation, DistributionPoint point, CertificateList crl)
            throws BudgetExhaustedException {
        work.checkDeadline();
        Certificate certificate = evaluation.certificate;
        String label = "CRL of " + crl.issuer() + crl.crlNumber().map(number -> " #" + number).orElse("");
        String scopeProblem = scopeProblem(certificate, point, crl);
        if (scopeProblem != null) {
            // Only the issuer's own CRLs are worth explaining; other issuers' CRLs are simply not for it.
            if (crl.issuer().equals(certificate.issuer())) {
                evaluation.passedOver.add(label + " does not cover it: " + scopeProblem);
            }
            return;
        }
        if (crl.hasUnhandledCriticalExtensions()) {
            evaluation.passedOver.add(label + " has a critical extension jtls does not process");
            return;
        }
        if (crl.thisUpdate().isAfter(time)) {
            evaluation.passedOver.add(label + " is issued after the validation time");
            return;
        }
        // (d), (e)
        Set<ReasonCode> interim = interimReasons(point, crl);
        if (evaluation.reasonsMask.containsAll(interim)) {
            return;
        }
        // (f), (g)
        Certificate signer = findSigner(evaluation, crl);
        if (signer == null) {
            evaluation.passedOver.add(label + " has no valid signer with cRLSign");
            return;
        }
        // (a), (c), (h): the freshest delta CRL that applies, which also lets a stale complete CRL be used.
        CertificateList delta = applicableDelta(crl, signer, evaluation.inheritedKeys.get(signer));
        boolean stale = crl.nextUpdate().isPresent() && crl.nextUpdate().get().isBefore(time);
        if (stale && delta == null) {
            evaluation.passedOver.add(label + " is out of date (nextUpdate " + crl.nextUpdate().get() + ")");
            return;
        }
        BigInteger serial = certificate.serialNumber();
        ReasonCode status = null;
        CertificateList deciding = null;
        // (i)
        if (delta != null) {
            Optional<RevokedCertificate> entry = delta.entryFor(certificate.issuer(), serial);
            if (entry.isPresent()) {
                status = entry.get().reason();
                deciding = delta;
            }
        }
        // (j)
        if (status == null) {
            Optional<RevokedCertificate> entry = crl.entryFor(certificate.issuer(), serial);
            if (entry.isPresent()) {
                status = entry.get().reason();
                deciding = crl;
            }
        }
        // (k)
        if (status == ReasonCode.REMOVE_FROM_CRL) {
            status = null;
        }
        if (status != null) {
            evaluation.certStatus = status;
            evaluation.decidingCrl = deciding;
        }
        // (l)
        evaluation.reasonsMask.addAll(interim);
    }

    /** §6.3.3 (b): the CRL's issuer and scope fit the distribution point and certificate; else why not. */
    private static String scopeProblem(Certificate certificate, DistributionPoint point, CertificateList crl) {
        Optional<IssuingDistributionPoint> idp = crl.issuingDistributionPoint();
        // (b)(1)
        if (!point.crlIssuer().isEmpty()) {
            if (!containsDirectoryName(point.crlIssuer(), crl.issuer())) {
                return "issuer is not the distribution point's cRLIssuer";
            }
            if (!crl.isIndirect()) {
                return "the distribution point names a cRLIssuer but the CRL is not indirect";
            }
        } else if (!crl.issuer().equals(certificate.issuer())) {
            return "issuer is not the certificate's issuer";
        }
        if (idp.isEmpty()) {
            return null;
        }
        IssuingDistributionPoint scope = idp.get();
        // (b)(2)(i)
        if (scope.hasDistributionPointName()) {
            List<GeneralName> idpNames = fullNames(scope.fullName(), scope.nameRelativeToCrlIssuer(), crl.issuer());
            List<GeneralName> pointNames;
            if (!point.fullName().isEmpty() || point.nameRelativeToCrlIssuer() != null) {
                DistinguishedName base = point.crlIssuer().isEmpty() ? certificate.issuer()
                        : firstDirectoryName(point.crlIssuer());
                pointNames = fullNames(point.fullName(), point.nameRelativeToCrlIssuer(), base);
            } else {
                pointNames = point.crlIssuer();
            }
            if (!intersects(idpNames, pointNames)) {
                return "its issuing distribution point is not the certificate's distribution point";
            }
        }
        boolean isCa = certificate.basicConstraints().map(BasicConstraints::ca).orElse(false);
        if (scope.onlyContainsUserCerts() && isCa) {
            return "it covers only end-entity certificates";
        }
        if (scope.onlyContainsCaCerts() && !isCa) {
            return "it covers only CA certificates";
        }
        if (scope.onlyContainsAttributeCerts()) {
            return "it covers only attribute certificates";
        }
        return null;
    }

    /** A full name, or a name relative to {@code base} turned into one (§4.2.1.13). */
    private static List<GeneralName> fullNames(List<GeneralName> fullName, RelativeDistinguishedName relative,
            DistinguishedName base) {
        if (relative == null) {
            return fullName;
        }
        if (base == null) {
            return List.of();
        }
        List<RelativeDistinguishedName> rdns = new ArrayList<>(base.rdns());
        rdns.add(relative);
        return List.of(new GeneralName.DirectoryName(DistinguishedName.of(rdns)));
    }

    private static DistinguishedName firstDirectoryName(List<GeneralName> names) {
        for (GeneralName name : names) {
            if (name instanceof GeneralName.DirectoryName directory) {
                return directory.name();
            }
        }
        return null;
    }

    private static boolean containsDirectoryName(List<GeneralName> names, DistinguishedName wanted) {
        return names.stream().anyMatch(name -> name instanceof GeneralName.DirectoryName directory
                && directory.name().equals(wanted));
    }

    /** Directory names compare by §7.1 matching, URIs exactly, other forms by their encoding. */
    private static boolean intersects(List<GeneralName> first, List<GeneralName> second) {
        for (GeneralName a : first) {
            for (GeneralName b : second) {
                if (a.equals(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** §6.3.3 (d): the reasons this CRL covers for this distribution point. */
    private static Set<ReasonCode> interimReasons(DistributionPoint point, CertificateList crl) {
        Set<ReasonCode> reasons = ReasonCode.allReasons();
        Optional<Set<ReasonCode>> onlySome = crl.issuingDistributionPoint()
                .flatMap(IssuingDistributionPoint::onlySomeReasonCodes);
        if (onlySome.isPresent()) {
            reasons.retainAll(onlySome.get());
        }
        if (point.reasons() != null) {
            reasons.retainAll(ReasonCode.fromReasonFlags(point.reasons()));
        }
        return reasons;
    }

    /**
     * §6.3.3 (f)-(g): a certificate with the CRL's issuer name, cRLSign (when it has a key usage),
     * a key that verifies the CRL, and a valid path to the same trust anchor; {@code null} if none.
     */
    private Certificate findSigner(Evaluation evaluation, CertificateList crl) throws BudgetExhaustedException {
        List<Certificate> candidates = new ArrayList<>();
        for (Certificate above : evaluation.validatedAbove) {
            if (above.subject().equals(crl.issuer()) && !candidates.contains(above)) {
                candidates.add(above);
            }
        }
        for (Certificate known : pool.withSubject(crl.issuer())) {
            if (!candidates.contains(known)) {
                candidates.add(known);
            }
        }
        for (Certificate candidate : candidates) {
            if (!mayVerify(crl, candidate, evaluation.inheritedKeys.get(candidate))) {
                continue;
            }
            if (evaluation.validatedAbove.contains(candidate) || pool.isSameAnchor(candidate, evaluation.anchor)
                    || evaluation.signerValidation.validates(candidate, evaluation.anchor)) {
                return candidate;
            }
        }
        return null;
    }

    /** cRLSign (when there is a key usage) and a key that verifies the CRL with an acceptable algorithm. */
    private boolean mayVerify(CertificateList crl, Certificate signer, PublicKeyMaterial signerWorkingKey)
            throws BudgetExhaustedException {
        Optional<KeyUsage> keyUsage = signer.keyUsage();
        if (keyUsage.isPresent() && !keyUsage.get().has(KeyUsage.Bit.CRL_SIGN)) {
            return false;
        }
        SignatureChecker.Check check = signatures.check(crl, signer, signerWorkingKey);
        return check.verified() && !check.weak();
    }

    /** §5.2.4 and §6.3.3 (c), (h): the delta CRL with the highest number that can update {@code complete}. */
    private CertificateList applicableDelta(CertificateList complete, Certificate signer,
            PublicKeyMaterial signerWorkingKey) throws BudgetExhaustedException {
        if (complete.crlNumber().isEmpty()) {
            return null;
        }
        BigInteger completeNumber = complete.crlNumber().get();
        CertificateList best = null;
        for (CertificateList delta : deltaCrls) {
            if (!delta.issuer().equals(complete.issuer())
                    || !delta.issuingDistributionPoint().equals(complete.issuingDistributionPoint())
                    || !sameKeyIdentifier(delta.authorityKeyIdentifier(), complete.authorityKeyIdentifier())
                    || delta.baseCrlNumber().get().compareTo(completeNumber) > 0
                    || delta.crlNumber().isEmpty() || delta.crlNumber().get().compareTo(completeNumber) <= 0
                    || delta.hasUnhandledCriticalExtensions() || delta.thisUpdate().isAfter(time)
                    || (delta.nextUpdate().isPresent() && delta.nextUpdate().get().isBefore(time))) {
                continue;
            }
            if (best != null && best.crlNumber().get().compareTo(delta.crlNumber().get()) >= 0) {
                continue;
            }
            SignatureChecker.Check check = signatures.check(delta, signer, signerWorkingKey);
            if (check.verified() && !check.weak()) {
                best = delta;
            }
        }
        return best;
    }

    private static boolean sameKeyIdentifier(Optional<AuthorityKeyIdentifier> a, Optional<AuthorityKeyIdentifier> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().equals(b.get());
    }
}
