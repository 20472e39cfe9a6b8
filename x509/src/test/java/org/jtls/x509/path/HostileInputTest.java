package org.jtls.x509.path;

import static org.jtls.x509.path.PathValidatorTest.assertOnly;
import static org.jtls.x509.path.PathValidatorTest.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertPolicyId;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.PolicyMappings;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.path.TestPki.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs built to make path building or validation do unbounded work end in a verdict or in
 * {@link ErrorKind#WorkBudgetExceeded}, never in a hang. (The timeout only guards against a hang;
 * these finish in well under a second of validation each.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final PathValidator VALIDATOR = new PathValidator(CryptoBackends.defaultBackend());
    private static final Node ROOT = TestPki.root("CN=Hostile Root");

    private static ValidationParameters.Builder parameters() {
        return ValidationParameters.builder(TestPki.NOW).trustAnchor(ROOT.certificate());
    }

    /** {@code count} CAs with one subject name and distinct keys, all issued by {@code issuer}. */
    private static List<Node> crowd(Node issuer, String subject, int count) {
        List<Node> crowd = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            crowd.add(issuer.issueCa(subject));
        }
        return crowd;
    }

    private static List<Certificate> certificates(List<Node> nodes) {
        return nodes.stream().map(Node::certificate).toList();
    }

    @Test
    void twoHundredCandidateIssuersWithOneNameStillFindTheRealOne() {
        List<Node> crowd = crowd(ROOT, "CN=Crowded CA", 200);
        // No authority key identifier, so the builder cannot pick the issuer by key ID.
        Node leaf = crowd.get(137).issueLeaf("crowd.example", spec -> spec.authorityKeyId = false);
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), certificates(crowd), parameters().build());
        assertValid(result);
        assertEquals(crowd.get(137).certificate(), result.path().get(1));
        // With a budget of 50 signature checks the same search gives up instead.
        ValidationResult starved = VALIDATOR.validate(leaf.certificate(), certificates(crowd), parameters()
                .workBudget(new WorkBudget(50, 10_000, 1_000_000, Deadline.NONE)).build());
        assertTrue(starved.has(ErrorKind.WorkBudgetExceeded), starved.errors()::toString);
    }

    @Test
    void twoLevelsOfTwoHundredImpostorsExhaustTheBudget() {
        List<Node> upper = crowd(ROOT, "CN=Upper", 200);
        List<Node> lower = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lower.add(upper.get(0).issueCa("CN=Lower"));
        }
        // Signed by none of the lower CAs: every one of the 40 000 combinations fails.
        Node leaf = lower.get(0).issueLeaf("nowhere.example", spec -> {
            spec.authorityKeyId = false;
            spec.wrongSigner = TestPki.newKeyPair();
        });
        List<Certificate> all = new ArrayList<>(certificates(upper));
        all.addAll(certificates(lower));
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), all, parameters().build());
        assertFalse(result.isValid());
        assertTrue(result.has(ErrorKind.WorkBudgetExceeded), result.errors()::toString);
    }

    @Test
    void aFiftyDeepChainIsTooLongByDefaultAndValidWhenAllowed() {
        List<Node> chain = new ArrayList<>();
        Node issuer = ROOT;
        for (int i = 0; i < 50; i++) {
            issuer = issuer.issueCa("CN=Depth " + i);
            chain.add(issuer);
        }
        Node leaf = issuer.issueLeaf("deep.example");
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), certificates(chain), parameters().build());
        assertOnly(ErrorKind.ChainTooLong, result);
        ValidationResult allowed = VALIDATOR.validate(leaf.certificate(), certificates(chain),
                parameters().maxIntermediates(50).build());
        assertValid(allowed);
        assertEquals(52, allowed.path().size());
    }

    @Test
    void manySubtreesTimesManyNamesEndsInABudgetErrorOrAVerdict() {
        Node constrained = ROOT.issueCa("CN=Explosive Constraints", spec -> {
            for (int i = 0; i < 1024; i++) {
                spec.permit(GeneralName.dNSName, "permitted" + i + ".example");
                spec.exclude(GeneralName.dNSName, "excluded" + i + ".example");
            }
        });
        Node leaf = constrained.issueLeaf("name0.example", spec -> {
            for (int i = 1; i < 1024; i++) {
                spec.dns("name" + i + ".example");
            }
        });
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), List.of(constrained.certificate()),
                parameters().build());
        assertFalse(result.isValid());
        assertTrue(result.has(ErrorKind.WorkBudgetExceeded) || result.has(ErrorKind.NameConstraintViolation),
                result.errors()::toString);
        assertTrue(result.has(ErrorKind.WorkBudgetExceeded), "2 million comparisons exceed the default budget");
    }

    @Test
    void policyMappingsThatGrowThePolicyTreeExponentiallyExhaustTheBudget() {
        // Every CA asserts ten policies and maps each to all ten: the tree gains a factor of ten per CA
        // (the shape of OpenSSL's CVE-2023-0464).
        int width = 10;
        List<String> policies = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            policies.add("1.3.6.1.4.1.55555.5." + i);
        }
        List<CertPolicyId> issuerPolicies = new ArrayList<>();
        List<CertPolicyId> subjectPolicies = new ArrayList<>();
        for (String from : policies) {
            for (String to : policies) {
                issuerPolicies.add(CertPolicyId.getInstance(new ASN1ObjectIdentifier(from)));
                subjectPolicies.add(CertPolicyId.getInstance(new ASN1ObjectIdentifier(to)));
            }
        }
        PolicyMappings mappings = new PolicyMappings(issuerPolicies.toArray(CertPolicyId[]::new),
                subjectPolicies.toArray(CertPolicyId[]::new));
        List<Node> chain = new ArrayList<>();
        Node issuer = ROOT;
        for (int depth = 0; depth < 7; depth++) {
            issuer = issuer.issueCa("CN=Mapping " + depth, spec -> {
                spec.policies.addAll(policies);
                spec.extension("2.5.29.33", false, mappings);
            });
            chain.add(issuer);
        }
        Node leaf = issuer.issueLeaf("policies.example", spec -> spec.policies.addAll(policies));
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), certificates(chain), parameters().build());
        assertFalse(result.isValid());
        assertTrue(result.has(ErrorKind.WorkBudgetExceeded), result.errors()::toString);
    }

    @Test
    void aDeadlineThatHasPassedStopsValidation() {
        Node ca = ROOT.issueCa("CN=Deadline CA");
        Node leaf = ca.issueLeaf("deadline.example");
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), List.of(ca.certificate()), parameters()
                .workBudget(WorkBudget.DEFAULT.withDeadline(() -> true)).build());
        assertTrue(result.has(ErrorKind.WorkBudgetExceeded), result.errors()::toString);
        assertFalse(result.isValid());
    }
}
