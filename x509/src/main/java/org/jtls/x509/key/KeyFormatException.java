package org.jtls.x509.key;

/**
 * A private-key or PKCS#12 file could not be turned into a key: it is malformed, uses something
 * jtls does not support ({@link UnsupportedKeyAlgorithmException}), needs a passphrase that was not
 * given ({@link PassphraseRequiredException}), or the passphrase is wrong
 * ({@link WrongPassphraseException}).
 */
public class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
