package org.jtls.x509.ocsp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;

/**
 * {@code SingleResponse} (RFC 6960 §4.2.1): one certificate's status and the interval in which the
 * responder vouches for it.
 *
 * <pre>
 * SingleResponse ::= SEQUENCE {
 *     certID                       CertID,
 *     certStatus                   CertStatus,
 *     thisUpdate                   GeneralizedTime,
 *     nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
 *     singleExtensions   [1]       EXPLICIT Extensions OPTIONAL }
 * </pre>
 */
public record SingleResponse(CertId certId, CertStatus certStatus, Instant thisUpdate, Optional<Instant> nextUpdate,
        List<Extension> singleExtensions) {
    public SingleResponse {
        Objects.requireNonNull(certId, "certId");
        Objects.requireNonNull(certStatus, "certStatus");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        singleExtensions = List.copyOf(singleExtensions);
    }

    static SingleResponse decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        CertId certId = CertId.decode(sequence);
        CertStatus certStatus = CertStatus.decode(sequence);
        Instant thisUpdate = sequence.readGeneralizedTime();
        Optional<Instant> nextUpdate = Optional.empty();
        DerReader nextUpdateField = sequence.readOptionalExplicit(0);
        if (nextUpdateField != null) {
            nextUpdate = Optional.of(nextUpdateField.readGeneralizedTime());
            nextUpdateField.end();
        }
        List<Extension> extensions = OcspExtensions.decodeOptional(sequence, 1);
        sequence.end();
        return new SingleResponse(certId, certStatus, thisUpdate, nextUpdate, extensions);
    }

    @Override
    public String toString() {
        return "SingleResponse[" + certStatus + ", serial " + certId.serialNumber().toString(16) + ", thisUpdate "
                + thisUpdate + nextUpdate.map(next -> ", nextUpdate " + next).orElse("") + "]";
    }
}
