package org.jtls.x509.key;

import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.x509.algorithm.RsaPssParameters;

/**
 * A private key as read from a file, with what the file said about its use. The key always has
 * its public half: when the file omits it (PKCS#8 v1 Ed25519/Ed448 keys, which is what
 * {@code openssl genpkey} writes, and SEC 1 keys without the optional point) the readers compute
 * it, and when the file carries it they check it against the private key.
 *
 * <p><b>RSA-PSS keys.</b> A key stored under id-RSASSA-PSS (RFC 4055 §1.2) may only make
 * RSASSA-PSS signatures; {@link #isRsaPssOnly()} says so, with any parameter restriction in
 * {@link #pssParameters()}.
 */
public final class DecodedPrivateKey {
    private final PrivateKeyMaterial key;
    private final boolean rsaPssOnly;
    private final RsaPssParameters pssParameters;

    private DecodedPrivateKey(PrivateKeyMaterial key, boolean rsaPssOnly, RsaPssParameters pssParameters) {
        this.key = Objects.requireNonNull(key, "key");
        this.rsaPssOnly = rsaPssOnly;
        this.pssParameters = pssParameters;
    }

    /** A key with no restriction. */
    public static DecodedPrivateKey of(PrivateKeyMaterial key) {
        return new DecodedPrivateKey(key, false, null);
    }

    /** An id-RSASSA-PSS key; {@code parameters} is {@code null} when the file placed no restriction on them. */
    public static DecodedPrivateKey rsaPss(RsaPrivateKey key, RsaPssParameters parameters) {
        return new DecodedPrivateKey(key, true, parameters);
    }

    public PrivateKeyMaterial key() {
        return key;
    }

    public PublicKeyMaterial publicKey() {
        return key.publicKey();
    }

    /** {@code RSA}, {@code RSASSA-PSS}, {@code EC}, {@code Ed25519} or {@code Ed448}. */
    public String algorithm() {
        return rsaPssOnly ? "RSASSA-PSS" : key.algorithm();
    }

    /** Whether the key was stored as id-RSASSA-PSS and so may only make RSASSA-PSS signatures. */
    public boolean isRsaPssOnly() {
        return rsaPssOnly;
    }

    /** The RSASSA-PSS parameters an id-RSASSA-PSS key is restricted to, when the file named any. */
    public Optional<RsaPssParameters> pssParameters() {
        return Optional.ofNullable(pssParameters);
    }

    /** Whether {@code candidate} (a certificate's key, say) is this key's public key. */
    public boolean matches(PublicKeyMaterial candidate) {
        return key.publicKey().equals(candidate);
    }

    /** Keys are equal when their values and restrictions are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedPrivateKey that && key.equals(that.key) && rsaPssOnly == that.rsaPssOnly
                && Objects.equals(pssParameters, that.pssParameters);
    }

    @Override
    public int hashCode() {
        return key.publicKey().hashCode() * 31 + Boolean.hashCode(rsaPssOnly);
    }

    /** Never shows secret values. */
    @Override
    public String toString() {
        return "DecodedPrivateKey[" + key + (rsaPssOnly ? ", RSASSA-PSS only" : "") + "]";
    }
}
