package org.jtls.cli.verify;

/** A case's result in the batch format. */
public enum Verdict {
    SUCCESS,
    FAILURE,
    /** The per-case time or work budget ran out. */
    TIMEOUT
}
