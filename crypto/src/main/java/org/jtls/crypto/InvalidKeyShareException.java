package org.jtls.crypto;

/**
 * A peer's key-exchange value was rejected: not on the curve, the identity, out of range, wrong
 * length, or it produced an all-zero shared secret (TLS: illegal_parameter).
 */
public final class InvalidKeyShareException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public InvalidKeyShareException(String message) {
        super(message);
    }

    public InvalidKeyShareException(String message, Throwable cause) {
        super(message, cause);
    }
}
