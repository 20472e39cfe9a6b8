package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * {@code certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation} (RFC 5280 §4.2.1.4).
 * Qualifiers are kept raw: only their IDs are read, and a CPS pointer can be read back as text.
 */
public record CertificatePolicies(List<PolicyInformation> policies) implements ExtensionValue {
    /** {@code anyPolicy}: 2.5.29.32.0. */
    public static final ObjectIdentifier ANY_POLICY = ObjectIdentifier.of("2.5.29.32.0");
    static final ObjectIdentifier CPS_QUALIFIER = ObjectIdentifier.of("1.3.6.1.5.5.7.2.1");
    static final ObjectIdentifier USER_NOTICE_QUALIFIER = ObjectIdentifier.of("1.3.6.1.5.5.7.2.2");

    public CertificatePolicies {
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("certificatePolicies needs at least one policy");
        }
    }

    /**
     * {@code PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId, policyQualifiers
     * SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }}; no qualifiers is an empty list.
     */
    public record PolicyInformation(ObjectIdentifier policyIdentifier, List<PolicyQualifierInfo> qualifiers) {
        public PolicyInformation {
            Objects.requireNonNull(policyIdentifier, "policyIdentifier");
            qualifiers = List.copyOf(qualifiers);
        }

        public static PolicyInformation of(ObjectIdentifier policyIdentifier) {
            return new PolicyInformation(policyIdentifier, List.of());
        }
    }

    /** {@code PolicyQualifierInfo ::= SEQUENCE { policyQualifierId, qualifier ANY DEFINED BY policyQualifierId }}. */
    public record PolicyQualifierInfo(ObjectIdentifier qualifierId, DerElement qualifier) {
        public PolicyQualifierInfo {
            Objects.requireNonNull(qualifierId, "qualifierId");
            Objects.requireNonNull(qualifier, "qualifier");
        }

        /** The CPS URI of an id-qt-cps qualifier. */
        public Optional<String> cpsUri() {
            if (!qualifierId.equals(CPS_QUALIFIER) || !qualifier.tag().equals(Tag.IA5_STRING)) {
                return Optional.empty();
            }
            return Optional.of(new String(qualifier.content(), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    static CertificatePolicies decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<PolicyInformation> policies = new ArrayList<>();
        while (sequence.hasRemaining()) {
            DerReader information = sequence.readSequence();
            ObjectIdentifier policy = information.readOid();
            List<PolicyQualifierInfo> qualifiers = new ArrayList<>();
            if (information.hasRemaining()) {
                int qualifiersOffset = information.position();
                DerReader qualifierSequence = information.readSequence();
                while (qualifierSequence.hasRemaining()) {
                    DerReader qualifierInfo = qualifierSequence.readSequence();
                    ObjectIdentifier qualifierId = qualifierInfo.readOid();
                    DerElement qualifier = qualifierInfo.read();
                    qualifierInfo.end();
                    qualifiers.add(new PolicyQualifierInfo(qualifierId, qualifier));
                }
                if (qualifiers.isEmpty()) {
                    throw new DerException("empty policyQualifiers (SIZE (1..MAX))", qualifiersOffset);
                }
            }
            information.end();
            policies.add(new PolicyInformation(policy, qualifiers));
        }
        if (policies.isEmpty()) {
            throw new DerException("empty certificatePolicies (SIZE (1..MAX))", offset);
        }
        return new CertificatePolicies(policies);
    }

    public List<ObjectIdentifier> policyIdentifiers() {
        return policies.stream().map(PolicyInformation::policyIdentifier).toList();
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.CERTIFICATE_POLICIES;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> policies.forEach(policy -> sequence.writeSequence(information -> {
            information.writeOid(policy.policyIdentifier());
            if (!policy.qualifiers().isEmpty()) {
                information.writeSequence(qualifiers -> policy.qualifiers().forEach(
                        qualifier -> qualifiers.writeSequence(
                                info -> info.writeOid(qualifier.qualifierId()).write(qualifier.qualifier()))));
            }
        })));
    }

    @Override
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (PolicyInformation policy : policies) {
            lines.add("Policy: " + (policy.policyIdentifier().equals(ANY_POLICY)
                    ? "X509v3 Any Policy" : policy.policyIdentifier().toString()));
            for (PolicyQualifierInfo qualifier : policy.qualifiers()) {
                if (qualifier.cpsUri().isPresent()) {
                    lines.add("  CPS: " + qualifier.cpsUri().get());
                } else if (qualifier.qualifierId().equals(USER_NOTICE_QUALIFIER)) {
                    lines.add("  User Notice");
                } else {
                    lines.add("  Qualifier: " + qualifier.qualifierId());
                }
            }
        }
        return Text.joinLines(lines);
    }
}
