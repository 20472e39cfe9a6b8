package org.jtls.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.ocsp.BasicOcspResponse;
import org.jtls.x509.ocsp.CertStatus;
import org.jtls.x509.ocsp.OcspResponse;
import org.jtls.x509.ocsp.OcspResponseStatus;
import org.jtls.x509.ocsp.SingleResponse;

/**
 * What a stapled OCSP response says about the server's certificate (Qt's {@code QOcspResponse}),
 * from {@link SslSocket#ocspResponses()}. Whether the response is trustworthy (signed by the
 * issuer or its delegate, current) is the verifier's business and shows up in
 * {@link SslSocket#sslHandshakeErrors()}; this is the content.
 */
public final class SslOcspResponse {
    /** Qt's {@code QOcspCertificateStatus}. */
    public enum CertificateStatus { GOOD, REVOKED, UNKNOWN }

    /** Qt's {@code QOcspRevocationReason} (RFC 5280 §5.3.1 CRLReason). */
    public enum RevocationReason {
        NONE, UNSPECIFIED, KEY_COMPROMISE, CA_COMPROMISE, AFFILIATION_CHANGED, SUPERSEDED, CESSATION_OF_OPERATION,
        CERTIFICATE_HOLD, REMOVE_FROM_CRL, PRIVILEGE_WITHDRAWN, AA_COMPROMISE
    }

    private final CertificateStatus certificateStatus;
    private final RevocationReason revocationReason;
    private final Instant revocationTime;
    private final SslCertificate subject;
    private final SslCertificate responder;
    private final Instant producedAt;

    private SslOcspResponse(CertificateStatus status, RevocationReason reason, Instant revocationTime,
            SslCertificate subject, SslCertificate responder, Instant producedAt) {
        this.certificateStatus = status;
        this.revocationReason = reason;
        this.revocationTime = revocationTime;
        this.subject = subject;
        this.responder = responder;
        this.producedAt = producedAt;
    }

    /**
     * The answers in {@code der} about {@code subject} (issued by {@code issuer}, when known: with
     * it, only answers whose CertID names the subject are kept). Empty when the response is not a
     * successful basic OCSP response, or cannot be parsed.
     */
    static List<SslOcspResponse> of(byte[] der, SslCertificate subject, SslCertificate issuer, CryptoBackend crypto) {
        Objects.requireNonNull(subject, "subject");
        OcspResponse response;
        try {
            response = OcspResponse.parse(der);
        } catch (DerException unparseable) {
            return List.of();
        }
        if (response.status() != OcspResponseStatus.SUCCESSFUL || response.basicResponse().isEmpty()) {
            return List.of();
        }
        BasicOcspResponse basic = response.basicResponse().get();
        SslCertificate responder = basic.certs().isEmpty() ? issuer : SslCertificate.of(basic.certs().get(0));
        List<SslOcspResponse> answers = new ArrayList<>();
        Certificate leaf = subject.certificate();
        for (SingleResponse single : basic.responses()) {
            if (issuer != null && !single.certId().identifies(leaf, issuer.certificate(), crypto)) {
                continue;
            }
            CertStatus status = single.certStatus();
            if (status instanceof CertStatus.Revoked revoked) {
                RevocationReason reason = revoked.reason().map(r -> RevocationReason.valueOf(r.name()))
                        .orElse(RevocationReason.UNSPECIFIED);
                answers.add(new SslOcspResponse(CertificateStatus.REVOKED, reason, revoked.revocationTime(), subject,
                        responder, basic.producedAt()));
            } else {
                CertificateStatus plain = status instanceof CertStatus.Good ? CertificateStatus.GOOD
                        : CertificateStatus.UNKNOWN;
                answers.add(new SslOcspResponse(plain, RevocationReason.NONE, null, subject, responder,
                        basic.producedAt()));
            }
        }
        return List.copyOf(answers);
    }

    public CertificateStatus certificateStatus() {
        return certificateStatus;
    }

    /** {@link RevocationReason#NONE} unless {@link #certificateStatus()} is REVOKED. */
    public RevocationReason revocationReason() {
        return revocationReason;
    }

    public Optional<Instant> revocationTime() {
        return Optional.ofNullable(revocationTime);
    }

    /** The certificate the answer is about. */
    public SslCertificate subject() {
        return subject;
    }

    /** The responder's certificate when the response carries one, else the issuer (who then signed it), if known. */
    public Optional<SslCertificate> responder() {
        return Optional.ofNullable(responder);
    }

    public Instant producedAt() {
        return producedAt;
    }

    @Override
    public String toString() {
        return "SslOcspResponse[" + certificateStatus
                + (certificateStatus == CertificateStatus.REVOKED ? " " + revocationReason : "") + ", "
                + subject.subjectDisplayName() + "]";
    }
}
