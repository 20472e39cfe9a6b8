package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;

/**
 * {@code PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
 * inhibitPolicyMapping [1] SkipCerts OPTIONAL }} (RFC 5280 §4.2.1.11); at least one is present.
 */
public record PolicyConstraints(OptionalInt requireExplicitPolicy, OptionalInt inhibitPolicyMapping)
        implements ExtensionValue {
    public PolicyConstraints {
        Objects.requireNonNull(requireExplicitPolicy, "requireExplicitPolicy");
        Objects.requireNonNull(inhibitPolicyMapping, "inhibitPolicyMapping");
        if (requireExplicitPolicy.isEmpty() && inhibitPolicyMapping.isEmpty()) {
            throw new IllegalArgumentException("policy constraints need at least one field");
        }
    }

    static PolicyConstraints decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        OptionalInt requireExplicitPolicy = skipCerts(sequence.readOptional(Tag.contextSpecific(0, false)));
        OptionalInt inhibitPolicyMapping = skipCerts(sequence.readOptional(Tag.contextSpecific(1, false)));
        sequence.end();
        if (requireExplicitPolicy.isEmpty() && inhibitPolicyMapping.isEmpty()) {
            throw new DerException("empty policy constraints (RFC 5280 §4.2.1.11)", offset);
        }
        return new PolicyConstraints(requireExplicitPolicy, inhibitPolicyMapping);
    }

    private static OptionalInt skipCerts(DerElement element) throws DerException {
        return element == null ? OptionalInt.empty() : OptionalInt.of((int) element.longValue(0, Integer.MAX_VALUE));
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.POLICY_CONSTRAINTS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            requireExplicitPolicy.ifPresent(skip -> sequence.writeImplicit(0, field -> field.writeInteger(skip)));
            inhibitPolicyMapping.ifPresent(skip -> sequence.writeImplicit(1, field -> field.writeInteger(skip)));
        });
    }

    @Override
    public String describe() {
        List<String> lines = new ArrayList<>();
        requireExplicitPolicy.ifPresent(skip -> lines.add("Require Explicit Policy:" + skip));
        inhibitPolicyMapping.ifPresent(skip -> lines.add("Inhibit Policy Mapping:" + skip));
        return String.join(", ", lines);
    }
}
