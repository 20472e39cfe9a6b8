package org.jtls.x509.path;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.x509.cert.AuthorityKeyIdentifier;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificatePolicies;
import org.jtls.x509.cert.ExtendedKeyUsage;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.cert.ExtensionType;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.cert.PolicyConstraints;
import org.jtls.x509.cert.PolicyMappings;
import org.jtls.x509.cert.SubjectKeyIdentifier;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.name.GeneralName;

/**
 * RFC 5280 §6.1 basic path validation of one complete path, followed by the purpose checks and
 * jtls's TLS profile checks. Revocation (§6.1.3 (a)(3)) is the {@link CrlChecker}'s.
 *
 * <p>Every error is collected, not only the first, so a caller sees everything wrong with the path
 * (as QSslSocket reports a list). The trust anchor is the last certificate of the path; as RFC
 * 5280 §6.1.1 (d) has it, only its subject name and key are trust anchor information, but jtls
 * also applies the name constraints and the pathLenConstraint of the anchor certificate (as RFC
 * 5937 allows). Its validity period, signature and other extensions are not checked.
 *
 * <p>Extended key usage: when the purpose is TLS (or extra EKUs are required), the leaf must allow
 * each needed purpose if it has the extension (anyExtendedKeyUsage allows all), and so must every
 * intermediate that has the extension — a CA restricted to, say, e-mail protection cannot issue a
 * TLS server certificate. This is what browsers, OpenSSL and Go do; RFC 5280 itself says nothing
 * about EKU in CA certificates.
 *
 * <p>TLS profile checks (purpose serverAuth or clientAuth only): the leaf is not a CA certificate;
 * its public key is of an algorithm TLS can use with jtls (else the peer could never prove
 * possession of it); authority and subject key identifiers are non-critical, as RFC 5280 §4.2.1.1
 * and §4.2.1.2 require of CAs, and an authority key identifier's key identifier equals the issuer's
 * subject key identifier when both are present (OpenSSL's rule). For every purpose, an authority
 * key identifier naming an issuer and serial number must name the issuer certificate.
 */
final class PathChecker {
    private static final List<ExtensionType> KEY_IDENTIFIERS = List.of(ExtensionType.AUTHORITY_KEY_IDENTIFIER,
            ExtensionType.SUBJECT_KEY_IDENTIFIER);

    private final ValidationParameters parameters;
    private final SignatureChecker signatures;
    private final Work work;

    /** The errors found and, when policy processing succeeded, the user-constrained policy set. */
    record Outcome(List<ValidationError> errors, Set<ObjectIdentifier> userConstrainedPolicySet) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    PathChecker(ValidationParameters parameters, SignatureChecker signatures, Work work) {
        this.parameters = parameters;
        this.signatures = signatures;
        this.work = work;
    }

