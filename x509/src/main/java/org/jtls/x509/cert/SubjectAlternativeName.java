package org.jtls.x509.cert;

import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;

/** {@code SubjectAltName ::= GeneralNames} (RFC 5280 §4.2.1.6); IP addresses are 4 or 16 octets. */
public record SubjectAlternativeName(List<GeneralName> names) implements ExtensionValue {
    public SubjectAlternativeName {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("subjectAltName needs at least one name");
        }
    }

    public static SubjectAlternativeName of(GeneralName... names) {
        return new SubjectAlternativeName(List.of(names));
    }

    static SubjectAlternativeName decode(DerReader reader) throws DerException {
        int offset = reader.position();
        List<GeneralName> names = GeneralNames.decodeSequence(reader);
        AlternativeNames.requirePlainAddresses(names, offset);
        return new SubjectAlternativeName(names);
    }

    public List<String> dnsNames() {
        return AlternativeNames.dnsNames(names);
    }

    public List<GeneralName.IpAddress> ipAddresses() {
        return AlternativeNames.ipAddresses(names);
    }

    public List<String> emailAddresses() {
        return AlternativeNames.emailAddresses(names);
    }

    public List<String> uris() {
        return AlternativeNames.uris(names);
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.SUBJECT_ALTERNATIVE_NAME;
    }

    @Override
    public void encode(DerWriter writer) {
        GeneralNames.encodeSequence(writer, names);
    }

    @Override
    public String describe() {
        return Text.commaList(names);
    }
}
