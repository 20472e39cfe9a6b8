package org.jtls.x509.path;

/**
 * What is wrong with a certificate or a certification path. The first group mirrors Qt's
 * {@code QSslError::SslError} set (so the API layer maps them one to one); the second names what
 * RFC 5280 path validation and jtls's profile checks report beyond it.
 */
public enum ErrorKind {
    // ---- Qt's QSslError kinds ----
    /** The issuer of a certificate in the path could not be found. */
    UnableToGetIssuerCertificate,
    /** The certificate's signature could not be decrypted (OpenSSL's RSA-level failure). */
    UnableToDecryptCertificateSignature,
    /** The issuer's public key could not be read or is of an algorithm jtls does not use. */
    UnableToDecodeIssuerPublicKey,
    /** The signature does not verify under the issuer's key. */
    CertificateSignatureFailed,
    /** The validation time is before notBefore. */
    CertificateNotYetValid,
    /** The validation time is after notAfter. */
    CertificateExpired,
    InvalidNotBeforeField,
    InvalidNotAfterField,
    /** The leaf is self-signed and not trusted. */
    SelfSignedCertificate,
    /** The path ends in a self-signed certificate that is not trusted. */
    SelfSignedCertificateInChain,
    /** No trusted certificate issued the last certificate of the path. */
    UnableToGetLocalIssuerCertificate,
    /** No issuer at all was found for the leaf. */
    UnableToVerifyFirstCertificate,
    CertificateRevoked,
    /** A certificate acting as a CA is not one: no cA flag, or no keyCertSign. */
    InvalidCaCertificate,
    /** More CA certificates follow a CA than its pathLenConstraint allows. */
    PathLengthExceeded,
    /** The key usage or extended key usage does not allow the requested purpose. */
    InvalidPurpose,
    CertificateUntrusted,
    CertificateRejected,
    /** A certificate's issuer name is not its issuer's subject name. */
    SubjectIssuerMismatch,
    /** The authority key identifier's issuer and serial do not name the issuer certificate. */
    AuthorityIssuerSerialNumberMismatch,
    NoPeerCertificate,
    HostNameMismatch,
    NoSslSupport,
    CertificateBlacklisted,
    OcspNoResponseFound,
    OcspMalformedRequest,
    OcspMalformedResponse,
    OcspInternalError,
    OcspTryLater,
    /** Qt's spelling. */
    OcspSigRequred,
    OcspUnauthorized,
    OcspResponseCannotBeTrusted,
    OcspResponseCertIdUnknown,
    OcspResponseExpired,
    OcspStatusUnknown,

    // ---- RFC 5280 validation and jtls profile checks ----
    /** A subject name or subjectAltName falls outside a CA's permitted or into its excluded subtrees. */
    NameConstraintViolation,
    /** A critical extension jtls does not process (RFC 5280 §4.2). */
    UnhandledCriticalExtension,
    /** Certificate policy processing failed: an explicit policy was required, or a mapping is invalid. */
    PolicyFailure,
    /** A signature made with a broken hash (MD5 always, SHA-1 unless allowed). */
    WeakSignatureAlgorithm,
    /** No usable CRL decides whether the certificate is revoked. */
    RevocationStatusUnknown,
    /** A CRL is malformed or cannot be used. */
    CrlInvalid,
    /** Path building or validation ran out of its work budget or time. */
    WorkBudgetExceeded,
    /** Every path found needs more intermediates than allowed. */
    ChainTooLong,
    /** A signature or key algorithm jtls cannot verify. */
    UnsupportedAlgorithm,
    /** A certificate could not be parsed. */
    MalformedCertificate
}
