package org.jtls.x509.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.path.TestPki.Node;
import org.junit.jupiter.api.Test;

/**
 * One valid and one invalid chain for each rule path validation enforces, made with bcpkix. Every
 * test validates at {@link TestPki#NOW} with purpose serverAuth unless it says otherwise.
 */
class PathValidatorTest {
    private static final PathValidator VALIDATOR = new PathValidator(CryptoBackends.defaultBackend());
    private static final Node ROOT = TestPki.root("CN=Test Root,O=jtls");
    private static final Node CA = ROOT.issueCa("CN=Test CA,O=jtls");

    static ValidationResult validate(Node leaf, Node root, List<Node> intermediates,
            Consumer<ValidationParameters.Builder> adjust) {
        ValidationParameters.Builder parameters = ValidationParameters.builder(TestPki.NOW)
                .trustAnchor(root.certificate());
        adjust.accept(parameters);
        List<Certificate> chain = intermediates.stream().map(Node::certificate).toList();
        return VALIDATOR.validate(leaf.certificate(), chain, parameters.build());
    }

    static ValidationResult validate(Node leaf, Node... intermediates) {
        return validate(leaf, ROOT, Arrays.asList(intermediates), parameters -> {
        });
    }

    static void assertValid(ValidationResult result) {
        assertTrue(result.isValid(), () -> "expected a valid path, got " + result.errors());
    }

    static void assertOnly(ErrorKind kind, ValidationResult result) {
        assertFalse(result.isValid(), "expected " + kind);
        assertEquals(Set.of(kind), result.errors().stream().map(ValidationError::kind)
                .collect(java.util.stream.Collectors.toSet()), () -> result.errors().toString());
    }

    static List<Certificate> certificates(Node... nodes) {
        return Arrays.stream(nodes).map(Node::certificate).toList();
    }

    // ---- the path ----

    @Test
    void validChainReportsThePathFromLeafToAnchor() {
        Node leaf = CA.issueLeaf("www.example.com");
        ValidationResult result = validate(leaf, CA);
        assertValid(result);
        assertEquals(certificates(leaf, CA, ROOT), result.path());
        // No certificate policies: the valid policy tree is NULL, so no policy is asserted (RFC 5280 §6.1.3 (e)).
        assertEquals(Set.of(), result.userConstrainedPolicySet());
    }

    @Test
    void intermediatesMayComeInAnyOrderWithIrrelevantAndDuplicateCertificates() {
        Node other = TestPki.root("CN=Other Root").issueCa("CN=Other CA");
        Node leaf = CA.issueLeaf("www.example.com");
        ValidationResult result = validate(leaf, ROOT, List.of(other, CA, other, CA, leaf), p -> {
        });
        assertValid(result);
        assertEquals(certificates(leaf, CA, ROOT), result.path());
    }

    @Test
    void aTrustedCertificateEndsThePathEvenInTheMiddleOfTheChain() {
        Node leaf = CA.issueLeaf("www.example.com");
        ValidationResult result = VALIDATOR.validate(leaf.certificate(), certificates(CA, ROOT),
                ValidationParameters.builder(TestPki.NOW).trustAnchor(CA.certificate()).build());
        assertValid(result);
        assertEquals(certificates(leaf, CA), result.path());
    }

    @Test
    void aTrustedLeafIsValidByItselfButStillNeedsItsValidityAndPurpose() {
        Node selfSigned = TestPki.root("CN=pinned.example.com", spec -> {
            spec.ca = null;
            spec.keyUsage = KeyUsage.digitalSignature;
        });
        ValidationResult result = VALIDATOR.validate(selfSigned.certificate(), List.of(),
                ValidationParameters.builder(TestPki.NOW).trustAnchor(selfSigned.certificate()).build());
        assertValid(result);
        assertEquals(certificates(selfSigned), result.path());
        ValidationResult later = VALIDATOR.validate(selfSigned.certificate(), List.of(),
                ValidationParameters.builder(TestPki.NOW.plus(Duration.ofDays(400)))
                        .trustAnchor(selfSigned.certificate()).build());
        assertOnly(ErrorKind.CertificateExpired, later);
    }

