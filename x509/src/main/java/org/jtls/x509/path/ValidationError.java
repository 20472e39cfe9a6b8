package org.jtls.x509.path;

import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.cert.Certificate;

/**
 * One problem found while validating: its kind, the certificate it concerns (absent for problems
 * of the path as a whole, such as an exhausted work budget) and a sentence saying what exactly is
 * wrong.
 */
public final class ValidationError {
    private final ErrorKind kind;
    private final Certificate certificate;
    private final String detail;

    public ValidationError(ErrorKind kind, Certificate certificate, String detail) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.certificate = certificate;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public ErrorKind kind() {
        return kind;
    }

    public Optional<Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidationError that && kind == that.kind
                && Objects.equals(certificate, that.certificate) && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, certificate, detail);
    }

    /** {@code CertificateExpired: CN=leaf: notAfter 2020-01-01T00:00:00Z is before ...}. */
    @Override
    public String toString() {
        return kind + (certificate != null ? ": " + certificate.subject() : "") + ": " + detail;
    }
}
