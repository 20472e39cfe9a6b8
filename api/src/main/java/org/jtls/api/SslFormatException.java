package org.jtls.api;

import java.io.IOException;

/**
 * Certificate or key data could not be read: malformed PEM or DER, an unsupported algorithm, a
 * missing or wrong passphrase. The cause is the x509 module's exception, which says which.
 */
public class SslFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SslFormatException(String message) {
        super(message);
    }

    public SslFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
