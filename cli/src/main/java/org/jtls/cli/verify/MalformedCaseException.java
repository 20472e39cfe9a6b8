package org.jtls.cli.verify;

/** A case line that is not a valid case: bad JSON, a missing or mistyped field, an unparsable certificate. */
public final class MalformedCaseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedCaseException(String message) {
        super(message);
    }

    public MalformedCaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