    /** Checks {@code path}: leaf first, trust anchor last, at least the anchor. */
    Outcome check(List<Certificate> path) throws BudgetExhaustedException {
        List<ValidationError> errors = new ArrayList<>();
        int n = path.size() - 1;
        if (n == 0) {
            // The leaf is itself a trust anchor: only what concerns the leaf as an end entity applies.
            checkValidity(path.get(0), errors);
            checkPurpose(path, errors);
            if (parameters.purpose().isTls()) {
                checkTlsProfile(path, errors);
            }
            return new Outcome(errors, Set.of(PolicyTree.ANY_POLICY));
        }
        Certificate anchor = path.get(n);
        PolicyInputs inputs = parameters.policy();
        NameConstraintsChecker nameConstraints = new NameConstraintsChecker(work);
        anchor.nameConstraints().ifPresent(nameConstraints::add);
        PolicyTree tree = new PolicyTree(work);
        int explicitPolicy = inputs.initialExplicitPolicy() ? 0 : n + 1;
        int inhibitAnyPolicy = inputs.initialInhibitAnyPolicy() ? 0 : n + 1;
        int policyMapping = inputs.initialPolicyMappingInhibit() ? 0 : n + 1;
        int maxPathLength = n;
        Optional<BasicConstraints> anchorConstraints = anchor.basicConstraints();
        if (anchorConstraints.isPresent() && anchorConstraints.get().pathLenConstraint().isPresent()) {
            maxPathLength = Math.min(maxPathLength, anchorConstraints.get().pathLenConstraint().getAsInt());
        }
        boolean policyFailed = false;
        Certificate working = anchor;
        // §6.1.2 (e)-(g), §6.1.4 (d)-(f): the key that checks the next signature.
        PublicKeyMaterial workingPublicKey = anchor.subjectPublicKeyInfo().workingPublicKey(null).orElse(null);
        boolean tls = parameters.purpose().isTls();

        for (int i = 1; i <= n; i++) {
            Certificate certificate = path.get(n - i);
            boolean last = i == n;
            boolean selfIssued = certificate.isSelfIssued();
            work.checkDeadline();

            // §6.1.3 (a): signature, validity, issuer name.
            checkSignature(certificate, working, workingPublicKey, errors);
            checkValidity(certificate, errors);
            if (!certificate.issuer().equals(working.subject())) {
                errors.add(new ValidationError(ErrorKind.SubjectIssuerMismatch, certificate,
                        "issuer " + certificate.issuer() + " is not the subject of " + working.subject()));
            }
            checkAuthorityKeyIdentifier(certificate, working, tls, errors);

            // (b), (c): name constraints, except on intermediate self-issued certificates.
            if (!selfIssued || last) {
                for (String violation : nameConstraints.violations(certificate, last && tls)) {
                    errors.add(new ValidationError(ErrorKind.NameConstraintViolation, certificate, violation));
                }
            }

            // (d), (e): certificate policies.
            Optional<CertificatePolicies> policies = certificate.certificatePolicies();
            if (policies.isPresent()) {
                tree.processCertificatePolicies(i, policies.get().policyIdentifiers(),
                        inhibitAnyPolicy > 0 || (!last && selfIssued));
            } else {
                tree.setNull();
            }
            // (f)
            if (explicitPolicy <= 0 && tree.isNull() && !policyFailed) {
                policyFailed = true;
                errors.add(new ValidationError(ErrorKind.PolicyFailure, certificate,
                        "an explicit policy is required but no acceptable policy remains"));
            }
            // §6.1.4 (o) and §6.1.5 (f): critical extensions jtls does not process.
            for (Extension extension : certificate.unhandledCriticalExtensions()) {
                errors.add(new ValidationError(ErrorKind.UnhandledCriticalExtension, certificate,
                        "critical extension " + extension.name() + " is not supported"));
            }

            if (!last) {
                // §6.1.4: preparation for certificate i+1.
                Optional<PolicyMappings> mappings = certificate.policyMappings();
                if (mappings.isPresent()) {
                    if (mapsAnyPolicy(mappings.get())) {
                        policyFailed = true;
                        errors.add(new ValidationError(ErrorKind.PolicyFailure, certificate,
                                "policy mappings must not map to or from anyPolicy (RFC 5280 §6.1.4 (a))"));
                    } else {
                        tree.processPolicyMappings(i, mappings.get(), policyMapping > 0);
                    }
                }
                certificate.nameConstraints().ifPresent(nameConstraints::add);
                if (!selfIssued) {
                    explicitPolicy = Math.max(0, explicitPolicy - 1);
                    policyMapping = Math.max(0, policyMapping - 1);
                    inhibitAnyPolicy = Math.max(0, inhibitAnyPolicy - 1);
                }
                Optional<PolicyConstraints> constraints = certificate.policyConstraints();
                if (constraints.isPresent()) {
                    if (constraints.get().requireExplicitPolicy().isPresent()) {
                        explicitPolicy = Math.min(explicitPolicy, constraints.get().requireExplicitPolicy().getAsInt());
                    }
                    if (constraints.get().inhibitPolicyMapping().isPresent()) {
                        policyMapping = Math.min(policyMapping, constraints.get().inhibitPolicyMapping().getAsInt());
                    }
                }
                if (certificate.inhibitAnyPolicy().isPresent()) {
                    inhibitAnyPolicy = Math.min(inhibitAnyPolicy, certificate.inhibitAnyPolicy().get().skipCerts());
                }
                checkIsCa(certificate, errors);
                if (!selfIssued) {
                    if (maxPathLength <= 0) {
                        errors.add(new ValidationError(ErrorKind.PathLengthExceeded, certificate,
                                "a CA above allows no further intermediate (pathLenConstraint)"));
                    } else {
                        maxPathLength--;
                    }
                }
                Optional<BasicConstraints> basicConstraints = certificate.basicConstraints();
                if (basicConstraints.isPresent() && basicConstraints.get().pathLenConstraint().isPresent()) {
                    maxPathLength = Math.min(maxPathLength, basicConstraints.get().pathLenConstraint().getAsInt());
                }
                Optional<KeyUsage> keyUsage = certificate.keyUsage();
                if (keyUsage.isPresent() && !keyUsage.get().has(KeyUsage.Bit.KEY_CERT_SIGN)) {
                    errors.add(new ValidationError(ErrorKind.InvalidCaCertificate, certificate,
                            "key usage does not allow certificate signing (keyCertSign)"));
                }
                working = certificate;
                workingPublicKey = certificate.subjectPublicKeyInfo().workingPublicKey(workingPublicKey).orElse(null);
            } else {
                // §6.1.5: wrap-up.
                explicitPolicy = Math.max(0, explicitPolicy - 1);
                Optional<PolicyConstraints> constraints = certificate.policyConstraints();
                if (constraints.isPresent() && constraints.get().requireExplicitPolicy().isPresent()
                        && constraints.get().requireExplicitPolicy().getAsInt() == 0) {
                    explicitPolicy = 0;
                }
                tree.intersect(n, inputs.initialPolicySet());
                if (explicitPolicy <= 0 && tree.isNull() && !policyFailed) {
                    policyFailed = true;
                    errors.add(new ValidationError(ErrorKind.PolicyFailure, certificate,
                            "an explicit policy is required but none of the acceptable policies "
                                    + inputs.initialPolicySet() + " is valid for the path"));
                }
            }
        }
        checkPurpose(path, errors);
        if (tls) {
            checkTlsProfile(path, errors);
        }
        Set<ObjectIdentifier> userConstrained = tree.isNull() ? Set.of() : tree.authorityPolicies(n);
        return new Outcome(errors, userConstrained);
    }

