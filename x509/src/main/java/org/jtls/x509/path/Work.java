package org.jtls.x509.path;

/**
 * The work one validation has done so far, against its {@link WorkBudget}. Shared by the path
 * builder, the checks and the CRL checker (including the validations of CRL signers they start),
 * so every step of one {@code validate} call draws on the same budget.
 */
final class Work {
    private final WorkBudget budget;
    private int signatureChecks;
    private int candidateExpansions;
    private long constraintChecks;

    Work(WorkBudget budget) {
        this.budget = budget;
    }

    void chargeSignatureCheck() throws BudgetExhaustedException {
        if (++signatureChecks > budget.maxSignatureChecks()) {
            throw new BudgetExhaustedException("more than " + budget.maxSignatureChecks() + " signature checks");
        }
        checkDeadline();
    }

    void chargeCandidate() throws BudgetExhaustedException {
        if (++candidateExpansions > budget.maxCandidateExpansions()) {
            throw new BudgetExhaustedException("more than " + budget.maxCandidateExpansions()
                    + " issuer candidates tried");
        }
        checkDeadline();
    }

    void chargeConstraintChecks(long count) throws BudgetExhaustedException {
        constraintChecks += count;
        if (constraintChecks > budget.maxConstraintChecks()) {
            throw new BudgetExhaustedException("more than " + budget.maxConstraintChecks()
                    + " name-constraint comparisons and policy nodes");
        }
    }

    void checkDeadline() throws BudgetExhaustedException {
        if (budget.deadline().hasPassed()) {
            throw new BudgetExhaustedException("the time limit passed");
        }
    }

    int signatureChecks() {
        return signatureChecks;
    }
}
