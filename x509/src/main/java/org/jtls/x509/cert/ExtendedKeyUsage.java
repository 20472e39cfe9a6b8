package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;

/** {@code ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId} (RFC 5280 §4.2.1.12). */
public record ExtendedKeyUsage(List<ObjectIdentifier> purposes) implements ExtensionValue {
    public ExtendedKeyUsage {
        purposes = List.copyOf(purposes);
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("extended key usage needs at least one purpose");
        }
    }

    public static ExtendedKeyUsage of(KeyPurpose... purposes) {
        return new ExtendedKeyUsage(Arrays.stream(purposes).map(KeyPurpose::oid).toList());
    }

    static ExtendedKeyUsage decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<ObjectIdentifier> purposes = new ArrayList<>();
        while (sequence.hasRemaining()) {
            purposes.add(sequence.readOid());
        }
        if (purposes.isEmpty()) {
            throw new DerException("empty extended key usage (SIZE (1..MAX))", offset);
        }
        return new ExtendedKeyUsage(purposes);
    }

    public boolean has(KeyPurpose purpose) {
        return purposes.contains(purpose.oid());
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.EXTENDED_KEY_USAGE;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> purposes.forEach(sequence::writeOid));
    }

    @Override
    public String describe() {
        return Text.commaList(purposes.stream().map(oid -> {
            KeyPurpose known = KeyPurpose.forOid(oid);
            return known != null ? known.displayName() : oid.toString();
        }).toList());
    }
}