    @Test
    void missingIntermediateMeansTheFirstCertificateCannotBeVerified() {
        ValidationResult result = validate(CA.issueLeaf("www.example.com"));
        assertOnly(ErrorKind.UnableToVerifyFirstCertificate, result);
    }

    @Test
    void chainEndingInAnUntrustedCaLacksALocalIssuer() {
        Node otherRoot = TestPki.root("CN=Untrusted Root");
        Node otherCa = otherRoot.issueCa("CN=Untrusted CA");
        Node leaf = otherCa.issueLeaf("www.example.com");
        assertOnly(ErrorKind.SelfSignedCertificateInChain, validate(leaf, otherCa, otherRoot));
        Node orphanCa = TestPki.root("CN=Hidden Root").issueCa("CN=Orphan CA");
        assertOnly(ErrorKind.UnableToGetLocalIssuerCertificate, validate(orphanCa.issueLeaf("a.example"), orphanCa));
    }

    @Test
    void untrustedSelfSignedLeafIsReportedAsSelfSigned() {
        Node selfSigned = TestPki.root("CN=self.example.com", spec -> spec.ca = null);
        assertOnly(ErrorKind.SelfSignedCertificate, validate(selfSigned));
    }

    // ---- validity ----

    @Test
    void validityIsInclusiveAtBothEnds() {
        Node atNotBefore = CA.issueLeaf("a.example", spec -> spec.notBefore = TestPki.NOW);
        Node atNotAfter = CA.issueLeaf("b.example", spec -> spec.notAfter = TestPki.NOW);
        assertValid(validate(atNotBefore, CA));
        assertValid(validate(atNotAfter, CA));
    }

    @Test
    void expiredLeafIsRejected() {
        Node leaf = CA.issueLeaf("a.example", spec -> spec.notAfter = TestPki.NOW.minusSeconds(1));
        assertOnly(ErrorKind.CertificateExpired, validate(leaf, CA));
    }

    @Test
    void notYetValidIntermediateIsRejected() {
        Node future = ROOT.issueCa("CN=Future CA", spec -> spec.notBefore = TestPki.NOW.plusSeconds(1));
        assertOnly(ErrorKind.CertificateNotYetValid, validate(future.issueLeaf("a.example"), future));
    }

    // ---- signatures ----

    @Test
    void signatureByAnotherKeyIsRejected() {
        Node forged = CA.issueLeaf("a.example", spec -> spec.wrongSigner = TestPki.newKeyPair());
        assertOnly(ErrorKind.CertificateSignatureFailed, validate(forged, CA));
    }

    @Test
    void sha1SignaturesAreRefusedUnlessAllowed() {
        Node sha1Ca = ROOT.issueCa("CN=SHA-1 CA", spec -> spec.signatureAlgorithm = "SHA1withECDSA");
        Node leaf = sha1Ca.issueLeaf("a.example");
        assertOnly(ErrorKind.WeakSignatureAlgorithm, validate(leaf, sha1Ca));
        assertValid(validate(leaf, ROOT, List.of(sha1Ca), p -> p.allowSha1Signatures(true)));
    }

    // ---- basic constraints and key usage ----

    @Test
    void caWithoutKeyCertSignCannotIssue() {
        Node noCertSign = ROOT.issueCa("CN=No CertSign CA", spec -> spec.keyUsage = KeyUsage.cRLSign);
        assertOnly(ErrorKind.InvalidCaCertificate, validate(noCertSign.issueLeaf("a.example"), noCertSign));
        Node noKeyUsage = ROOT.issueCa("CN=No KeyUsage CA", spec -> spec.keyUsage = null);
        assertValid(validate(noKeyUsage.issueLeaf("a.example"), noKeyUsage));
    }

    @Test
    void intermediateMustSayItIsACa() {
        Node notCa = ROOT.issueCa("CN=Not a CA", spec -> spec.ca = false);
        assertOnly(ErrorKind.InvalidCaCertificate, validate(notCa.issueLeaf("a.example"), notCa));
        Node noBasicConstraints = ROOT.issueCa("CN=No BC", spec -> spec.ca = null);
        assertOnly(ErrorKind.InvalidCaCertificate,
                validate(noBasicConstraints.issueLeaf("a.example"), noBasicConstraints));
    }

