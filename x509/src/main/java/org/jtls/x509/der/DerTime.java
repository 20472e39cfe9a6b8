package org.jtls.x509.der;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A UTCTime or GeneralizedTime value in the RFC 5280 §4.1.2.5 profile: always UTC ("Z"), always
 * with seconds, never with fractions. The encoding is kept so that a value re-encodes as it came.
 */
public record DerTime(Instant instant, Encoding encoding) {
    public enum Encoding { UTC_TIME, GENERALIZED_TIME }

    public DerTime {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(encoding, "encoding");
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException("DER times in X.509 carry whole seconds only: " + instant);
        }
        int year = ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).getYear();
        boolean fits = encoding == Encoding.UTC_TIME ? year >= 1950 && year <= 2049 : year >= 0 && year <= 9999;
        if (!fits) {
            throw new IllegalArgumentException(encoding + " cannot hold the year " + year);
        }
    }

    /**
     * The encoding RFC 5280 §4.1.2.5 prescribes: UTCTime through 2049, GeneralizedTime from 2050.
     *
     * @throws IllegalArgumentException for fractional seconds or a year outside 0..9999
     */
    public static DerTime forCertificate(Instant instant) {
        int year = ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).getYear();
        return new DerTime(instant, year >= 1950 && year <= 2049 ? Encoding.UTC_TIME : Encoding.GENERALIZED_TIME);
    }

    /** Whether the encoding is the one RFC 5280 prescribes for this instant. */
    public boolean followsRfc5280() {
        return equals(forCertificate(instant));
    }
}
