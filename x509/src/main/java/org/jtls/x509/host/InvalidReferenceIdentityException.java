package org.jtls.x509.host;

/**
 * The name a client wants to reach is not a usable reference identity: not a valid DNS name (after
 * IDNA conversion), not an IP literal in an unambiguous form, not an e-mail address or URI with a
 * host. The message says what is wrong with it.
 */
public class InvalidReferenceIdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidReferenceIdentityException(String message) {
        super(message);
    }
}
