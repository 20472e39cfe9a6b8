package org.jtls.x509.path;

/** Whether and how revocation is checked. */
public enum RevocationMode {
    /** No revocation checking. */
    NONE,
    /**
     * Every certificate of the path except the trust anchor must have its status decided by the
     * supplied CRLs (RFC 5280 §6.3); revoked or undecidable is a failure.
     */
    CRL
}
