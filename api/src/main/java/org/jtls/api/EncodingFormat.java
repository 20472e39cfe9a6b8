package org.jtls.api;

/** How certificates and keys are stored (Qt's {@code QSsl::EncodingFormat}). */
public enum EncodingFormat {
    /** Base64 text between {@code -----BEGIN ...-----} lines (RFC 7468). */
    PEM,
    /** Binary DER. */
    DER
}
