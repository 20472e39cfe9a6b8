package org.jtls.crypto;

/** A cryptographic operation failed because of its input (a peer's value, a tag, a signature). */
public class CryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
