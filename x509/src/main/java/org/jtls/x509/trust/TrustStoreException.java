package org.jtls.x509.trust;

/** A trust store could not be loaded at all: none was found, or a key store could not be opened. */
public class TrustStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustStoreException(String message) {
        super(message);
    }

    public TrustStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
