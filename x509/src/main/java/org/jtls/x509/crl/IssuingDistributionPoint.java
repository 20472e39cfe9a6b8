package org.jtls.x509.crl;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.RelativeDistinguishedName;

/**
 * The issuing distribution point CRL extension (RFC 5280 §5.2.5): which certificates a CRL covers.
 *
 * <pre>
 * IssuingDistributionPoint ::= SEQUENCE {
 *   distributionPoint          [0] DistributionPointName OPTIONAL,
 *   onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
 *   onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
 *   onlySomeReasons            [3] ReasonFlags OPTIONAL,
 *   indirectCRL                [4] BOOLEAN DEFAULT FALSE,
 *   onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
 * </pre>
 * The name is a full name (GeneralNames) or a name relative to the CRL issuer; both absent when the
 * field is. {@code onlySomeReasons} is {@code null} when absent (the CRL covers every reason).
 */
public record IssuingDistributionPoint(List<GeneralName> fullName, RelativeDistinguishedName nameRelativeToCrlIssuer,
        boolean onlyContainsUserCerts, boolean onlyContainsCaCerts, BitString onlySomeReasons, boolean indirectCrl,
        boolean onlyContainsAttributeCerts) {

    public IssuingDistributionPoint {
        fullName = List.copyOf(fullName);
        if (!fullName.isEmpty() && nameRelativeToCrlIssuer != null) {
            throw new IllegalArgumentException("a distribution point name is a full name or a relative name");
        }
    }

    /** Whether the extension names the distribution point. */
    public boolean hasDistributionPointName() {
        return !fullName.isEmpty() || nameRelativeToCrlIssuer != null;
    }

    /** The reasons {@code onlySomeReasons} lists, if present. */
    public Optional<Set<ReasonCode>> onlySomeReasonCodes() {
        return Optional.ofNullable(onlySomeReasons).map(ReasonCode::fromReasonFlags);
    }

    static IssuingDistributionPoint decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        List<GeneralName> fullName = List.of();
        RelativeDistinguishedName relativeName = null;
        DerReader name = sequence.readOptionalExplicit(0);
        if (name != null) {
            DistributionPointNames.Decoded decoded = DistributionPointNames.decode(name);
            fullName = decoded.fullName();
            relativeName = decoded.relativeName();
        }
        boolean onlyUser = flag(sequence, 1);
        boolean onlyCa = flag(sequence, 2);
        BitString reasons = null;
        if (sequence.nextIs(Tag.contextSpecific(3, false))) {
            reasons = sequence.read(Tag.contextSpecific(3, false)).bitStringValue();
        }
        boolean indirect = flag(sequence, 4);
        boolean onlyAttribute = flag(sequence, 5);
        sequence.end();
        return new IssuingDistributionPoint(fullName, relativeName, onlyUser, onlyCa, reasons, indirect, onlyAttribute);
    }

    /** {@code [n] IMPLICIT BOOLEAN DEFAULT FALSE}: absent is false, and an explicit FALSE is not DER. */
    private static boolean flag(DerReader sequence, int tagNumber) throws DerException {
        DerElement element = sequence.readOptional(Tag.contextSpecific(tagNumber, false));
        if (element == null) {
            return false;
        }
        if (!element.booleanValue()) {
            throw new DerException("a BOOLEAN DEFAULT FALSE field must be omitted when false (X.690 §11.5)",
                    element.offset());
        }
        return true;
    }
}
