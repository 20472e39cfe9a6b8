package org.jtls.x509.ocsp;

/** {@code OCSPResponseStatus} (RFC 6960 §4.2.1): whether the responder answered at all, and if not, why. */
public enum OcspResponseStatus {
    /** The response carries confirmations (responseBytes). */
    SUCCESSFUL(0),
    /** The request did not conform to the OCSP syntax. */
    MALFORMED_REQUEST(1),
    /** The responder reached an inconsistent internal state. */
    INTERNAL_ERROR(2),
    /** The service exists but cannot answer now. */
    TRY_LATER(3),
    /** The responder requires signed requests. */
    SIG_REQUIRED(5),
    /** The client may not ask this responder, or the responder cannot answer authoritatively. */
    UNAUTHORIZED(6);

    private final int code;

    OcspResponseStatus(int code) {
        this.code = code;
    }

    /** The ENUMERATED value on the wire. */
    public int code() {
        return code;
    }

    /** The status with this code, or {@code null} (4 is unused, and nothing above 6 is defined). */
    public static OcspResponseStatus forCode(long code) {
        for (OcspResponseStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }
}
