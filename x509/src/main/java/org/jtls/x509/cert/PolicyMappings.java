package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * {@code PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy CertPolicyId,
 * subjectDomainPolicy CertPolicyId }} (RFC 5280 §4.2.1.5).
 */
public record PolicyMappings(List<Mapping> mappings) implements ExtensionValue {
    public record Mapping(ObjectIdentifier issuerDomainPolicy, ObjectIdentifier subjectDomainPolicy) {
        public Mapping {
            Objects.requireNonNull(issuerDomainPolicy, "issuerDomainPolicy");
            Objects.requireNonNull(subjectDomainPolicy, "subjectDomainPolicy");
        }
    }

    public PolicyMappings {
        mappings = List.copyOf(mappings);
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("policyMappings needs at least one mapping");
        }
    }

    static PolicyMappings decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<Mapping> mappings = new ArrayList<>();
        while (sequence.hasRemaining()) {
            DerReader mapping = sequence.readSequence();
            ObjectIdentifier issuerDomainPolicy = mapping.readOid();
            ObjectIdentifier subjectDomainPolicy = mapping.readOid();
            mapping.end();
            mappings.add(new Mapping(issuerDomainPolicy, subjectDomainPolicy));
        }
        if (mappings.isEmpty()) {
            throw new DerException("empty policyMappings (SIZE (1..MAX))", offset);
        }
        return new PolicyMappings(mappings);
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.POLICY_MAPPINGS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> mappings.forEach(mapping -> sequence.writeSequence(
                pair -> pair.writeOid(mapping.issuerDomainPolicy()).writeOid(mapping.subjectDomainPolicy()))));
    }

    @Override
    public String describe() {
        return Text.joinLines(mappings.stream()
                .map(mapping -> mapping.issuerDomainPolicy() + ":" + mapping.subjectDomainPolicy()).toList());
    }
}
