package org.jtls.x509.cert;

import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;

/** {@code IssuerAltName ::= GeneralNames} (RFC 5280 §4.2.1.7). */
public record IssuerAlternativeName(List<GeneralName> names) implements ExtensionValue {
    public IssuerAlternativeName {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("issuerAltName needs at least one name");
        }
    }

    static IssuerAlternativeName decode(DerReader reader) throws DerException {
        int offset = reader.position();
        List<GeneralName> names = GeneralNames.decodeSequence(reader);
        AlternativeNames.requirePlainAddresses(names, offset);
        return new IssuerAlternativeName(names);
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.ISSUER_ALTERNATIVE_NAME;
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