    private void checkSignature(Certificate certificate, Certificate issuer, PublicKeyMaterial issuerWorkingKey,
            List<ValidationError> errors) throws BudgetExhaustedException {
        SignatureChecker.Check check = signatures.check(certificate, issuer, issuerWorkingKey);
        switch (check.outcome()) {
            case VALID -> {
            }
            case INVALID -> errors.add(new ValidationError(ErrorKind.CertificateSignatureFailed, certificate,
                    check.detail()));
            case UNSUPPORTED_KEY -> errors.add(new ValidationError(ErrorKind.UnableToDecodeIssuerPublicKey,
                    certificate, check.detail()));
            case UNSUPPORTED_SIGNATURE -> errors.add(new ValidationError(
                    check.weak() ? ErrorKind.WeakSignatureAlgorithm : ErrorKind.UnsupportedAlgorithm, certificate,
                    check.detail()));
        }
        if (check.weak() && check.outcome() != SignatureChecker.Outcome.UNSUPPORTED_SIGNATURE) {
            errors.add(new ValidationError(ErrorKind.WeakSignatureAlgorithm, certificate,
                    certificate.signatureAlgorithm().name() + " signatures are not accepted"));
        }
    }

    private void checkValidity(Certificate certificate, List<ValidationError> errors) {
        Instant time = parameters.time();
        if (time.isBefore(certificate.notBefore())) {
            errors.add(new ValidationError(ErrorKind.CertificateNotYetValid, certificate,
                    "valid from " + certificate.notBefore() + ", after the validation time " + time));
        }
        if (time.isAfter(certificate.notAfter())) {
            errors.add(new ValidationError(ErrorKind.CertificateExpired, certificate,
                    "expired at " + certificate.notAfter() + ", before the validation time " + time));
        }
    }

    /** §6.1.4 (k): a v3 intermediate must say cA; v1 and v2 intermediates are rejected. */
    private static void checkIsCa(Certificate certificate, List<ValidationError> errors) {
        if (certificate.version() < 3) {
            errors.add(new ValidationError(ErrorKind.InvalidCaCertificate, certificate,
                    "a version " + certificate.version() + " certificate cannot be an intermediate CA"));
            return;
        }
        Optional<BasicConstraints> basicConstraints = certificate.basicConstraints();
        if (basicConstraints.isEmpty() || !basicConstraints.get().ca()) {
            errors.add(new ValidationError(ErrorKind.InvalidCaCertificate, certificate,
                    basicConstraints.isEmpty() ? "an intermediate without basicConstraints is not a CA"
                            : "basicConstraints says this is not a CA (cA is FALSE)"));
        }
    }

