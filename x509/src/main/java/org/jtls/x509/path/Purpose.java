package org.jtls.x509.path;

import java.util.Optional;
import org.jtls.x509.cert.KeyPurpose;

/** What the leaf certificate is validated for. */
public enum Purpose {
    /** A TLS server certificate, as a TLS client checks it (id-kp-serverAuth). */
    SERVER_AUTH(KeyPurpose.SERVER_AUTH),
    /** A TLS client certificate, as a TLS server checks it (id-kp-clientAuth). */
    CLIENT_AUTH(KeyPurpose.CLIENT_AUTH),
    /** No purpose: plain RFC 5280 validation, without the TLS profile checks. */
    ANY(null);

    private final KeyPurpose keyPurpose;

    Purpose(KeyPurpose keyPurpose) {
        this.keyPurpose = keyPurpose;
    }

    /** The extended key usage this purpose needs, if any. */
    public Optional<KeyPurpose> keyPurpose() {
        return Optional.ofNullable(keyPurpose);
    }

    /** Whether this is a TLS purpose, to which the TLS profile checks apply. */
    public boolean isTls() {
        return keyPurpose != null;
    }
}
