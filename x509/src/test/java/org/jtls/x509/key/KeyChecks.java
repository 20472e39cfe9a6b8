package org.jtls.x509.key;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.cert.Certificate;

/** Assertions that a loaded private key is the one a certificate or public key belongs to. */
public final class KeyChecks {
    public static final SecureRandom RANDOM = new SecureRandom();
    public static final CryptoBackend CRYPTO = CryptoBackends.defaultBackend();
    private static final byte[] MESSAGE = "a message signed by the loaded key".getBytes(StandardCharsets.US_ASCII);

    private KeyChecks() {
    }

    /** Signs with {@code key} and verifies with the certificate's public key. */
    public static void assertSignsFor(PrivateKeyMaterial key, Certificate certificate, SignatureAlgorithm algorithm) {
        assertSignsFor(key, certificate.publicKey().orElseThrow(), algorithm);
    }

    public static void assertSignsFor(PrivateKeyMaterial key, PublicKeyMaterial publicKey, SignatureAlgorithm algorithm) {
        byte[] signature = CRYPTO.signer(algorithm, key).sign(MESSAGE, RANDOM);
        assertTrue(CRYPTO.verifier(algorithm, publicKey).verify(MESSAGE, signature),
                "a signature by the loaded " + key + " does not verify with " + publicKey);
        byte[] other = "another message".getBytes(StandardCharsets.US_ASCII);
        assertFalse(CRYPTO.verifier(algorithm, publicKey).verify(other, signature));
    }
}
