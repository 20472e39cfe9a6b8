package org.jtls.x509.ocsp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;
import org.jtls.x509.der.TagClass;

/**
 * {@code CertStatus} (RFC 6960 §4.2.1), a CHOICE of IMPLICIT-tagged values:
 *
 * <pre>
 * CertStatus ::= CHOICE {
 *     good        [0]     IMPLICIT NULL,
 *     revoked     [1]     IMPLICIT RevokedInfo,
 *     unknown     [2]     IMPLICIT UnknownInfo }   -- UnknownInfo ::= NULL
 *
 * RevokedInfo ::= SEQUENCE {
 *     revocationTime              GeneralizedTime,
 *     revocationReason    [0]     EXPLICIT CRLReason OPTIONAL }
 * </pre>
 */
public sealed interface CertStatus {

    /** No certificate with this serial number within its validity interval is revoked (RFC 6960 §2.2). */
    record Good() implements CertStatus {
        @Override
        public String toString() {
            return "good";
        }
    }

    /** Revoked at {@code revocationTime}, for a reason if the responder gave one. */
    record Revoked(Instant revocationTime, Optional<RevocationReason> reason) implements CertStatus {
        public Revoked {
            Objects.requireNonNull(revocationTime, "revocationTime");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "revoked at " + revocationTime + reason.map(r -> " (" + r.asn1Name() + ")").orElse("");
        }
    }

    /** The responder does not know the certificate, typically because it does not serve its issuer. */
    record Unknown() implements CertStatus {
        @Override
        public String toString() {
            return "unknown";
        }
    }

    static CertStatus decode(DerReader reader) throws DerException {
        DerElement element = reader.read();
        Tag tag = element.tag();
        if (tag.tagClass() != TagClass.CONTEXT_SPECIFIC || tag.number() > 2) {
            throw new DerException("expected CertStatus ([0] good, [1] revoked or [2] unknown), found " + tag,
                    element.offset());
        }
        boolean mustBeConstructed = tag.number() == 1;
        if (tag.constructed() != mustBeConstructed) {
            throw new DerException("CertStatus " + tag + " must be " + (mustBeConstructed ? "constructed" : "primitive"),
                    element.offset());
        }
        switch (tag.number()) {
            case 0:
                element.nullValue();
                return new Good();
            case 2:
                element.nullValue();
                return new Unknown();
            default:
                return revoked(element.contentReader());
        }
    }

    private static Revoked revoked(DerReader revokedInfo) throws DerException {
        Instant revocationTime = revokedInfo.readGeneralizedTime();
        Optional<RevocationReason> reason = Optional.empty();
        DerReader reasonField = revokedInfo.readOptionalExplicit(0);
        if (reasonField != null) {
            DerElement code = reasonField.read(Tag.ENUMERATED);
            reasonField.end();
            RevocationReason known = RevocationReason.forCode(code.longValue(0, Integer.MAX_VALUE));
            if (known == null) {
                throw new DerException("CRLReason " + code.integerValue() + " is not defined (RFC 5280 §5.3.1)",
                        code.contentOffset());
            }
            reason = Optional.of(known);
        }
        revokedInfo.end();
        return new Revoked(revocationTime, reason);
    }
}
