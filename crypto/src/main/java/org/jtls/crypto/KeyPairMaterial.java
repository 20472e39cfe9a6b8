package org.jtls.crypto;

import java.util.Objects;

/** A private key and its public key. */
public record KeyPairMaterial(PrivateKeyMaterial privateKey, PublicKeyMaterial publicKey) {
    public KeyPairMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    public static KeyPairMaterial of(PrivateKeyMaterial privateKey) {
        return new KeyPairMaterial(privateKey, privateKey.publicKey());
    }
}
