package org.jtls.x509.pem;

/** Text that was meant to be PEM (RFC 7468) is not; {@link #line()} is 1-based. */
public class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public PemException(String problem, int line) {
        super(problem + " (line " + line + ")");
        this.line = line;
    }

    public int line() {
        return line;
    }
}
