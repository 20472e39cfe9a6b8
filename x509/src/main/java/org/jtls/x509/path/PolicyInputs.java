package org.jtls.x509.path;

import java.util.Objects;
import java.util.Set;
import org.jtls.x509.cert.CertificatePolicies;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * The policy inputs of RFC 5280 §6.1.1 (c), (e), (f) and (g): the policies the user accepts
 * ({@code anyPolicy} for any), and whether an acceptable policy is required in the path, policy
 * mapping is forbidden, and anyPolicy is ignored from the start.
 */
public record PolicyInputs(Set<ObjectIdentifier> initialPolicySet, boolean initialExplicitPolicy,
        boolean initialPolicyMappingInhibit, boolean initialInhibitAnyPolicy) {

    /** Any policy, nothing required or inhibited: what a TLS client uses. */
    public static final PolicyInputs DEFAULT = new PolicyInputs(Set.of(CertificatePolicies.ANY_POLICY), false, false,
            false);

    public PolicyInputs {
        initialPolicySet = Set.copyOf(Objects.requireNonNull(initialPolicySet, "initialPolicySet"));
        if (initialPolicySet.isEmpty()) {
            throw new IllegalArgumentException("the initial policy set needs at least one OID (anyPolicy for any)");
        }
    }

    /** Whether the user accepts any policy (the initial set holds anyPolicy). */
    public boolean acceptsAnyPolicy() {
        return initialPolicySet.contains(CertificatePolicies.ANY_POLICY);
    }
}
