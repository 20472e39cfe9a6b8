package org.jtls.x509.key;

/** The key is encrypted and no passphrase was given. */
public class PassphraseRequiredException extends KeyFormatException {
    private static final long serialVersionUID = 1L;

    public PassphraseRequiredException(String what) {
        super(what + " is encrypted; a passphrase is required");
    }
}
