package org.jtls.api;

/**
 * The algorithm of an {@link SslKey} (Qt's {@code QSsl::KeyAlgorithm}). jtls has no DSA or DH
 * certificate keys, so Qt's {@code Dsa} and {@code Dh} have no counterpart; it adds the Edwards
 * curves, which Qt files under {@code Opaque}.
 */
public enum KeyAlgorithm {
    RSA,
    EC,
    ED25519,
    ED448
}
