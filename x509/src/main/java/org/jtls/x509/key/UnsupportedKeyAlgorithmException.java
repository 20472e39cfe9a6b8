package org.jtls.x509.key;

/**
 * The file is well-formed but uses an algorithm jtls does not implement: a key type such as DSA
 * or X25519, a cipher such as AES-192 or RC2, a key derivation function such as scrypt.
 */
public class UnsupportedKeyAlgorithmException extends KeyFormatException {
    private static final long serialVersionUID = 1L;

    public UnsupportedKeyAlgorithmException(String message) {
        super(message);
    }
}
