package org.jtls.x509.ocsp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.RsaPssParameters;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.ExtendedKeyUsage;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * Decides what an OCSP response says about a certificate, following RFC 6960 §3.2: before a
 * response is believed, it must be
 *
 * <ol>
 *   <li>a successful id-pkix-ocsp-basic response (the error statuses of §2.3 are unsigned);</li>
 *   <li>signed by the certificate's issuer itself, or by a responder certificate in
 *       {@code certs} that the issuer's key signed, that carries id-kp-OCSPSigning and that is
 *       valid now (§4.2.2.2), as named by the ResponderID (§4.2.2.3);</li>
 *   <li>free of critical extensions jtls does not understand;</li>
 *   <li>about this certificate: a SingleResponse whose CertID has its serial number and its
 *       issuer's name and key hashes (§4.1.1);</li>
 *   <li>fresh (§4.2.2.1): thisUpdate no later than now, nextUpdate (when present) no earlier than
 *       now, each within the allowed clock skew; without nextUpdate, thisUpdate no older than
 *       {@link #maxAgeWithoutNextUpdate()}.</li>
 * </ol>
 *
 * When several fresh SingleResponses name the certificate, the most cautious wins: revoked before
 * unknown before good. The responder's own revocation status is not checked (§4.2.2.2.1 leaves
 * it to local policy; most responder certificates carry id-pkix-ocsp-nocheck).
 *
 * <p>Immutable and thread-safe. Nothing here reads a clock: the caller passes {@code now}.
 */
public final class OcspVerifier {
    /** How old a response without nextUpdate may be: a week, like the longest-lived CA/B Forum responses. */
    public static final Duration DEFAULT_MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofDays(7);
    /** Clock skew and ages beyond this are programming errors, not policies. */
    private static final Duration LONGEST_DURATION = Duration.ofDays(3650);

    /** Extensions whose meaning jtls knows, so they may be critical (RFC 6960 §4.4, RFC 5280 §4.2). */
    private static final Set<ObjectIdentifier> UNDERSTOOD_EXTENSIONS =
            Set.of(OcspExtensions.NONCE, OcspExtensions.EXTENDED_REVOKE);

    private final Duration maxAgeWithoutNextUpdate;

    private OcspVerifier(Builder builder) {
        this.maxAgeWithoutNextUpdate = builder.maxAgeWithoutNextUpdate;
    }

    public static OcspVerifier withDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration maxAgeWithoutNextUpdate() {
        return maxAgeWithoutNextUpdate;
    }

    /**
     * Verifies a stapled response (RFC 6066 §8's CertificateStatus, RFC 8446 §4.4.2.1's
     * status_request entry) for {@code leaf}.
     *
     * @param response the DER OCSPResponse; {@code null} or empty when the server stapled nothing
     * @param leaf the certificate whose status is wanted
     * @param issuer the certificate that issued {@code leaf}, from the validated chain
     * @param now the time to judge freshness and the responder certificate's validity at
     * @param allowedClockSkew how far the responder's clock may differ from ours (0 to 10 years)
     */
    public OcspVerdict verifyStapled(byte[] response, Certificate leaf, Certificate issuer, Instant now,
            Duration allowedClockSkew, CryptoBackend crypto) {
        if (response == null || response.length == 0) {
            return OcspVerdict.failed(OcspError.NO_RESPONSE_FOUND, "no OCSP response was stapled");
        }
        OcspResponse parsed;
        try {
            parsed = OcspResponse.parse(response);
        } catch (DerException e) {
            return OcspVerdict.failed(OcspError.MALFORMED_RESPONSE, "malformed OCSP response: " + e.getMessage());
        }
        return verify(parsed, leaf, issuer, now, allowedClockSkew, crypto);
    }

    /** {@link #verifyStapled} for a response already parsed. */
    public OcspVerdict verify(OcspResponse response, Certificate leaf, Certificate issuer, Instant now,
            Duration allowedClockSkew, CryptoBackend crypto) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(crypto, "crypto");
        requireReasonable(allowedClockSkew, "allowedClockSkew");

