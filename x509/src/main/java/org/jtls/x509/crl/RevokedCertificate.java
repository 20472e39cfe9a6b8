package org.jtls.x509.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.der.DerTime;
import org.jtls.x509.name.GeneralName;

/**
 * One entry of a CRL's {@code revokedCertificates} (RFC 5280 §5.1.2.6) with its entry extensions
 * (§5.3): the reason code, the invalidity date and, in indirect CRLs, the certificate issuer.
 *
 * @param certificateIssuer the certificate issuer extension's names; empty when the entry has none
 *        (then the entry's issuer is the previous entry's, or the CRL issuer's for the first)
 * @param unhandledCriticalExtensions critical entry extensions jtls does not process; RFC 5280 §5.3
 *        forbids using a CRL with such an entry to decide revocation
 */
public record RevokedCertificate(BigInteger serialNumber, DerTime revocationDate, List<Extension> extensions,
        Optional<ReasonCode> reasonCode, Optional<Instant> invalidityDate, List<GeneralName> certificateIssuer,
        List<Extension> unhandledCriticalExtensions) {

    public RevokedCertificate {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(revocationDate, "revocationDate");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(invalidityDate, "invalidityDate");
        certificateIssuer = List.copyOf(certificateIssuer);
        unhandledCriticalExtensions = List.copyOf(unhandledCriticalExtensions);
    }

    /** The reason, {@link ReasonCode#UNSPECIFIED} when the entry has no reason code (§6.3.3 (i)(2)). */
    public ReasonCode reason() {
        return reasonCode.orElse(ReasonCode.UNSPECIFIED);
    }
}
