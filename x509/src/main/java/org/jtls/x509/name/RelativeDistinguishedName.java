package org.jtls.x509.name;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/**
 * {@code RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue}: almost always
 * one attribute, sometimes several joined with {@code +}. The attributes keep their encoded order,
 * so the RDN re-encodes as it came (DER order of the SET is not checked, see {@link DerReader}).
 */
public record RelativeDistinguishedName(List<AttributeTypeAndValue> attributes) {
    public RelativeDistinguishedName {
        attributes = List.copyOf(attributes);
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("an RDN has at least one attribute");
        }
    }

    public static RelativeDistinguishedName of(AttributeTypeAndValue attribute) {
        return new RelativeDistinguishedName(List.of(attribute));
    }

    /** Reads the SET. */
    public static RelativeDistinguishedName decode(DerReader reader) throws DerException {
        int offset = reader.position();
        return decodeContents(reader.readSet(), offset);
    }

    /** Reads the SET's contents, for the IMPLICIT {@code nameRelativeToCRLIssuer [1]}. */
    public static RelativeDistinguishedName decodeContents(DerReader set, int offset) throws DerException {
        List<AttributeTypeAndValue> attributes = new ArrayList<>();
        while (set.hasRemaining()) {
            attributes.add(AttributeTypeAndValue.decode(set));
        }
        if (attributes.isEmpty()) {
            throw new DerException("empty RelativeDistinguishedName (SIZE (1..MAX))", offset);
        }
        return new RelativeDistinguishedName(attributes);
    }

    public void encode(DerWriter writer) {
        writer.writeSet(this::encodeContents);
    }

    public void encodeContents(DerWriter set) {
        attributes.forEach(attribute -> attribute.encode(set));
    }

    /** RFC 5280 §7.1: same number of attributes, each matching a distinct one of the other's. */
    public boolean matches(RelativeDistinguishedName other) {
        if (attributes.size() != other.attributes.size()) {
            return false;
        }
        boolean[] used = new boolean[attributes.size()];
        for (AttributeTypeAndValue mine : attributes) {
            boolean found = false;
            for (int i = 0; i < used.length && !found; i++) {
                if (!used[i] && mine.matches(other.attributes.get(i))) {
                    used[i] = true;
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    int matchingHashCode() {
        int sum = 0;
        for (AttributeTypeAndValue attribute : attributes) {
            sum += attribute.matchingHashCode();
        }
        return sum;
    }

    public String toRfc4514String() {
        return attributes.stream().map(AttributeTypeAndValue::toRfc4514String).collect(Collectors.joining("+"));
    }

    @Override
    public String toString() {
        return toRfc4514String();
    }
}
