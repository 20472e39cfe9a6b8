package org.jtls.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem with the peer's certificates (Qt's {@code QSslError}): what is wrong and with which
 * certificate. Errors are equal when their kind and certificate are, as in Qt, so a list built
 * before connecting can be passed to {@link SslSocket#ignoreSslErrors(java.util.Collection)}; the
 * {@link #detail()} text is for people and takes no part in equality.
 */
public final class SslError {
    /**
     * Qt's {@code QSslError::SslError} values, with the text Qt gives each, followed by four kinds
     * RFC 5280 path validation reports that Qt has no name for.
     */
    public enum Kind {
        NO_ERROR("NoError", "No error"),
        UNABLE_TO_GET_ISSUER_CERTIFICATE("UnableToGetIssuerCertificate", "The issuer certificate could not be found"),
        UNABLE_TO_DECRYPT_CERTIFICATE_SIGNATURE("UnableToDecryptCertificateSignature",
                "The certificate signature could not be decrypted"),
        UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY("UnableToDecodeIssuerPublicKey",
                "The public key in the certificate could not be read"),
        CERTIFICATE_SIGNATURE_FAILED("CertificateSignatureFailed", "The signature of the certificate is invalid"),
        CERTIFICATE_NOT_YET_VALID("CertificateNotYetValid", "The certificate is not yet valid"),
        CERTIFICATE_EXPIRED("CertificateExpired", "The certificate has expired"),
        INVALID_NOT_BEFORE_FIELD("InvalidNotBeforeField", "The certificate's notBefore field contains an invalid time"),
        INVALID_NOT_AFTER_FIELD("InvalidNotAfterField", "The certificate's notAfter field contains an invalid time"),
        SELF_SIGNED_CERTIFICATE("SelfSignedCertificate", "The certificate is self-signed, and untrusted"),
        SELF_SIGNED_CERTIFICATE_IN_CHAIN("SelfSignedCertificateInChain",
                "The root certificate of the certificate chain is self-signed, and untrusted"),
        UNABLE_TO_GET_LOCAL_ISSUER_CERTIFICATE("UnableToGetLocalIssuerCertificate",
                "The issuer certificate of a locally looked up certificate could not be found"),
        UNABLE_TO_VERIFY_FIRST_CERTIFICATE("UnableToVerifyFirstCertificate", "No certificates could be verified"),
        CERTIFICATE_REVOKED("CertificateRevoked", "The certificate has been revoked"),
        INVALID_CA_CERTIFICATE("InvalidCaCertificate", "One of the CA certificates is invalid"),
        PATH_LENGTH_EXCEEDED("PathLengthExceeded", "The basicConstraints path length parameter has been exceeded"),
        INVALID_PURPOSE("InvalidPurpose", "The supplied certificate is unsuitable for this purpose"),
        CERTIFICATE_UNTRUSTED("CertificateUntrusted", "The root CA certificate is not trusted for this purpose"),
        CERTIFICATE_REJECTED("CertificateRejected", "The root CA certificate is marked to reject the specified purpose"),
        SUBJECT_ISSUER_MISMATCH("SubjectIssuerMismatch",
                "The current candidate issuer certificate was rejected because its subject name did not match"
                        + " the issuer name of the current certificate"),
        AUTHORITY_ISSUER_SERIAL_NUMBER_MISMATCH("AuthorityIssuerSerialNumberMismatch",
                "The current candidate issuer certificate was rejected because its issuer name and serial number"
                        + " was present and did not match the authority key identifier of the current certificate"),
        NO_PEER_CERTIFICATE("NoPeerCertificate", "The peer did not present any certificate"),
        HOST_NAME_MISMATCH("HostNameMismatch", "The host name did not match any of the valid hosts for this certificate"),
        /** Qt leaves this text empty; jtls says what it means. */
        NO_SSL_SUPPORT("NoSslSupport", "No SSL support"),
        CERTIFICATE_BLACKLISTED("CertificateBlacklisted", "The peer certificate is blacklisted"),
        CERTIFICATE_STATUS_UNKNOWN("CertificateStatusUnknown", "The certificate's status is unknown"),
        OCSP_NO_RESPONSE_FOUND("OcspNoResponseFound", "No OCSP status response found"),
        OCSP_MALFORMED_REQUEST("OcspMalformedRequest", "The OCSP status request had invalid syntax"),
        OCSP_MALFORMED_RESPONSE("OcspMalformedResponse",
                "OCSP response contains an unexpected number of SingleResponse structures"),
        OCSP_INTERNAL_ERROR("OcspInternalError", "OCSP responder reached an inconsistent internal state"),
        OCSP_TRY_LATER("OcspTryLater", "OCSP responder was unable to return a status for the requested certificate"),
        /** Qt spells the enumerator {@code OcspSigRequred}. */
        OCSP_SIG_REQUIRED("OcspSigRequred",
                "The server requires the client to sign the OCSP request in order to construct a response"),
        OCSP_UNAUTHORIZED("OcspUnauthorized", "The client is not authorized to request OCSP status from this server"),
        OCSP_RESPONSE_CANNOT_BE_TRUSTED("OcspResponseCannotBeTrusted", "OCSP responder's identity cannot be verified"),
        OCSP_RESPONSE_CERT_ID_UNKNOWN("OcspResponseCertIdUnknown",
                "The identity of a certificate in an OCSP response cannot be established"),
        OCSP_RESPONSE_EXPIRED("OcspResponseExpired", "The certificate status response has expired"),
        OCSP_STATUS_UNKNOWN("OcspStatusUnknown", "The certificate's status is unknown"),
        UNSPECIFIED_ERROR("UnspecifiedError", "Unknown error"),
        // ---- beyond Qt: RFC 5280 §6.1 outcomes ----
        /** A name in the certificate is outside a CA's permitted subtrees or inside its excluded ones (§4.2.1.10). */
        NAME_CONSTRAINT_VIOLATION("NameConstraintViolation",
                "The certificate's name violates the name constraints of an issuing CA"),
        /** The certificate has a critical extension the verifier does not process (§4.2). */
        UNHANDLED_CRITICAL_EXTENSION("UnhandledCriticalExtension",
                "The certificate has a critical extension that could not be processed"),
        /** The certificate policies of the path do not satisfy what is required (§6.1.5). */
        POLICY_FAILURE("PolicyFailure", "The certificate chain does not satisfy the required certificate policies"),
        /** A signature uses an algorithm no longer trusted (MD5, SHA-1) or a key too small. */
        WEAK_SIGNATURE_ALGORITHM("WeakSignatureAlgorithm",
                "The certificate is signed with an algorithm or key that is too weak");

        private final String qtName;
        private final String errorString;

        Kind(String qtName, String errorString) {
            this.qtName = qtName;
            this.errorString = errorString;
        }

        /** The {@code QSslError::SslError} enumerator's name ({@code HostNameMismatch}). */
        public String qtName() {
            return qtName;
        }

        /** Qt's description of the error. */
        public String errorString() {
            return errorString;
        }

        /** The kind with this Qt enumerator name, if any. */
        public static Optional<Kind> fromQtName(String qtName) {
            for (Kind kind : values()) {
                if (kind.qtName.equals(qtName)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private final Kind kind;
    private final SslCertificate certificate;
    private final String detail;

    /** An error about no certificate in particular. */
    public SslError(Kind kind) {
        this(kind, null, null);
    }

    public SslError(Kind kind, SslCertificate certificate) {
        this(kind, certificate, null);
    }

    /**
     * @param certificate the certificate the error is about, or null
     * @param detail      a sentence saying more than {@link Kind#errorString()} (which names were
     *                    compared, which dates), or null
     */
    public SslError(Kind kind, SslCertificate certificate, String detail) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.certificate = certificate;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The certificate the error concerns; empty when it concerns none (NoPeerCertificate). */
    public Optional<SslCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** Qt's short description, e.g. "The host name did not match any of the valid hosts for this certificate". */
    public String errorString() {
        return kind.errorString();
    }

    /** The verifier's explanation beyond {@link #errorString()}, if it gave one. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SslError that && kind == that.kind && Objects.equals(certificate, that.certificate);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(certificate);
    }

    /** {@code HostNameMismatch: The host name did not match ... (CN=example.com): detail}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.qtName()).append(": ").append(errorString());
        if (certificate != null) {
            text.append(" (").append(certificate.subjectDisplayName()).append(')');
        }
        if (detail != null) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }
}
