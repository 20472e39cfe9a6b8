package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;

/**
 * {@code AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription} with
 * {@code AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation
 * GeneralName }} (RFC 5280 §4.2.2.1).
 */
public record AuthorityInformationAccess(List<AccessDescription> descriptions) implements ExtensionValue {
    public static final ObjectIdentifier OCSP = ObjectIdentifier.of("1.3.6.1.5.5.7.48.1");
    public static final ObjectIdentifier CA_ISSUERS = ObjectIdentifier.of("1.3.6.1.5.5.7.48.2");

    public record AccessDescription(ObjectIdentifier accessMethod, GeneralName accessLocation) {
        public AccessDescription {
            Objects.requireNonNull(accessMethod, "accessMethod");
            Objects.requireNonNull(accessLocation, "accessLocation");
        }
    }

    public AuthorityInformationAccess {
        descriptions = List.copyOf(descriptions);
        if (descriptions.isEmpty()) {
            throw new IllegalArgumentException("authorityInfoAccess needs at least one description");
        }
    }

    static AuthorityInformationAccess decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<AccessDescription> descriptions = new ArrayList<>();
        while (sequence.hasRemaining()) {
            DerReader description = sequence.readSequence();
            ObjectIdentifier method = description.readOid();
            GeneralName location = GeneralNames.decode(description);
            description.end();
            descriptions.add(new AccessDescription(method, location));
        }
        if (descriptions.isEmpty()) {
            throw new DerException("empty authorityInfoAccess (SIZE (1..MAX))", offset);
        }
        return new AuthorityInformationAccess(descriptions);
    }

    public List<String> ocspUris() {
        return urisFor(OCSP);
    }

    public List<String> caIssuersUris() {
        return urisFor(CA_ISSUERS);
    }

    private List<String> urisFor(ObjectIdentifier method) {
        List<String> uris = new ArrayList<>();
        for (AccessDescription description : descriptions) {
            if (description.accessMethod().equals(method)
                    && description.accessLocation() instanceof GeneralName.UniformResourceIdentifier uri) {
                uris.add(uri.uri());
            }
        }
        return uris;
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.AUTHORITY_INFORMATION_ACCESS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> descriptions.forEach(description -> sequence.writeSequence(pair -> {
            pair.writeOid(description.accessMethod());
            description.accessLocation().encode(pair);
        })));
    }

    @Override
    public String describe() {
        return Text.joinLines(descriptions.stream().map(description -> {
            String method = description.accessMethod().equals(OCSP) ? "OCSP"
                    : description.accessMethod().equals(CA_ISSUERS) ? "CA Issuers"
                    : description.accessMethod().toString();
            return method + " - " + description.accessLocation();
        }).toList());
    }
}
