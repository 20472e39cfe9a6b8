package org.jtls.handshake;

import java.util.HexFormat;
import java.util.Objects;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.HashAlgorithm;

/**
 * A TLS 1.3 external pre-shared key (RFC 8446 §4.2.11, RFC 9257, RFC 9258): an identity agreed out of
 * band, its secret, and the one hash it is bound to (SHA-256 or SHA-384). Binders use the
 * "ext binder" label (RFC 8446 §7.1); the key is used only with TLS 1.3 cipher suites of its hash.
 *
 * <p>Validation: the identity is 1..65535 bytes (RFC 8446 §4.2.11); the secret must be at least 16
 * bytes — shorter (low-entropy, password-like) keys are rejected outright, since PSK handshakes are
 * open to offline dictionary attacks on them (RFC 8446 §E.7, RFC 9257 §6). Arrays are copied in and
 * out; {@link #equals} compares the secret in constant time; {@link #toString} never shows it.
 */
public final class ExternalPsk {
    /** The shortest secret accepted, in bytes (128 bits). */
    public static final int MINIMUM_SECRET_LENGTH = 16;

    private final byte[] identity;
    private final byte[] secret;
    private final HashAlgorithm hash;

    public ExternalPsk(byte[] identity, byte[] secret, HashAlgorithm hash) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(hash, "hash");
        if (identity.length < 1 || identity.length > 65535) {
            throw new IllegalArgumentException("a PSK identity is 1..65535 bytes (RFC 8446 §4.2.11)");
        }
        if (secret.length < MINIMUM_SECRET_LENGTH) {
            throw new IllegalArgumentException("an external PSK needs at least " + MINIMUM_SECRET_LENGTH + " bytes");
        }
        if (hash != HashAlgorithm.SHA256 && hash != HashAlgorithm.SHA384) {
            throw new IllegalArgumentException("a TLS 1.3 external PSK is bound to SHA-256 or SHA-384, not " + hash);
        }
        this.identity = identity.clone();
        this.secret = secret.clone();
        this.hash = hash;
    }

    /** An external PSK bound to SHA-256 (what OpenSSL's {@code -psk} uses in TLS 1.3). */
    public static ExternalPsk sha256(byte[] identity, byte[] secret) {
        return new ExternalPsk(identity, secret, HashAlgorithm.SHA256);
    }

    public byte[] identity() {
        return identity.clone();
    }

    public byte[] secret() {
        return secret.clone();
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** Whether {@code candidate} is this key's identity (not secret-dependent, so not constant time). */
    public boolean hasIdentity(byte[] candidate) {
        return java.util.Arrays.equals(identity, candidate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExternalPsk that && hash == that.hash && java.util.Arrays.equals(identity, that.identity)
                && ConstantTime.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(identity) * 31 + hash.hashCode();
    }

    /** The identity (hex) and hash; never the secret. */
    @Override
    public String toString() {
        return "ExternalPsk[identity=" + HexFormat.of().formatHex(identity) + ", hash=" + hash + ", secret=<"
                + secret.length + " bytes hidden>]";
    }
}
