package org.jtls.x509.path;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * Everything path validation needs besides the certificates to validate: trust anchors, time,
 * purpose, revocation, policy inputs and limits. Immutable; build with {@link #builder(Instant)}.
 * The defaults are what a careful TLS client uses: purpose {@link Purpose#SERVER_AUTH}, no
 * revocation, any policy, at most {@value #DEFAULT_MAX_INTERMEDIATES} intermediates, SHA-1
 * signatures refused, {@link WorkBudget#DEFAULT}.
 */
public final class ValidationParameters {
    /** Real chains have one to three intermediates; 16 leaves room and stops a 50-deep hostile chain. */
    public static final int DEFAULT_MAX_INTERMEDIATES = 16;
    /** The most intermediates jtls builds paths with, whatever is asked: it bounds the builder's recursion. */
    public static final int MAX_SUPPORTED_INTERMEDIATES = 256;

    private final List<Certificate> trustAnchors;
    private final List<CertificateList> crls;
    private final Instant time;
    private final Purpose purpose;
    private final RevocationMode revocation;
    private final PolicyInputs policy;
    private final int maxIntermediates;
    private final Set<ObjectIdentifier> requiredExtendedKeyUsages;
    private final Set<KeyUsage.Bit> requiredKeyUsages;
    private final WorkBudget workBudget;
    private final boolean allowSha1Signatures;

    private ValidationParameters(Builder builder) {
        this.trustAnchors = List.copyOf(builder.trustAnchors);
        this.crls = List.copyOf(builder.crls);
        this.time = builder.time;
        this.purpose = builder.purpose;
        this.revocation = builder.revocation;
        this.policy = builder.policy;
        this.maxIntermediates = builder.maxIntermediates;
        this.requiredExtendedKeyUsages = Set.copyOf(builder.requiredExtendedKeyUsages);
        this.requiredKeyUsages = builder.requiredKeyUsages.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(builder.requiredKeyUsages));
        this.workBudget = builder.workBudget;
        this.allowSha1Signatures = builder.allowSha1Signatures;
    }

    /** Parameters for validating at {@code time}, with the defaults. */
    public static Builder builder(Instant time) {
        return new Builder(time);
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        Builder builder = new Builder(time);
        builder.trustAnchors.addAll(trustAnchors);
        builder.crls.addAll(crls);
        builder.purpose = purpose;
        builder.revocation = revocation;
        builder.policy = policy;
        builder.maxIntermediates = maxIntermediates;
        builder.requiredExtendedKeyUsages.addAll(requiredExtendedKeyUsages);
        builder.requiredKeyUsages.addAll(requiredKeyUsages);
        builder.workBudget = workBudget;
        builder.allowSha1Signatures = allowSha1Signatures;
        return builder;
    }

    /**
     * The trusted certificates: each one's subject and key are a trust anchor, and its name
     * constraints and path length constraint apply.
     */
    public List<Certificate> trustAnchors() {
        return trustAnchors;
    }

    public List<CertificateList> crls() {
        return crls;
    }

    public Instant time() {
        return time;
    }

    public Purpose purpose() {
        return purpose;
    }

    public RevocationMode revocation() {
        return revocation;
    }

    public PolicyInputs policy() {
        return policy;
    }

    /** The most intermediates (certificates between leaf and trust anchor) a path may have. */
    public int maxIntermediates() {
        return maxIntermediates;
    }

    /** Extended key usages the leaf (and any intermediate that has the extension) must allow. */
    public Set<ObjectIdentifier> requiredExtendedKeyUsages() {
        return requiredExtendedKeyUsages;
    }

    /** Key usage bits the leaf must have, when it has the key usage extension. */
    public Set<KeyUsage.Bit> requiredKeyUsages() {
        return requiredKeyUsages;
    }

    public WorkBudget workBudget() {
        return workBudget;
    }

    /** Whether SHA-1 signatures are accepted (never by default); MD5 never is. */
    public boolean allowSha1Signatures() {
        return allowSha1Signatures;
    }

    /** Copy-on-write construction of {@link ValidationParameters}. */
    public static final class Builder {
        private final List<Certificate> trustAnchors = new ArrayList<>();
        private final List<CertificateList> crls = new ArrayList<>();
        private final Instant time;
        private Purpose purpose = Purpose.SERVER_AUTH;
        private RevocationMode revocation = RevocationMode.NONE;
        private PolicyInputs policy = PolicyInputs.DEFAULT;
        private int maxIntermediates = DEFAULT_MAX_INTERMEDIATES;
        private final Set<ObjectIdentifier> requiredExtendedKeyUsages = new LinkedHashSet<>();
        private final Set<KeyUsage.Bit> requiredKeyUsages = new LinkedHashSet<>();
        private WorkBudget workBudget = WorkBudget.DEFAULT;
        private boolean allowSha1Signatures;

        private Builder(Instant time) {
            this.time = Objects.requireNonNull(time, "time");
        }

        public Builder trustAnchors(Collection<Certificate> anchors) {
            trustAnchors.addAll(anchors);
            return this;
        }

        public Builder trustAnchor(Certificate anchor) {
            trustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
            return this;
        }

        public Builder crls(Collection<CertificateList> lists) {
            crls.addAll(lists);
            return this;
        }

        public Builder purpose(Purpose value) {
            purpose = Objects.requireNonNull(value, "purpose");
            return this;
        }

        public Builder revocation(RevocationMode value) {
            revocation = Objects.requireNonNull(value, "revocation");
            return this;
        }

        public Builder policy(PolicyInputs value) {
            policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /** At most {@value #MAX_SUPPORTED_INTERMEDIATES}; a larger value means that many. */
        public Builder maxIntermediates(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxIntermediates must not be negative");
            }
            maxIntermediates = Math.min(value, MAX_SUPPORTED_INTERMEDIATES);
            return this;
        }

        public Builder requireExtendedKeyUsage(ObjectIdentifier purposeOid) {
            requiredExtendedKeyUsages.add(Objects.requireNonNull(purposeOid, "purposeOid"));
            return this;
        }

        public Builder requireKeyUsage(KeyUsage.Bit bit) {
            requiredKeyUsages.add(Objects.requireNonNull(bit, "bit"));
            return this;
        }

        public Builder workBudget(WorkBudget value) {
            workBudget = Objects.requireNonNull(value, "workBudget");
            return this;
        }

        /** Accept SHA-1 signatures (legacy chains, test suites from before 2017). */
        public Builder allowSha1Signatures(boolean value) {
            allowSha1Signatures = value;
            return this;
        }

        public ValidationParameters build() {
            return new ValidationParameters(this);
        }
    }
}
