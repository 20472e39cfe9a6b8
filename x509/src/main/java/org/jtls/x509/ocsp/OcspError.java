package org.jtls.x509.ocsp;

/**
 * Why an OCSP response gave no usable answer, with the names Qt's {@code QSslError} uses for the
 * same conditions (kept as Qt spells them, {@code OcspSigRequred} included), so the API can map
 * one onto the other.
 */
public enum OcspError {
    /** No response was stapled. */
    NO_RESPONSE_FOUND("OcspNoResponseFound"),
    /** The responder says the request was malformed (responseStatus malformedRequest). */
    MALFORMED_REQUEST("OcspMalformedRequest"),
    /** The response is not a well-formed DER OCSPResponse with a BasicOCSPResponse inside. */
    MALFORMED_RESPONSE("OcspMalformedResponse"),
    /** The responder reports an internal error (responseStatus internalError). */
    INTERNAL_ERROR("OcspInternalError"),
    /** The responder asks to try later (responseStatus tryLater). */
    TRY_LATER("OcspTryLater"),
    /** The responder wants signed requests (responseStatus sigRequired). */
    SIG_REQUIRED("OcspSigRequred"),
    /** The responder refuses to answer (responseStatus unauthorized). */
    UNAUTHORIZED("OcspUnauthorized"),
    /**
     * The signature does not verify, or the signer is neither the issuer nor a responder the
     * issuer authorised (RFC 6960 §4.2.2.2), or the response has a critical extension jtls does
     * not understand.
     */
    RESPONSE_CANNOT_BE_TRUSTED("OcspResponseCannotBeTrusted"),
    /** No SingleResponse names the certificate (its issuer name and key hashes and serial number). */
    RESPONSE_CERT_ID_UNKNOWN("OcspResponseCertIdUnknown"),
    /** The status is stale or not yet valid: thisUpdate in the future, nextUpdate past, or too old. */
    RESPONSE_EXPIRED("OcspResponseExpired"),
    /** The responder does not know the certificate (certStatus unknown). */
    STATUS_UNKNOWN("OcspStatusUnknown");

    private final String qtName;

    OcspError(String qtName) {
        this.qtName = qtName;
    }

    /** The {@code QSslError::SslError} enumerator for this condition. */
    public String qtName() {
        return qtName;
    }
}
