package org.jtls.crypto;

import java.security.SecureRandom;

/**
 * A private key prepared for one signature algorithm. Creating it converts the key once; signing
 * may then be repeated. Thread-safe: each call is independent.
 */
public interface Signer {
    SignatureAlgorithm algorithm();

    /**
     * Signs {@code message} (the whole message; hashing happens inside).
     *
     * @param random randomness for ECDSA nonces, PSS salts and RSA blinding
     */
    byte[] sign(byte[] message, SecureRandom random);
}
