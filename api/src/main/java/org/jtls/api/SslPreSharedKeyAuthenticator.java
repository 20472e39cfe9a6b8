package org.jtls.api;

import java.util.Arrays;
import java.util.Objects;
import org.jtls.crypto.HashAlgorithm;

/**
 * The pre-shared key and identity for one TLS 1.3 external-PSK handshake, after Qt's
 * {@code QSslPreSharedKeyAuthenticator}: a mutable object an {@link SslSocket} hands to
 * {@link SslSocketListener#preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator)}.
 *
 * <ul>
 * <li>Client: the socket asks <em>before</em> the handshake starts (the key must be in the
 * ClientHello). The listener sets {@link #setIdentity identity} and {@link #setPreSharedKey key}; if
 * it leaves either empty the client offers no PSK and does an ordinary certificate handshake.</li>
 * <li>Server: the socket asks while it reads the ClientHello, once per offered identity, with
 * {@link #identity()} set to what the client sent. The listener sets the key (empty: this identity
 * is unknown). A server with no certificate then accepts only PSK handshakes, and only TLS 1.3.</li>
 * </ul>
 *
 * <p>{@link #identityHint()} is always empty: TLS 1.3 has no PSK identity hint (it was a TLS 1.2
 * ServerKeyExchange field). Keys shorter than {@link #MINIMUM_PRE_SHARED_KEY_LENGTH} bytes are refused
 * (the handshake does not start), since PSK handshakes are open to offline guessing of weak keys.
 * The key is bound to one hash, SHA-256 unless {@link #setHash} says SHA-384; only TLS 1.3 cipher
 * suites of that hash can be negotiated with it.
 */
public final class SslPreSharedKeyAuthenticator {
    /** The shortest key accepted, in bytes. */
    public static final int MINIMUM_PRE_SHARED_KEY_LENGTH = 16;
    private static final int MAXIMUM_IDENTITY_LENGTH = 65535;
    private static final int MAXIMUM_PRE_SHARED_KEY_LENGTH = 65535;

    private byte[] identity = new byte[0];
    private byte[] preSharedKey = new byte[0];
    private HashAlgorithm hash = HashAlgorithm.SHA256;

    /** An authenticator with empty identity and key and the SHA-256 hash. */
    public SslPreSharedKeyAuthenticator() {
    }

    SslPreSharedKeyAuthenticator(byte[] identity) {
        this.identity = identity.clone();
    }

    /** Always empty: TLS 1.3 sends no identity hint. */
    public byte[] identityHint() {
        return new byte[0];
    }

    /** The identity (client: what to offer; server: what the client offered). */
    public byte[] identity() {
        return identity.clone();
    }

    /** Sets the identity; at most {@link #maximumIdentityLength()} bytes. */
    public void setIdentity(byte[] identity) {
        Objects.requireNonNull(identity, "identity");
        if (identity.length > MAXIMUM_IDENTITY_LENGTH) {
            throw new IllegalArgumentException("a PSK identity is at most " + MAXIMUM_IDENTITY_LENGTH + " bytes");
        }
        this.identity = identity.clone();
    }

    /** 65535, the TLS 1.3 limit on an identity. */
    public int maximumIdentityLength() {
        return MAXIMUM_IDENTITY_LENGTH;
    }

    /** The key; empty when none was set. */
    public byte[] preSharedKey() {
        return preSharedKey.clone();
    }

    /** Sets the key; empty means "no PSK". */
    public void setPreSharedKey(byte[] preSharedKey) {
        Objects.requireNonNull(preSharedKey, "preSharedKey");
        if (preSharedKey.length > MAXIMUM_PRE_SHARED_KEY_LENGTH) {
            throw new IllegalArgumentException("a pre-shared key is at most " + MAXIMUM_PRE_SHARED_KEY_LENGTH
                    + " bytes");
        }
        this.preSharedKey = preSharedKey.clone();
    }

    /** 65535 bytes. */
    public int maximumPreSharedKeyLength() {
        return MAXIMUM_PRE_SHARED_KEY_LENGTH;
    }

    /** The hash the key is bound to: SHA-256 (default) or SHA-384. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** Binds the key to SHA-256 or SHA-384. */
    public void setHash(HashAlgorithm hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash != HashAlgorithm.SHA256 && hash != HashAlgorithm.SHA384) {
            throw new IllegalArgumentException("a TLS 1.3 external PSK uses SHA-256 or SHA-384, not " + hash);
        }
        this.hash = hash;
    }

    /** Whether both identity and key were set. */
    boolean isComplete() {
        return identity.length > 0 && preSharedKey.length > 0;
    }

    /** The engine's key; throws IllegalArgumentException for a too-short key. */
    org.jtls.handshake.ExternalPsk toExternalPsk() {
        return new org.jtls.handshake.ExternalPsk(identity, preSharedKey, hash);
    }

    /** Identity and hash; never the key. */
    @Override
    public String toString() {
        return "SslPreSharedKeyAuthenticator[identity=" + java.util.HexFormat.of().formatHex(identity) + ", hash="
                + hash + ", key=" + (preSharedKey.length == 0 ? "none" : "<" + preSharedKey.length + " bytes>") + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SslPreSharedKeyAuthenticator that && hash == that.hash
                && Arrays.equals(identity, that.identity)
                && java.security.MessageDigest.isEqual(preSharedKey, that.preSharedKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identity) * 31 + hash.hashCode();
    }
}