    @Test
    void pathLenConstraintLimitsTheCasBelow() {
        Node zero = ROOT.issueCa("CN=PathLen 0", spec -> spec.pathLen = 0);
        Node belowZero = zero.issueCa("CN=Below PathLen 0");
        assertOnly(ErrorKind.PathLengthExceeded, validate(belowZero.issueLeaf("a.example"), belowZero, zero));
        assertValid(validate(zero.issueLeaf("b.example"), zero));

        Node one = ROOT.issueCa("CN=PathLen 1", spec -> spec.pathLen = 1);
        Node belowOne = one.issueCa("CN=Below PathLen 1");
        assertValid(validate(belowOne.issueLeaf("c.example"), belowOne, one));
    }

    @Test
    void selfIssuedIntermediatesDoNotCountTowardsPathLength() {
        // A key rollover: the CA's new key certified by its old one, same name (RFC 5280 §6.1.4 (l)).
        Node zero = ROOT.issueCa("CN=Rollover CA", spec -> spec.pathLen = 0);
        Node newKey = zero.issueCa("CN=Rollover CA");
        assertValid(validate(newKey.issueLeaf("a.example"), newKey, zero));
    }

    @Test
    void aTlsLeafMustNotBeACa() {
        Node caLeaf = CA.issueCa("CN=ca-as-leaf.example", spec -> spec.dns("ca-as-leaf.example"));
        assertOnly(ErrorKind.InvalidPurpose, validate(caLeaf, CA));
        assertValid(validate(caLeaf, ROOT, List.of(CA), p -> p.purpose(Purpose.ANY)));
    }

    @Test
    void tlsProfileRefusesCriticalKeyIdentifiersAndUnusableLeafKeys() {
        Node criticalAki = CA.issueLeaf("a.example", spec -> {
            spec.authorityKeyId = false;
            spec.extension("2.5.29.35", true, new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(
                    CA.certificate().subjectKeyIdentifier().orElseThrow().keyIdentifier()));
        });
        assertOnly(ErrorKind.MalformedCertificate, validate(criticalAki, CA));
        assertValid(validate(criticalAki, ROOT, List.of(CA), p -> p.purpose(Purpose.ANY)));
        // A P-192 key: parsed, but no TLS peer could use it.
        TestPki.Spec p192 = new TestPki.Spec().subject("CN=p192.example").dns("p192.example");
        p192.keys = ellipticKeyPair("secp192r1");
        p192.keyUsage = KeyUsage.digitalSignature;
        Node oldCurve = TestPki.issue(CA, p192);
        assertOnly(ErrorKind.UnsupportedAlgorithm, validate(oldCurve, CA));
        assertValid(validate(oldCurve, ROOT, List.of(CA), p -> p.purpose(Purpose.ANY)));
    }

