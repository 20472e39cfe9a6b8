package org.jtls.x509.cert;

import java.time.Instant;
import java.util.Objects;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerTime;
import org.jtls.x509.der.DerWriter;

/**
 * {@code Validity ::= SEQUENCE { notBefore Time, notAfter Time }} (RFC 5280 §4.1.2.5). Both bounds
 * are inclusive. Each time keeps whether it was a UTCTime or a GeneralizedTime.
 */
public record Validity(DerTime notBefore, DerTime notAfter) {
    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** The encodings RFC 5280 prescribes: UTCTime through 2049, GeneralizedTime after. */
    public static Validity of(Instant notBefore, Instant notAfter) {
        return new Validity(DerTime.forCertificate(notBefore), DerTime.forCertificate(notAfter));
    }

    static Validity decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        DerTime notBefore = sequence.readTime();
        DerTime notAfter = sequence.readTime();
        sequence.end();
        return new Validity(notBefore, notAfter);
    }

    void encode(DerWriter writer) {
        writer.writeSequence(sequence -> sequence.writeTime(notBefore).writeTime(notAfter));
    }

    /** Whether {@code time} lies within notBefore..notAfter, both inclusive. */
    public boolean contains(Instant time) {
        return !time.isBefore(notBefore.instant()) && !time.isAfter(notAfter.instant());
    }
}