    private static boolean mapsAnyPolicy(PolicyMappings mappings) {
        for (PolicyMappings.Mapping mapping : mappings.mappings()) {
            if (mapping.issuerDomainPolicy().equals(PolicyTree.ANY_POLICY)
                    || mapping.subjectDomainPolicy().equals(PolicyTree.ANY_POLICY)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An authority key identifier names its issuer: issuer name and serial when given (all
     * purposes), the key identifier when the issuer has one (TLS purposes only).
     */
    private static void checkAuthorityKeyIdentifier(Certificate certificate, Certificate issuer, boolean tls,
            List<ValidationError> errors) {
        Optional<AuthorityKeyIdentifier> aki = certificate.authorityKeyIdentifier();
        if (aki.isEmpty()) {
            return;
        }
        Optional<BigInteger> serial = aki.get().authorityCertSerialNumber();
        if (serial.isPresent() && !aki.get().authorityCertIssuer().isEmpty()) {
            boolean issuerNamed = aki.get().authorityCertIssuer().stream().anyMatch(name ->
                    name instanceof GeneralName.DirectoryName directory && directory.name().equals(issuer.issuer()));
            if (!issuerNamed || !serial.get().equals(issuer.serialNumber())) {
                errors.add(new ValidationError(ErrorKind.AuthorityIssuerSerialNumberMismatch, certificate,
                        "the authority key identifier names issuer serial " + serial.get().toString(16)
                                + ", not the issuer certificate's " + issuer.serialNumber().toString(16)));
            }
        }
        Optional<byte[]> keyId = aki.get().keyIdentifier();
        Optional<SubjectKeyIdentifier> issuerKeyId = issuer.subjectKeyIdentifier();
        if (tls && keyId.isPresent() && issuerKeyId.isPresent()
                && !Arrays.equals(keyId.get(), issuerKeyId.get().keyIdentifier())) {
            errors.add(new ValidationError(ErrorKind.SubjectIssuerMismatch, certificate,
                    "the authority key identifier does not match the issuer's subject key identifier"));
        }
    }

    /** The TLS profile's checks on key identifiers and the leaf's key (see the class comment). */
    private static void checkTlsProfile(List<Certificate> path, List<ValidationError> errors) {
        for (Certificate certificate : path.subList(0, path.size() - 1)) {
            for (ExtensionType type : KEY_IDENTIFIERS) {
                if (certificate.extension(type).map(Extension::critical).orElse(false)) {
                    errors.add(new ValidationError(ErrorKind.MalformedCertificate, certificate,
                            type.displayName() + " must not be critical (RFC 5280 §4.2.1.1, §4.2.1.2)"));
                }
            }
        }
        Certificate leaf = path.get(0);
        // jtls verifies DSA certificate signatures but TLS has no DSA signature scheme here.
        if (leaf.publicKey().isEmpty() || leaf.publicKey().get() instanceof DsaPublicKey) {
            errors.add(new ValidationError(ErrorKind.UnsupportedAlgorithm, leaf, "the leaf's "
                    + leaf.subjectPublicKeyInfo().algorithm().name() + " key cannot be used for TLS"));
        }
    }

    /** Extended key usage along the path, key usage and CA status of the leaf. */
    private void checkPurpose(List<Certificate> path, List<ValidationError> errors) {
        Set<ObjectIdentifier> needed = new LinkedHashSet<>(parameters.requiredExtendedKeyUsages());
        parameters.purpose().keyPurpose().ifPresent(purpose -> needed.add(purpose.oid()));
        Certificate leaf = path.get(0);
        int constrained = Math.max(1, path.size() - 1);
        for (int i = 0; i < constrained; i++) {
            Certificate certificate = path.get(i);
            Optional<ExtendedKeyUsage> eku = certificate.extendedKeyUsage();
            if (eku.isEmpty() || eku.get().has(KeyPurpose.ANY_EXTENDED_KEY_USAGE)) {
                continue;
            }
            for (ObjectIdentifier purpose : needed) {
                if (!eku.get().purposes().contains(purpose)) {
                    KeyPurpose known = KeyPurpose.forOid(purpose);
                    errors.add(new ValidationError(ErrorKind.InvalidPurpose, certificate,
                            "extended key usage does not allow " + (known != null ? known.displayName() : purpose)
                                    + (i == 0 ? "" : " (an intermediate's EKU constrains the leaf)")));
                }
            }
        }
        Optional<KeyUsage> keyUsage = leaf.keyUsage();
        if (keyUsage.isPresent()) {
            for (KeyUsage.Bit bit : parameters.requiredKeyUsages()) {
                if (!keyUsage.get().has(bit)) {
                    errors.add(new ValidationError(ErrorKind.InvalidPurpose, leaf,
                            "key usage does not include " + bit.displayName()));
                }
            }
        }
        if (parameters.purpose().isTls() && path.size() > 1
                && leaf.basicConstraints().map(BasicConstraints::ca).orElse(false)) {
            errors.add(new ValidationError(ErrorKind.InvalidPurpose, leaf,
                    "a CA certificate cannot be a TLS " + (parameters.purpose() == Purpose.SERVER_AUTH
                            ? "server" : "client") + " certificate"));
        }
    }
}
