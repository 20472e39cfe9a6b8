package org.jtls.x509.ocsp;

/** {@code CRLReason} (RFC 5280 §5.3.1), as an OCSP {@code RevokedInfo} carries it. */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    CERTIFICATE_HOLD(6, "certificateHold"),
    // 7 is not used
    REMOVE_FROM_CRL(8, "removeFromCRL"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String asn1Name;

    RevocationReason(int code, String asn1Name) {
        this.code = code;
        this.asn1Name = asn1Name;
    }

    /** The ENUMERATED value on the wire. */
    public int code() {
        return code;
    }

    /** The name RFC 5280 gives the value ({@code keyCompromise}). */
    public String asn1Name() {
        return asn1Name;
    }

    /** The reason with this code, or {@code null} for 7 and values above 10. */
    public static RevocationReason forCode(long code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return null;
    }
}
