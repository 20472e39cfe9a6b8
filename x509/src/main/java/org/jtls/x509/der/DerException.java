package org.jtls.x509.der;

/**
 * The input is not the DER encoding of the structure that was expected. {@link #offset()} is the
 * position, counted from the first byte of the outermost input, of the byte where the problem was
 * found; {@link #problem()} says what was expected there.
 */
public class DerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String problem;

    public DerException(String problem, int offset) {
        super(problem + " (at offset " + offset + ")");
        this.problem = problem;
        this.offset = offset;
    }

    public DerException(String problem, int offset, Throwable cause) {
        super(problem + " (at offset " + offset + ")", cause);
        this.problem = problem;
        this.offset = offset;
    }

    /** Byte offset from the start of the outermost input. */
    public int offset() {
        return offset;
    }

    /** The message without the offset. */
    public String problem() {
        return problem;
    }
}
