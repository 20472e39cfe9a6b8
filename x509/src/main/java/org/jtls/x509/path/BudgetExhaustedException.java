package org.jtls.x509.path;

/** The work budget ran out; {@link PathValidator} turns this into {@link ErrorKind#WorkBudgetExceeded}. */
final class BudgetExhaustedException extends Exception {
    private static final long serialVersionUID = 1L;

    BudgetExhaustedException(String message) {
        super(message);
    }
}
