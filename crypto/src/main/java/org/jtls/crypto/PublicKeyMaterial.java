package org.jtls.crypto;

/**
 * A public key as plain values, independent of any backend. The x509 module decodes keys into these;
 * each backend converts them to its own form when it builds a {@link Verifier}.
 */
public sealed interface PublicKeyMaterial permits RsaPublicKey, EcPublicKey, EdPublicKey, DsaPublicKey {
    /** Short algorithm name: {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA}. */
    String algorithm();

    /** Key size in bits as users speak of it (modulus bits, curve field bits). */
    int bitLength();
}