    private static java.security.KeyPair ellipticKeyPair(String curve) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC", TestPki.BC);
            generator.initialize(new java.security.spec.ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requiredKeyUsageMustBeInTheLeafsKeyUsage() {
        Node leaf = CA.issueLeaf("a.example");
        assertOnly(ErrorKind.InvalidPurpose, validate(leaf, ROOT, List.of(CA),
                p -> p.requireKeyUsage(org.jtls.x509.cert.KeyUsage.Bit.KEY_ENCIPHERMENT)));
        assertValid(validate(leaf, ROOT, List.of(CA),
                p -> p.requireKeyUsage(org.jtls.x509.cert.KeyUsage.Bit.DIGITAL_SIGNATURE)));
    }

    // ---- extended key usage ----

    @Test
    void leafExtendedKeyUsageMustAllowThePurpose() {
        Node clientOnly = CA.issueLeaf("a.example", spec -> {
            spec.extendedKeyUsage.clear();
            spec.eku(KeyPurposeId.id_kp_clientAuth);
        });
        assertOnly(ErrorKind.InvalidPurpose, validate(clientOnly, CA));
        assertValid(validate(clientOnly, ROOT, List.of(CA), p -> p.purpose(Purpose.CLIENT_AUTH)));
        Node anyEku = CA.issueLeaf("b.example", spec -> {
            spec.extendedKeyUsage.clear();
            spec.eku(KeyPurposeId.anyExtendedKeyUsage);
        });
        assertValid(validate(anyEku, CA));
        Node noEku = CA.issueLeaf("c.example", spec -> spec.extendedKeyUsage.clear());
        assertValid(validate(noEku, CA));
    }

    @Test
    void intermediateExtendedKeyUsageConstrainsTheLeaf() {
        Node emailCa = ROOT.issueCa("CN=E-mail CA", spec -> spec.eku(KeyPurposeId.id_kp_emailProtection));
        assertOnly(ErrorKind.InvalidPurpose, validate(emailCa.issueLeaf("a.example"), emailCa));
        Node tlsCa = ROOT.issueCa("CN=TLS CA", spec -> spec.eku(KeyPurposeId.id_kp_serverAuth));
        assertValid(validate(tlsCa.issueLeaf("b.example"), tlsCa));
    }

    @Test
    void requiredExtendedKeyUsagesMustAllBeAllowed() {
        Node leaf = CA.issueLeaf("a.example");
        assertOnly(ErrorKind.InvalidPurpose, validate(leaf, ROOT, List.of(CA),
                p -> p.requireExtendedKeyUsage(org.jtls.x509.cert.KeyPurpose.CODE_SIGNING.oid())));
    }

    // ---- critical extensions ----

    @Test
    void unknownCriticalExtensionIsRejectedAndANonCriticalOneIgnored() {
        Node critical = CA.issueLeaf("a.example",
                spec -> spec.extension("1.3.6.1.4.1.55555.9", true, TestPki.opaqueValue()));
        assertOnly(ErrorKind.UnhandledCriticalExtension, validate(critical, CA));
        Node nonCritical = CA.issueLeaf("b.example",
                spec -> spec.extension("1.3.6.1.4.1.55555.9", false, TestPki.opaqueValue()));
        assertValid(validate(nonCritical, CA));
    }

    // ---- name constraints ----

    @Test
    void dnsNameConstraintsPermitSubdomainsAndExcludeSubtrees() {
        Node constrained = ROOT.issueCa("CN=DNS constrained",
                spec -> spec.permit(GeneralName.dNSName, "example.com").exclude(GeneralName.dNSName, "bad.example.com"));
        assertValid(validate(constrained.issueLeaf("www.example.com"), constrained));
        assertValid(validate(constrained.issueLeaf("example.com"), constrained));
        assertOnly(ErrorKind.NameConstraintViolation, validate(constrained.issueLeaf("www.example.org"), constrained));
        assertOnly(ErrorKind.NameConstraintViolation, validate(constrained.issueLeaf("notexample.com"), constrained));
        assertOnly(ErrorKind.NameConstraintViolation, validate(constrained.issueLeaf("x.bad.example.com"), constrained));
        // A wildcard that could stand for an excluded name is excluded.
        assertOnly(ErrorKind.NameConstraintViolation, validate(constrained.issueLeaf("*.example.com"), constrained));
    }

    @Test
    void ipAddressConstraintsCompareUnderTheMask() {
        Node constrained = ROOT.issueCa("CN=IP constrained", spec -> spec.permit(GeneralName.iPAddress, "10.0.0.0/8")
                .exclude(GeneralName.iPAddress, "10.9.0.0/16"));
        assertValid(validate(constrained.issueLeaf("a.example", spec -> spec.ip("10.1.2.3")), constrained));
        assertOnly(ErrorKind.NameConstraintViolation,
                validate(constrained.issueLeaf("b.example", spec -> spec.ip("192.168.1.1")), constrained));
        assertOnly(ErrorKind.NameConstraintViolation,
                validate(constrained.issueLeaf("c.example", spec -> spec.ip("10.9.1.1")), constrained));
        // An IPv6 address is not within an IPv4 subtree.
        assertOnly(ErrorKind.NameConstraintViolation,
                validate(constrained.issueLeaf("d.example", spec -> spec.ip("2001:db8::1")), constrained));
    }

    @Test
    void emailConstraintsApplyToAlternativeNamesAndToSubjectEmailAttributes() {
        Node constrained = ROOT.issueCa("CN=Mail constrained", spec -> spec.permit(GeneralName.rfc822Name, ".example.com")
                .permit(GeneralName.rfc822Name, "example.com").exclude(GeneralName.rfc822Name, "ceo@example.com"));
        assertValid(validate(constrained.issueLeaf("a.example.com", spec -> spec.email("alice@mail.example.com")),
                constrained, ROOT));
        assertValid(validate(constrained.issueLeaf("b.example.com", spec -> spec.email("bob@example.com")),
                constrained));
        assertOnly(ErrorKind.NameConstraintViolation,
                validate(constrained.issueLeaf("c.example.com", spec -> spec.email("eve@example.org")), constrained));
        assertOnly(ErrorKind.NameConstraintViolation,
                validate(constrained.issueLeaf("d.example.com", spec -> spec.email("ceo@example.com")), constrained));
        Node subjectEmail = constrained.issueLeaf("e.example.com",
                spec -> spec.subject("CN=e.example.com,E=mallory@evil.example"));
        assertOnly(ErrorKind.NameConstraintViolation, validate(subjectEmail, constrained));
    }

    @Test
    void directoryNameConstraintsApplyToTheSubject() {
        Node constrained = ROOT.issueCa("CN=DN constrained", spec -> spec.permit(GeneralName.directoryName, "O=Good")
                .exclude(GeneralName.directoryName, "O=Good,OU=Blocked"));
        assertValid(validate(constrained.issueLeaf("a.example", spec -> spec.subject("O=Good,CN=a.example")),
                constrained));
        assertOnly(ErrorKind.NameConstraintViolation,
                validate(constrained.issueLeaf("b.example", spec -> spec.subject("O=Bad,CN=b.example")), constrained));
        assertOnly(ErrorKind.NameConstraintViolation, validate(constrained.issueLeaf("c.example",
                spec -> spec.subject("O=Good,OU=Blocked,CN=c.example")), constrained));
    }

    @Test
    void nameConstraintsOfTheTrustAnchorCertificateApply() {
        Node constrainedRoot = TestPki.root("CN=Constrained Root", spec -> spec.permit(GeneralName.dNSName, "example.com"));
        Node ca = constrainedRoot.issueCa("CN=Under Constrained Root");
        assertValid(validate(ca.issueLeaf("www.example.com"), constrainedRoot, List.of(ca), p -> {
        }));
        assertOnly(ErrorKind.NameConstraintViolation, validate(ca.issueLeaf("www.example.net"), constrainedRoot,
                List.of(ca), p -> {
                }));
    }

    @Test
    void commonNameIsCheckedAsADnsNameForATlsLeafWithoutAlternativeNames() {
        Node constrained = ROOT.issueCa("CN=CN constrained", spec -> spec.permit(GeneralName.dNSName, "example.com"));
        Node cnOnly = constrained.issueLeaf("www.example.net", spec -> spec.subjectAltNames.clear());
        assertOnly(ErrorKind.NameConstraintViolation, validate(cnOnly, constrained));
        assertValid(validate(cnOnly, ROOT, List.of(constrained), p -> p.purpose(Purpose.ANY)));
    }

    // ---- policies ----

    @Test
    void explicitPolicyRequiresAnAcceptablePolicyInEveryCertificate() {
        String policy = "1.3.6.1.4.1.55555.1";
        Node policyCa = ROOT.issueCa("CN=Policy CA", spec -> spec.policies.add(policy));
        Node withPolicy = policyCa.issueLeaf("a.example", spec -> spec.policies.add(policy));
        Node without = policyCa.issueLeaf("b.example");
        PolicyInputs explicit = new PolicyInputs(Set.of(ObjectIdentifier.of(policy)), true, false, false);
        ValidationResult result = validate(withPolicy, ROOT, List.of(policyCa), p -> p.policy(explicit));
        assertValid(result);
        assertEquals(Set.of(ObjectIdentifier.of(policy)), result.userConstrainedPolicySet());
        assertOnly(ErrorKind.PolicyFailure, validate(without, ROOT, List.of(policyCa), p -> p.policy(explicit)));
        assertValid(validate(without, policyCa));
    }

    // ---- path building ----

    @Test
    void aCrossSignedAlternateIsChosenWhenTheFirstCandidatePathIsExpired() {
        // X has two certificates with one key: X1 from an expired intermediate Y, X2 straight from the root.
        // X1 is newer, so it is tried first; its path fails on Y's expiry and the builder backtracks to X2.
        Node expiredY = ROOT.issueCa("CN=Y", spec -> spec.notAfter = TestPki.NOW.minus(Duration.ofDays(1)));
        TestPki.Spec x1Spec = TestPki.caSpec("CN=X");
        x1Spec.notBefore = TestPki.NOW.minus(Duration.ofDays(10));
        Node x1 = TestPki.issue(expiredY, x1Spec);
        TestPki.Spec x2Spec = TestPki.caSpec("CN=X");
        x2Spec.keys = x1.keys();
        x2Spec.notBefore = TestPki.NOW.minus(Duration.ofDays(100));
        Node x2 = TestPki.issue(ROOT, x2Spec);
        Node leaf = x1.issueLeaf("a.example");
        ValidationResult result = validate(leaf, x1, expiredY, x2);
        assertValid(result);
        assertEquals(certificates(leaf, x2, ROOT), result.path());
        // Without X2, the failing path is reported with its error.
        assertOnly(ErrorKind.CertificateExpired, validate(leaf, x1, expiredY));
    }

    @Test
    void aLoopOfCrossCertificatesEndsWithoutAPath() {
        Node a = TestPki.root("CN=Loop A");
        Node b = TestPki.root("CN=Loop B");
        TestPki.Spec aByB = TestPki.caSpec("CN=Loop A");
        aByB.keys = a.keys();
        TestPki.Spec bByA = TestPki.caSpec("CN=Loop B");
        bByA.keys = b.keys();
        Node aCross = TestPki.issue(b, aByB);
        Node bCross = TestPki.issue(a, bByA);
        Node leaf = aCross.issueLeaf("loop.example");
        ValidationResult result = validate(leaf, aCross, bCross);
        assertFalse(result.isValid());
        assertFalse(result.has(ErrorKind.WorkBudgetExceeded), result.errors()::toString);
        // The same loop with an exit to the trusted root: B is also certified by the root.
        TestPki.Spec bByRoot = TestPki.caSpec("CN=Loop B");
        bByRoot.keys = b.keys();
        Node bFromRoot = TestPki.issue(ROOT, bByRoot);
        ValidationResult withExit = validate(leaf, aCross, bCross, bFromRoot);
        assertValid(withExit);
        assertEquals(certificates(leaf, aCross, bFromRoot, ROOT), withExit.path());
    }

    @Test
    void pathsLongerThanTheLimitAreNotBuilt() {
        Node sub = CA.issueCa("CN=Sub CA");
        Node leaf = sub.issueLeaf("a.example");
        assertValid(validate(leaf, sub, CA));
        assertOnly(ErrorKind.ChainTooLong, validate(leaf, ROOT, List.of(sub, CA), p -> p.maxIntermediates(1)));
    }

    @Test
    void candidatesAreFoundByNameWithoutAuthorityKeyIdentifiers() {
        Node noAkiCa = ROOT.issueCa("CN=No AKI CA", spec -> {
            spec.authorityKeyId = false;
            spec.subjectKeyId = false;
        });
        Node leaf = noAkiCa.issueLeaf("a.example", spec -> spec.authorityKeyId = false);
        assertValid(validate(leaf, noAkiCa));
    }

    @Test
    void everyErrorOfThePathIsReported() {
        Node expiredCa = ROOT.issueCa("CN=Expired CA", spec -> spec.notAfter = TestPki.NOW.minusSeconds(60));
        Node leaf = expiredCa.issueLeaf("a.example", spec -> {
            spec.notAfter = TestPki.NOW.minusSeconds(60);
            spec.extension("1.3.6.1.4.1.55555.9", true, TestPki.opaqueValue());
        });
        ValidationResult result = validate(leaf, expiredCa);
        List<ErrorKind> kinds = new ArrayList<>();
        result.errors().forEach(error -> kinds.add(error.kind()));
        assertEquals(List.of(ErrorKind.CertificateExpired, ErrorKind.CertificateExpired,
                ErrorKind.UnhandledCriticalExtension), kinds);
        assertEquals(expiredCa.certificate(), result.errors().get(0).certificate().orElseThrow());
        assertEquals(leaf.certificate(), result.errors().get(1).certificate().orElseThrow());
    }
}