        if (response.status() != OcspResponseStatus.SUCCESSFUL) {
            return OcspVerdict.failed(errorFor(response.status()), "the responder answered "
                    + response.status() + " (RFC 6960 §2.3)");
        }
        Optional<BasicOcspResponse> maybeBasic = response.basicResponse();
        if (maybeBasic.isEmpty()) {
            return OcspVerdict.failed(OcspError.MALFORMED_RESPONSE, "response type "
                    + response.responseType().map(ObjectIdentifier::toString).orElse("(none)")
                    + " is not id-pkix-ocsp-basic, the only type jtls reads (RFC 6960 §4.2.1)");
        }
        BasicOcspResponse basic = maybeBasic.get();

        Signer signer = authorizedSigner(basic, issuer, now, allowedClockSkew, crypto);
        if (signer.problem != null) {
            return OcspVerdict.failed(OcspError.RESPONSE_CANNOT_BE_TRUSTED, signer.problem);
        }
        String signatureProblem = signatureProblem(basic, signer.certificate, crypto);
        if (signatureProblem != null) {
            return OcspVerdict.failed(OcspError.RESPONSE_CANNOT_BE_TRUSTED, signatureProblem);
        }
        String extensionProblem = criticalExtensionProblem(basic.responseExtensions(), "response");
        if (extensionProblem != null) {
            return OcspVerdict.failed(OcspError.RESPONSE_CANNOT_BE_TRUSTED, extensionProblem);
        }

        List<SingleResponse> aboutLeaf = new ArrayList<>();
        for (SingleResponse single : basic.responses()) {
            if (single.certId().identifies(leaf, issuer, crypto)) {
                aboutLeaf.add(single);
            }
        }
        if (aboutLeaf.isEmpty()) {
            return OcspVerdict.failed(OcspError.RESPONSE_CERT_ID_UNKNOWN, "none of the " + basic.responses().size()
                    + " responses names serial " + leaf.serialNumber().toString(16) + " of " + issuer.subject()
                    + unusableHashes(basic));
        }

