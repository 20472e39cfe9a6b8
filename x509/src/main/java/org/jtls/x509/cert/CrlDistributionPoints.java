package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.name.GeneralName;

/** {@code CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint} (RFC 5280 §4.2.1.13). */
public record CrlDistributionPoints(List<DistributionPoint> points) implements ExtensionValue {
    public CrlDistributionPoints {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("cRLDistributionPoints needs at least one point");
        }
    }

    static CrlDistributionPoints decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<DistributionPoint> points = new ArrayList<>();
        while (sequence.hasRemaining()) {
            points.add(DistributionPoint.decode(sequence));
        }
        if (points.isEmpty()) {
            throw new DerException("empty cRLDistributionPoints (SIZE (1..MAX))", offset);
        }
        return new CrlDistributionPoints(points);
    }

    /** Every URI in every point's full name. */
    public List<String> uris() {
        List<String> uris = new ArrayList<>();
        for (DistributionPoint point : points) {
            for (GeneralName name : point.fullName()) {
                if (name instanceof GeneralName.UniformResourceIdentifier uri) {
                    uris.add(uri.uri());
                }
            }
        }
        return uris;
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.CRL_DISTRIBUTION_POINTS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> points.forEach(point -> point.encode(sequence)));
    }

    @Override
    public String describe() {
        return Text.joinLines(points.stream().map(DistributionPoint::describe).toList());
    }
}
