package org.jtls.x509.ocsp;

import java.util.Objects;
import java.util.Optional;

/**
 * What a verified OCSP response says about a certificate, or why it says nothing usable.
 *
 * <ul>
 *   <li>{@link Status#GOOD}: a trustworthy, fresh response vouches for the certificate.</li>
 *   <li>{@link Status#REVOKED}: a trustworthy, fresh response says it is revoked;
 *       {@link #revocation()} gives the time and reason. There is no {@link OcspError} for this:
 *       it is the answer, not a failure to get one (Qt reports it as {@code CertificateRevoked}).</li>
 *   <li>{@link Status#UNKNOWN}: the responder does not know the certificate;
 *       {@link #error()} is {@link OcspError#STATUS_UNKNOWN}.</li>
 *   <li>{@link Status#FAILED}: no usable answer; {@link #error()} says why.</li>
 * </ul>
 */
public final class OcspVerdict {
    public enum Status { GOOD, REVOKED, UNKNOWN, FAILED }

    private final Status status;
    private final OcspError error;
    private final SingleResponse response;
    private final String detail;

    private OcspVerdict(Status status, OcspError error, SingleResponse response, String detail) {
        this.status = status;
        this.error = error;
        this.response = response;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    static OcspVerdict answered(SingleResponse response, String detail) {
        CertStatus certStatus = response.certStatus();
        if (certStatus instanceof CertStatus.Revoked) {
            return new OcspVerdict(Status.REVOKED, null, response, detail);
        }
        if (certStatus instanceof CertStatus.Unknown) {
            return new OcspVerdict(Status.UNKNOWN, OcspError.STATUS_UNKNOWN, response, detail);
        }
        return new OcspVerdict(Status.GOOD, null, response, detail);
    }

    static OcspVerdict failed(OcspError error, String detail) {
        return new OcspVerdict(Status.FAILED, Objects.requireNonNull(error, "error"), null, detail);
    }

    public Status status() {
        return status;
    }

    public boolean isGood() {
        return status == Status.GOOD;
    }

    /** The error for {@link Status#FAILED} and {@link Status#UNKNOWN}; empty for good and revoked. */
    public Optional<OcspError> error() {
        return Optional.ofNullable(error);
    }

    /** The SingleResponse the verdict rests on; empty when verification failed. */
    public Optional<SingleResponse> singleResponse() {
        return Optional.ofNullable(response);
    }

    /** The revocation time and reason, for {@link Status#REVOKED}. */
    public Optional<CertStatus.Revoked> revocation() {
        return response != null && response.certStatus() instanceof CertStatus.Revoked revoked
                ? Optional.of(revoked) : Optional.empty();
    }

    /** One sentence on what was found or what went wrong, for logs and error messages. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return status + (error != null ? " (" + error + ")" : "") + ": " + detail;
    }
}
