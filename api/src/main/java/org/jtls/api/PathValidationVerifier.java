package org.jtls.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.api.SslError.Kind;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.host.HostnameMatch;
import org.jtls.x509.host.HostnameVerifier;
import org.jtls.x509.ocsp.OcspVerdict;
import org.jtls.x509.ocsp.OcspVerifier;
import org.jtls.x509.path.ErrorKind;
import org.jtls.x509.path.PathValidator;
import org.jtls.x509.path.ValidationError;
import org.jtls.x509.path.ValidationParameters;
import org.jtls.x509.path.ValidationResult;

/**
 * The API's default certificate verifier: RFC 5280 path validation by {@link PathValidator}, the
 * peer's name by {@link HostnameVerifier} and a stapled OCSP response by {@link OcspVerifier}, with
 * every problem reported as the {@link SslError} Qt would give it.
 *
 * <ol>
 *   <li><b>Path.</b> The path is built from the leaf, using the certificates the peer sent (in any
 *       order, as RFC 8446 §4.4.2 allows) and the request's trust anchors, with backtracking over
 *       alternative issuers; it is validated as RFC 5280 §6.1 says (signatures, validity, name
 *       chaining, basic constraints and path lengths, key usage, name constraints, policies,
 *       critical extensions), SHA-1 and MD5 signatures refused. As in RFC 5280 §6.1.1 (d), a
 *       trust anchor is its name and key: its own validity period is not checked, so an expired
 *       root that is still trusted still anchors paths.</li>
 *   <li><b>Purpose.</b> {@link Purpose#SERVER_AUTH} and {@link Purpose#CLIENT_AUTH} need
 *       id-kp-serverAuth or id-kp-clientAuth in the extended key usage of the leaf and of every
 *       intermediate that has one, and add the TLS profile checks (the leaf is no CA, its key can
 *       sign in TLS); {@link Purpose#ANY} is plain RFC 5280.</li>
 *   <li><b>Depth</b> (Qt's {@code peerVerifyDepth}): the path, its anchor included, may have at
 *       most {@code maxDepth} certificates; paths that would be longer are not built, and when no
 *       shorter one exists the result is {@code PathLengthExceeded}.</li>
 *   <li><b>Name.</b> The leaf must be for the peer name (RFC 9525, subjectAltName only: a DNS
 *       name, wildcard rules included, or an IPv4/IPv6 literal).</li>
 *   <li><b>Revocation.</b> When stapling is required, the stapled response must be there and say
 *       "good" for the leaf, signed by the leaf's issuer on the validated path or by a responder
 *       it authorised (RFC 6960 §3.2); "revoked" is {@code CertificateRevoked}, anything else the
 *       matching {@code Ocsp...} error.</li>
 * </ol>
 *
 * <p>A leaf whose issuer is nowhere to be found gives OpenSSL's (and so Qt's) pair
 * {@code UnableToGetLocalIssuerCertificate} and {@code UnableToVerifyFirstCertificate}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PathValidationVerifier implements CertificateVerifier {
    static final PathValidationVerifier INSTANCE = new PathValidationVerifier();
    /** How far an OCSP responder's clock may be from ours. */
    private static final Duration OCSP_CLOCK_SKEW = Duration.ofMinutes(5);

    private PathValidationVerifier() {
    }

    @Override
    public List<SslError> verify(Request request) {
        List<SslError> errors = new ArrayList<>();
        if (request.chain().isEmpty()) {
            errors.add(new SslError(Kind.NO_PEER_CERTIFICATE));
            return errors;
        }
        SslCertificate leaf = request.chain().get(0);
        ValidationResult result = validatePath(request);
        for (ValidationError error : result.errors()) {
            addPathError(error, request, errors);
        }
        if (request.maxDepth() > 0 && result.isValid() && result.path().size() > request.maxDepth()) {
            // Only a trusted leaf can be a path of one; a depth of 1 allows nothing else.
            errors.add(new SslError(Kind.PATH_LENGTH_EXCEEDED, find(result.path().get(request.maxDepth()), request),
                    "the path has " + result.path().size() + " certificates, more than the verify depth of "
                            + request.maxDepth()));
        }
        if (request.peerName() != null) {
            HostnameMatch match = HostnameVerifier.matches(leaf.certificate(), request.peerName());
            if (!match.matched()) {
                errors.add(new SslError(Kind.HOST_NAME_MISMATCH, leaf, match.explanation()));
            }
        }
        if (request.ocspStaplingRequired()) {
            checkStapledResponse(request, leaf, result, errors);
        }
        return errors;
    }

    private static ValidationResult validatePath(Request request) {
        List<Certificate> intermediates = request.chain().subList(1, request.chain().size()).stream()
                .map(SslCertificate::certificate).toList();
        ValidationParameters.Builder parameters = ValidationParameters.builder(request.time())
                .trustAnchors(request.trustAnchors().stream().map(SslCertificate::certificate).toList())
                .purpose(switch (request.purpose()) {
                    case SERVER_AUTH -> org.jtls.x509.path.Purpose.SERVER_AUTH;
                    case CLIENT_AUTH -> org.jtls.x509.path.Purpose.CLIENT_AUTH;
                    case ANY -> org.jtls.x509.path.Purpose.ANY;
                });
        if (request.maxDepth() > 0) {
            // The depth counts the leaf and the anchor; the rest are intermediates.
            parameters.maxIntermediates(Math.max(0, request.maxDepth() - 2));
        }
        return new PathValidator(request.crypto()).validate(request.chain().get(0).certificate(), intermediates,
                parameters.build());
    }

    private static void addPathError(ValidationError error, Request request, List<SslError> errors) {
        SslCertificate certificate = error.certificate().map(found -> find(found, request)).orElse(null);
        if (error.kind() == ErrorKind.UnableToVerifyFirstCertificate) {
            // OpenSSL reports "unable to get local issuer" for the leaf and then this; Qt passes both on.
            errors.add(new SslError(Kind.UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE, certificate, error.detail()));
        }
        errors.add(new SslError(kindOf(error.kind()), certificate, error.detail()));
    }

    /**
     * The Qt error for a path-validation error. Most have the same name; the rest map to the
     * nearest Qt condition.
     */
    static Kind kindOf(ErrorKind kind) {
        return switch (kind) {
            case UnableToGetIssuerCertificate -> Kind.UNABLE_TO_GET_ISSUER_CERTIFICATE;
            case UnableToDecryptCertificateSignature -> Kind.UNABLE_TO_DECRYPT_CERTIFICATE_SIGNATURE;
            case UnableToDecodeIssuerPublicKey -> Kind.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY;
            case CertificateSignatureFailed -> Kind.CERTIFICATE_SIGNATURE_FAILED;
            case CertificateNotYetValid -> Kind.CERTIFICATE_NOT_YET_VALID;
            case CertificateExpired -> Kind.CERTIFICATE_EXPIRED;
            case InvalidNotBeforeField -> Kind.INVALID_NOT_BEFORE_FIELD;
            case InvalidNotAfterField -> Kind.INVALID_NOT_AFTER_FIELD;
            case SelfSignedCertificate -> Kind.SELF_SIGNED_CERTIFICATE;
            case SelfSignedCertificateInChain -> Kind.SELF_SIGNED_CERTIFICATE_IN_CHAIN;
            case UnableToGetLocalIssuerCertificate -> Kind.UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE;
            case UnableToVerifyFirstCertificate -> Kind.UNABLE_TO_VERIFY_FIRST_CERTIFICATE;
            case CertificateRevoked -> Kind.CERTIFICATE_REVOKED;
            case InvalidCaCertificate -> Kind.INVALID_CA_CERTIFICATE;
            case PathLengthExceeded -> Kind.PATH_LENGTH_EXCEEDED;
            case InvalidPurpose -> Kind.INVALID_PURPOSE;
            case CertificateUntrusted -> Kind.CERTIFICATE_UNTRUSTED;
            case CertificateRejected -> Kind.CERTIFICATE_REJECTED;
            case SubjectIssuerMismatch -> Kind.SUBJECT_ISSUER_MISMATCH;
            case AuthorityIssuerSerialNumberMismatch -> Kind.AUTHORITY_ISSUER_SERIAL_NUMBER_MISMATCH;
            case NoPeerCertificate -> Kind.NO_PEER_CERTIFICATE;
            case HostNameMismatch -> Kind.HOST_NAME_MISMATCH;
            case NoSslSupport -> Kind.NO_SSL_SUPPORT;
            case CertificateBlacklisted -> Kind.CERTIFICATE_BLACKLISTED;
            case OcspNoResponseFound -> Kind.OCSP_NO_RESPONSE_FOUND;
            case OcspMalformedRequest -> Kind.OCSP_MALFORMED_REQUEST;
            case OcspMalformedResponse -> Kind.OCSP_MALFORMED_RESPONSE;
            case OcspInternalError -> Kind.OCSP_INTERNAL_ERROR;
            case OcspTryLater -> Kind.OCSP_TRY_LATER;
            case OcspSigRequred -> Kind.OCSP_SIG_REQUIRED;
            case OcspUnauthorized -> Kind.OCSP_UNAUTHORIZED;
            case OcspResponseCannotBeTrusted -> Kind.OCSP_RESPONSE_CANNOT_BE_TRUSTED;
            case OcspResponseCertIdUnknown -> Kind.OCSP_RESPONSE_CERT_ID_UNKNOWN;
            case OcspResponseExpired -> Kind.OCSP_RESPONSE_EXPIRED;
            case OcspStatusUnknown -> Kind.OCSP_STATUS_UNKNOWN;
            case NameConstraintViolation -> Kind.NAME_CONSTRAINT_VIOLATION;
            case UnhandledCriticalExtension -> Kind.UNHANDLED_CRITICAL_EXTENSION;
            case PolicyFailure -> Kind.POLICY_FAILURE;
            case WeakSignatureAlgorithm -> Kind.WEAK_SIGNATURE_ALGORITHM;
            case RevocationStatusUnknown, CrlInvalid -> Kind.CERTIFICATE_STATUS_UNKNOWN;
            // Every path needs more CA certificates than allowed: OpenSSL's "certificate chain too long".
            case ChainTooLong -> Kind.PATH_LENGTH_EXCEEDED;
            // A signature or key algorithm jtls cannot verify with: the signature cannot be checked.
            case UnsupportedAlgorithm -> Kind.UNABLE_TO_DECRYPT_CERTIFICATE_SIGNATURE;
            case WorkBudgetExceeded, MalformedCertificate -> Kind.UNSPECIFIED_ERROR;
        };
    }

    /** The request's own object for a certificate (the chain's or an anchor's), so errors compare equal to it. */
    private static SslCertificate find(Certificate certificate, Request request) {
        for (SslCertificate sent : request.chain()) {
            if (sent.certificate().equals(certificate)) {
                return sent;
            }
        }
        for (SslCertificate anchor : request.trustAnchors()) {
            if (anchor.certificate().equals(certificate)) {
                return anchor;
            }
        }
        return SslCertificate.of(certificate);
    }

    /** RFC 6066 §8 / RFC 8446 §4.4.2.1: the staple must say "good" for the leaf. */
    private static void checkStapledResponse(Request request, SslCertificate leaf, ValidationResult result,
            List<SslError> errors) {
        byte[] response = request.stapledOcspResponse();
        if (response == null || response.length == 0) {
            errors.add(new SslError(Kind.OCSP_NO_RESPONSE_FOUND, leaf, "the server stapled no OCSP response"));
            return;
        }
        Certificate issuer = leafIssuer(leaf.certificate(), result);
        if (issuer == null) {
            errors.add(new SslError(Kind.OCSP_RESPONSE_CANNOT_BE_TRUSTED, leaf,
                    "the leaf's issuer is unknown, so no responder can be authorised"));
            return;
        }
        OcspVerdict verdict = OcspVerifier.withDefaults().verifyStapled(response, leaf.certificate(), issuer,
                request.time(), OCSP_CLOCK_SKEW, request.crypto());
        switch (verdict.status()) {
            case GOOD -> {
            }
            case REVOKED -> errors.add(new SslError(Kind.CERTIFICATE_REVOKED, leaf,
                    "the stapled OCSP response says so: " + verdict.detail()));
            case UNKNOWN, FAILED -> {
                Kind kind = verdict.error().flatMap(error -> Kind.fromQtName(error.qtName()))
                        .orElse(Kind.CERTIFICATE_STATUS_UNKNOWN);
                errors.add(new SslError(kind, leaf, verdict.detail()));
            }
        }
    }

    /** The issuer the path found for the leaf; the leaf itself when it is a trusted self-issued certificate. */
    private static Certificate leafIssuer(Certificate leaf, ValidationResult result) {
        if (result.path().size() > 1) {
            return result.path().get(1);
        }
        return result.isValid() && leaf.isSelfIssued() ? leaf : null;
    }
}
