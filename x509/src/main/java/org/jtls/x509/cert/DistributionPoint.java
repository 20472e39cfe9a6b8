package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;
import org.jtls.x509.name.RelativeDistinguishedName;

/**
 * {@code DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL,
 * reasons [1] ReasonFlags OPTIONAL, cRLIssuer [2] GeneralNames OPTIONAL }} with
 * {@code DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1]
 * RelativeDistinguishedName }} (RFC 5280 §4.2.1.13). {@code [0]} wraps a CHOICE and so is
 * explicit. Absent name lists are empty, an absent RDN or reason set {@code null}.
 */
public record DistributionPoint(List<GeneralName> fullName, RelativeDistinguishedName nameRelativeToCrlIssuer,
        BitString reasons, List<GeneralName> crlIssuer) {
    public DistributionPoint {
        fullName = List.copyOf(fullName);
        crlIssuer = List.copyOf(crlIssuer);
        if (!fullName.isEmpty() && nameRelativeToCrlIssuer != null) {
            throw new IllegalArgumentException("a distribution point name is a full name or a relative name");
        }
    }

    public static DistributionPoint ofUris(String... uris) {
        List<GeneralName> names = new ArrayList<>();
        for (String uri : uris) {
            names.add(new GeneralName.UniformResourceIdentifier(uri));
        }
        return new DistributionPoint(names, null, null, List.of());
    }

    static DistributionPoint decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        List<GeneralName> fullName = List.of();
        RelativeDistinguishedName relativeName = null;
        DerReader name = sequence.readOptionalExplicit(0);
        if (name != null) {
            int offset = name.position();
            Tag choice = name.peekTag();
            if (choice.equals(Tag.contextSpecific(0, true))) {
                fullName = GeneralNames.decodeContents(name.enter(choice), offset);
            } else if (choice.equals(Tag.contextSpecific(1, true))) {
                relativeName = RelativeDistinguishedName.decodeContents(name.enter(choice), offset);
            } else {
                throw new DerException("expected fullName [0] or nameRelativeToCRLIssuer [1], found " + choice, offset);
            }
            name.end();
        }
        BitString reasons = null;
        if (sequence.nextIs(Tag.contextSpecific(1, false))) {
            reasons = sequence.read(Tag.contextSpecific(1, false)).bitStringValue();
        }
        List<GeneralName> crlIssuer = List.of();
        if (sequence.nextIs(Tag.contextSpecific(2, true))) {
            int offset = sequence.position();
            crlIssuer = GeneralNames.decodeContents(sequence.enter(Tag.contextSpecific(2, true)), offset);
        }
        sequence.end();
        return new DistributionPoint(fullName, relativeName, reasons, crlIssuer);
    }

    void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            if (!fullName.isEmpty()) {
                sequence.writeExplicit(0, choice -> choice.writeConstructed(Tag.contextSpecific(0, true),
                        names -> GeneralNames.encodeContents(names, fullName)));
            } else if (nameRelativeToCrlIssuer != null) {
                sequence.writeExplicit(0, choice -> choice.writeConstructed(Tag.contextSpecific(1, true),
                        nameRelativeToCrlIssuer::encodeContents));
            }
            if (reasons != null) {
                sequence.writeImplicit(1, field -> field.writeBitString(reasons));
            }
            if (!crlIssuer.isEmpty()) {
                sequence.writeConstructed(Tag.contextSpecific(2, true),
                        names -> GeneralNames.encodeContents(names, crlIssuer));
            }
        });
    }

    /** {@code ReasonFlags} bit names (RFC 5280 §4.2.1.13), as openssl prints them. */
    private static final List<String> REASONS = List.of("Unused", "Key Compromise", "CA Compromise",
            "Affiliation Changed", "Superseded", "Cessation Of Operation", "Certificate Hold", "Privilege Withdrawn",
            "AA Compromise");

    private static String reasonNames(BitString reasons) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < reasons.bitLength(); bit++) {
            if (reasons.isSet(bit)) {
                names.add(bit < REASONS.size() ? REASONS.get(bit) : "bit " + bit);
            }
        }
        return String.join(", ", names);
    }

    String describe() {
        List<String> lines = new ArrayList<>();
        if (!fullName.isEmpty()) {
            lines.add("Full Name:");
            fullName.forEach(name -> lines.add("  " + name));
        }
        if (nameRelativeToCrlIssuer != null) {
            lines.add("Relative Name:");
            lines.add("  " + nameRelativeToCrlIssuer.toRfc4514String());
        }
        if (reasons != null) {
            lines.add("Reasons:");
            lines.add("  " + reasonNames(reasons));
        }
        if (!crlIssuer.isEmpty()) {
            lines.add("CRL Issuer:");
            crlIssuer.forEach(name -> lines.add("  " + name));
        }
        return Text.joinLines(lines);
    }
}
