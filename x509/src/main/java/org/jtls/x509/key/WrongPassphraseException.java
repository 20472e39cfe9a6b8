package org.jtls.x509.key;

/**
 * Decryption or an integrity check failed. A wrong passphrase and a damaged file look the same
 * from here (bad padding, a MAC mismatch, or plaintext that is not a key), so the message names
 * both; jtls never returns key material from such a decryption.
 */
public class WrongPassphraseException extends KeyFormatException {
    private static final long serialVersionUID = 1L;

    /** @param detail which check failed, such as {@code "bad PKCS#5 padding"} */
    public WrongPassphraseException(String detail) {
        super("wrong passphrase or corrupt key (" + detail + ")");
    }

    public WrongPassphraseException(String detail, Throwable cause) {
        super("wrong passphrase or corrupt key (" + detail + ")", cause);
    }
}
