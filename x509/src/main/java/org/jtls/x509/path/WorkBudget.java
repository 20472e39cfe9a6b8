package org.jtls.x509.path;

import java.util.Objects;

/**
 * Bounds on the work one validation may do, so that hostile inputs (hundreds of candidate issuers
 * with one name, cross-certificate loops, name-constraint or policy-mapping explosions) end in a
 * {@link ErrorKind#WorkBudgetExceeded} error instead of running for ever.
 *
 * @param maxSignatureChecks certificate and CRL signature verifications
 * @param maxCandidateExpansions issuer candidates tried while building paths, over all paths
 * @param maxConstraintChecks name-against-subtree comparisons plus policy tree nodes created
 * @param deadline wall-clock limit, checked between steps
 */
public record WorkBudget(int maxSignatureChecks, int maxCandidateExpansions, long maxConstraintChecks,
        Deadline deadline) {

    /** Generous for any real chain: 1000 signatures, 10 000 candidates, a million comparisons, no deadline. */
    public static final WorkBudget DEFAULT = new WorkBudget(1000, 10_000, 1_000_000, Deadline.NONE);

    public WorkBudget {
        Objects.requireNonNull(deadline, "deadline");
        if (maxSignatureChecks < 0 || maxCandidateExpansions < 0 || maxConstraintChecks < 0) {
            throw new IllegalArgumentException("budgets are not negative");
        }
    }

    public WorkBudget withDeadline(Deadline newDeadline) {
        return new WorkBudget(maxSignatureChecks, maxCandidateExpansions, maxConstraintChecks, newDeadline);
    }
}
