package org.jtls.crypto;

/** A private key as plain values, independent of any backend; it knows its public half. */
public sealed interface PrivateKeyMaterial permits RsaPrivateKey, EcPrivateKey, EdPrivateKey {
    String algorithm();

    int bitLength();

    PublicKeyMaterial publicKey();
}
