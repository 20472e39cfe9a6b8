package org.jtls.crypto;

/** An AEAD tag did not verify (TLS: bad_record_mac). The message never says why beyond that. */
public final class AeadException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public AeadException(String message) {
        super(message);
    }
}
