package org.jtls.x509.crl;

import java.util.ArrayList;
import java.util.List;
import org.jtls.x509.cert.DistributionPoint;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;
import org.jtls.x509.name.RelativeDistinguishedName;

/**
 * {@code DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1]
 * RelativeDistinguishedName }} (RFC 5280 §4.2.1.13), as the issuing distribution point and freshest
 * CRL extensions carry it.
 */
final class DistributionPointNames {
    private DistributionPointNames() {
    }

    record Decoded(List<GeneralName> fullName, RelativeDistinguishedName relativeName) {
    }

    /** Reads the CHOICE from the reader over the explicit {@code [0]} wrapper, which it must fill. */
    static Decoded decode(DerReader name) throws DerException {
        int offset = name.position();
        Tag choice = name.peekTag();
        Decoded decoded;
        if (choice.equals(Tag.contextSpecific(0, true))) {
            decoded = new Decoded(GeneralNames.decodeContents(name.enter(choice), offset), null);
        } else if (choice.equals(Tag.contextSpecific(1, true))) {
            decoded = new Decoded(List.of(), RelativeDistinguishedName.decodeContents(name.enter(choice), offset));
        } else {
            throw new DerException("expected fullName [0] or nameRelativeToCRLIssuer [1], found " + choice, offset);
        }
        name.end();
        return decoded;
    }

    /**
     * {@code CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint}, the syntax of
     * the freshest CRL extension (§5.2.6).
     */
    static List<DistributionPoint> decodeDistributionPoints(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<DistributionPoint> points = new ArrayList<>();
        while (sequence.hasRemaining()) {
            DerReader point = sequence.readSequence();
            Decoded name = new Decoded(List.of(), null);
            DerReader explicitName = point.readOptionalExplicit(0);
            if (explicitName != null) {
                name = decode(explicitName);
            }
            BitString reasons = null;
            if (point.nextIs(Tag.contextSpecific(1, false))) {
                reasons = point.read(Tag.contextSpecific(1, false)).bitStringValue();
            }
            List<GeneralName> crlIssuer = List.of();
            if (point.nextIs(Tag.contextSpecific(2, true))) {
                int issuerOffset = point.position();
                crlIssuer = GeneralNames.decodeContents(point.enter(Tag.contextSpecific(2, true)), issuerOffset);
            }
            point.end();
            points.add(new DistributionPoint(name.fullName(), name.relativeName(), reasons, crlIssuer));
        }
        if (points.isEmpty()) {
            throw new DerException("empty CRLDistributionPoints (SIZE (1..MAX))", offset);
        }
        return points;
    }
}