        List<SingleResponse> fresh = new ArrayList<>();
        String staleness = null;
        for (SingleResponse single : aboutLeaf) {
            String problem = criticalExtensionProblem(single.singleExtensions(), "single response");
            if (problem != null) {
                return OcspVerdict.failed(OcspError.RESPONSE_CANNOT_BE_TRUSTED, problem);
            }
            String stale = stalenessOf(single, now, allowedClockSkew);
            if (stale == null) {
                fresh.add(single);
            } else if (staleness == null) {
                staleness = stale;
            }
        }
        if (fresh.isEmpty()) {
            return OcspVerdict.failed(OcspError.RESPONSE_EXPIRED, staleness);
        }
        SingleResponse answer = mostCautious(fresh);
        return OcspVerdict.answered(answer, answer.certStatus() + ", per a response signed by "
                + signer.description + " at " + basic.producedAt() + " (thisUpdate " + answer.thisUpdate()
                + answer.nextUpdate().map(next -> ", nextUpdate " + next).orElse("") + ")");
    }

    // ---- RFC 6960 §2.3: unsigned error responses ----

    private static OcspError errorFor(OcspResponseStatus status) {
        return switch (status) {
            case MALFORMED_REQUEST -> OcspError.MALFORMED_REQUEST;
            case INTERNAL_ERROR -> OcspError.INTERNAL_ERROR;
            case TRY_LATER -> OcspError.TRY_LATER;
            case SIG_REQUIRED -> OcspError.SIG_REQUIRED;
            case UNAUTHORIZED -> OcspError.UNAUTHORIZED;
            case SUCCESSFUL -> throw new IllegalArgumentException("successful is not an error");
        };
    }

    // ---- RFC 6960 §4.2.2.2: who may sign ----

    /** The certificate whose key must have signed the response, or why there is none. */
    private static final class Signer {
        final Certificate certificate;
        final String description;
        final String problem;

        private Signer(Certificate certificate, String description, String problem) {
            this.certificate = certificate;
            this.description = description;
            this.problem = problem;
        }
    }

    /**
     * The issuer, when the ResponderID names it; otherwise the first certificate in {@code certs}
     * that the ResponderID names and that the issuer authorised.
     */
    private static Signer authorizedSigner(BasicOcspResponse basic, Certificate issuer, Instant now, Duration skew,
            CryptoBackend crypto) {
        ResponderId responderId = basic.responderId();
        if (responderId.identifies(issuer, crypto)) {
            return new Signer(issuer, "the issuer " + issuer.subject(), null);
        }
        List<String> rejected = new ArrayList<>();
        for (Certificate candidate : basic.certs()) {
            if (!responderId.identifies(candidate, crypto)) {
                continue;
            }
            String problem = delegationProblem(candidate, issuer, now, skew, crypto);
            if (problem == null) {
                return new Signer(candidate, "the authorized responder " + candidate.subject(), null);
            }
            rejected.add(candidate.subject() + ": " + problem);
        }
        if (rejected.isEmpty()) {
            return new Signer(null, null, "the responder (" + responderId + ") is neither the issuer nor any of the "
                    + basic.certs().size() + " certificates the response carries");
        }
        return new Signer(null, null, "the responder is not authorized by the issuer (RFC 6960 §4.2.2.2): "
                + String.join("; ", rejected));
    }

    /** Why {@code responder} may not answer for certificates of {@code issuer}, or {@code null} if it may. */
    private static String delegationProblem(Certificate responder, Certificate issuer, Instant now, Duration skew,
            CryptoBackend crypto) {
        // §4.2.2.2: "issued directly by the CA", and recognised only if signed by the same key.
        if (!responder.issuer().equals(issuer.subject())) {
            return "it was issued by " + responder.issuer() + ", not by " + issuer.subject();
        }
        try {
            if (!responder.verifySignature(issuer, crypto)) {
                return "its signature does not verify with the issuer's key";
            }
        } catch (UnsupportedAlgorithmException e) {
            return "its signature cannot be checked: " + e.getMessage();
        }
        Optional<ExtendedKeyUsage> extendedKeyUsage = responder.extendedKeyUsage();
        if (extendedKeyUsage.isEmpty() || !extendedKeyUsage.get().has(KeyPurpose.OCSP_SIGNING)) {
            return "it lacks the id-kp-OCSPSigning extended key usage";
        }
        // RFC 5280 §4.2.1.3: a key that signs anything other than certificates and CRLs needs digitalSignature.
        Optional<KeyUsage> keyUsage = responder.keyUsage();
        if (keyUsage.isPresent() && !keyUsage.get().has(KeyUsage.Bit.DIGITAL_SIGNATURE)) {
            return "its key usage lacks digitalSignature";
        }
        if (responder.notBefore().isAfter(now.plus(skew)) || responder.notAfter().isBefore(now.minus(skew))) {
            return "it is not valid at " + now + " (valid " + responder.notBefore() + " to " + responder.notAfter() + ")";
        }
        for (Extension extension : responder.unhandledCriticalExtensions()) {
            if (!extension.oid().equals(OcspExtensions.NO_CHECK)) {
                return "it has the critical extension " + extension.name() + ", which jtls does not process";
            }
        }
        return null;
    }

    // ---- the signature ----

    /** Why the response's signature is not a valid one by {@code signer}, or {@code null} if it is. */
    private static String signatureProblem(BasicOcspResponse basic, Certificate signer, CryptoBackend crypto) {
        SignatureAlgorithm algorithm;
        try {
            algorithm = SignatureAlgorithms.toCrypto(basic.signatureAlgorithm());
        } catch (UnsupportedAlgorithmException e) {
            return "the response's signature cannot be checked: " + e.getMessage();
        }
        Optional<PublicKeyMaterial> key = signer.publicKey();
        if (key.isEmpty()) {
            return "the signer's key algorithm " + signer.subjectPublicKeyInfo().algorithm().name()
                    + " is not supported";
        }
        if (!algorithm.acceptsKey(key.get())) {
            return "the signer's " + key.get().algorithm() + " key cannot make a " + basic.signatureAlgorithm().name()
                    + " signature";
        }
        if (signer.subjectPublicKeyInfo().isRsaPssKey()) {
            String problem = pssKeyProblem(basic, signer);
            if (problem != null) {
                return problem;
            }
        }
        if (!basic.signature().isOctetAligned()
                || !crypto.verifier(algorithm, key.get()).verify(basic.tbsResponseData(), basic.signature().bytes())) {
            return "the response's signature does not verify with the key of " + signer.subject();
        }
        return null;
    }

    /**
     * RFC 4055 §3.3: an id-RSASSA-PSS key makes only RSASSA-PSS signatures, and when the key has
     * parameters, with the same hash and mask generation and a salt at least as long.
     */
    private static String pssKeyProblem(BasicOcspResponse basic, Certificate signer) {
        if (basic.signatureAlgorithm().knownAlgorithm() != KnownAlgorithm.RSASSA_PSS) {
            return "the signer's RSASSA-PSS key may make only RSASSA-PSS signatures (RFC 4055 §3.3)";
        }
        Optional<RsaPssParameters> keyParameters = signer.subjectPublicKeyInfo().pssParameters();
        if (keyParameters.isEmpty()) {
            return null;
        }
        try {
            RsaPssParameters used = RsaPssParameters.decode(basic.signatureAlgorithm().parameters());
            RsaPssParameters allowed = keyParameters.get();
            boolean within = used.hash() == allowed.hash() && used.maskGenHash() == allowed.maskGenHash()
                    && used.trailerField() == allowed.trailerField() && used.saltLength() >= allowed.saltLength();
            return within ? null : "the signature's RSASSA-PSS parameters are outside those of the signer's key "
                    + "(RFC 4055 §3.3)";
        } catch (DerException | UnsupportedAlgorithmException e) {
            return "the RSASSA-PSS parameters cannot be compared: " + e.getMessage();
        }
    }

    // ---- extensions, CertIDs and freshness ----

    private static String criticalExtensionProblem(List<Extension> extensions, String where) {
        for (Extension extension : extensions) {
            if (extension.critical() && !UNDERSTOOD_EXTENSIONS.contains(extension.oid())) {
                return "the " + where + " has the critical extension " + extension.name()
                        + ", which jtls does not understand (RFC 6960 §4.4, RFC 5280 §4.2)";
            }
        }
        return null;
    }

    private static String unusableHashes(BasicOcspResponse basic) {
        List<String> unusable = new ArrayList<>();
        for (SingleResponse single : basic.responses()) {
            if (single.certId().hash().isEmpty()) {
                unusable.add(single.certId().hashAlgorithm().name());
            }
        }
        return unusable.isEmpty() ? "" : " (CertIDs hashed with algorithms jtls does not use: "
                + String.join(", ", unusable) + ")";
    }

    /** Why {@code single} is not fresh at {@code now} (RFC 6960 §4.2.2.1), or {@code null} if it is. */
    private String stalenessOf(SingleResponse single, Instant now, Duration skew) {
        Instant thisUpdate = single.thisUpdate();
        if (thisUpdate.isAfter(now.plus(skew))) {
            return "thisUpdate " + thisUpdate + " is in the future (now " + now + ", allowed skew " + skew + ")";
        }
        Optional<Instant> nextUpdate = single.nextUpdate();
        if (nextUpdate.isPresent()) {
            if (nextUpdate.get().isBefore(thisUpdate)) {
                return "nextUpdate " + nextUpdate.get() + " precedes thisUpdate " + thisUpdate;
            }
            if (nextUpdate.get().isBefore(now.minus(skew))) {
                return "the response expired at its nextUpdate " + nextUpdate.get() + " (now " + now
                        + ", allowed skew " + skew + ")";
            }
            return null;
        }
        if (thisUpdate.plus(maxAgeWithoutNextUpdate).isBefore(now.minus(skew))) {
            return "the response has no nextUpdate and its thisUpdate " + thisUpdate + " is older than "
                    + maxAgeWithoutNextUpdate + " (now " + now + ")";
        }
        return null;
    }

    private static SingleResponse mostCautious(List<SingleResponse> fresh) {
        SingleResponse chosen = fresh.get(0);
        for (SingleResponse single : fresh) {
            if (caution(single.certStatus()) > caution(chosen.certStatus())) {
                chosen = single;
            }
        }
        return chosen;
    }

    private static int caution(CertStatus status) {
        if (status instanceof CertStatus.Revoked) {
            return 2;
        }
        return status instanceof CertStatus.Unknown ? 1 : 0;
    }

    private static void requireReasonable(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.compareTo(LONGEST_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + LONGEST_DURATION + ": " + duration);
        }
    }

    /** Configuration; unset values keep their defaults. */
    public static final class Builder {
        private Duration maxAgeWithoutNextUpdate = DEFAULT_MAX_AGE_WITHOUT_NEXT_UPDATE;

        private Builder() {
        }

        /** How old thisUpdate may be when a response has no nextUpdate (default 7 days). */
        public Builder maxAgeWithoutNextUpdate(Duration maxAge) {
            requireReasonable(maxAge, "maxAgeWithoutNextUpdate");
            this.maxAgeWithoutNextUpdate = maxAge;
            return this;
        }

        public OcspVerifier build() {
            return new OcspVerifier(this);
        }
    }
}
