package org.jtls.record;

import java.io.IOException;

/**
 * The root of jtls's protocol exceptions. An {@link IOException}, as Java code expects from a
 * connection that failed.
 */
public class TlsException extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
