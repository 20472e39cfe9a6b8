package org.jtls.x509.cert;

import org.jtls.x509.der.ObjectIdentifier;

/** Extended key usage purposes (RFC 5280 §4.2.1.12) with the names openssl prints. */
public enum KeyPurpose {
    SERVER_AUTH("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication"),
    CLIENT_AUTH("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication"),
    CODE_SIGNING("1.3.6.1.5.5.7.3.3", "Code Signing"),
    EMAIL_PROTECTION("1.3.6.1.5.5.7.3.4", "E-mail Protection"),
    TIME_STAMPING("1.3.6.1.5.5.7.3.8", "Time Stamping"),
    OCSP_SIGNING("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
    ANY_EXTENDED_KEY_USAGE("2.5.29.37.0", "Any Extended Key Usage");

    private final ObjectIdentifier oid;
    private final String displayName;

    KeyPurpose(String oid, String displayName) {
        this.oid = ObjectIdentifier.of(oid);
        this.displayName = displayName;
    }

    public ObjectIdentifier oid() {
        return oid;
    }

    public String displayName() {
        return displayName;
    }

    public static KeyPurpose forOid(ObjectIdentifier oid) {
        for (KeyPurpose purpose : values()) {
            if (purpose.oid.equals(oid)) {
                return purpose;
            }
        }
        return null;
    }
}
