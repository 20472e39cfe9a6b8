package org.jtls.x509.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.path.TestPki.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jtls's verdict equals the JDK's PKIX validator ({@code CertPathValidator.getInstance("PKIX")}) on
 * the same ordered chains, with revocation off or with the same CRLs — and where it deliberately
 * differs, the case says why. jtls runs with purpose {@link Purpose#ANY} here, because the JDK's
 * PKIX validator does not check extended key usage (SunJSSE's trust manager does that separately).
 */
class JdkAgreementTest {
    private static final PathValidator VALIDATOR = new PathValidator(CryptoBackends.defaultBackend());
    private static final Node ROOT = TestPki.root("CN=Agreement Root");
    private static final Node CA = ROOT.issueCa("CN=Agreement CA");

    /** A chain (leaf first, anchor excluded), its CRLs (null: revocation off) and the expected agreement. */
    record Scenario(String name, List<Node> chain, Node anchor, List<CertificateList> crls, boolean jtlsValid,
            String whyJdkDiffers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Scenario agree(String name, boolean valid, Node... chain) {
        return new Scenario(name, List.of(chain), ROOT, null, valid, null);
    }

    private static Scenario agreeWithCrls(String name, boolean valid, List<CertificateList> crls, Node... chain) {
        return new Scenario(name, List.of(chain), ROOT, crls, valid, null);
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        Node leaf = CA.issueLeaf("a.example");
        scenarios.add(agree("valid chain", true, leaf, CA));
        scenarios.add(agree("expired leaf", false,
                CA.issueLeaf("b.example", s -> s.notAfter = TestPki.NOW.minusSeconds(1)), CA));
        Node futureCa = ROOT.issueCa("CN=Future", s -> s.notBefore = TestPki.NOW.plus(Duration.ofDays(1)));
        scenarios.add(agree("not yet valid CA", false, futureCa.issueLeaf("c.example"), futureCa));
        scenarios.add(agree("bad signature", false,
                CA.issueLeaf("d.example", s -> s.wrongSigner = TestPki.newKeyPair()), CA));
        Node noCertSign = ROOT.issueCa("CN=No CertSign", s -> s.keyUsage = KeyUsage.cRLSign);
        scenarios.add(agree("CA without keyCertSign", false, noCertSign.issueLeaf("e.example"), noCertSign));
        Node notCa = ROOT.issueCa("CN=cA false", s -> s.ca = false);
        scenarios.add(agree("intermediate with cA false", false, notCa.issueLeaf("f.example"), notCa));
        Node zero = ROOT.issueCa("CN=PathLen Zero", s -> s.pathLen = 0);
        Node below = zero.issueCa("CN=Below Zero");
        scenarios.add(agree("pathLen exceeded", false, below.issueLeaf("g.example"), below, zero));
        scenarios.add(agree("pathLen respected", true, zero.issueLeaf("h.example"), zero));
        Node rollover = zero.issueCa("CN=PathLen Zero");
        scenarios.add(agree("self-issued rollover under pathLen 0", true, rollover.issueLeaf("i.example"), rollover,
                zero));
        Node dns = ROOT.issueCa("CN=DNS NC", s -> s.permit(GeneralName.dNSName, "example.com")
                .exclude(GeneralName.dNSName, "bad.example.com"));
        scenarios.add(agree("DNS permitted", true, dns.issueLeaf("www.example.com"), dns));
        scenarios.add(agree("DNS not permitted", false, dns.issueLeaf("www.example.org"), dns));
        scenarios.add(agree("DNS excluded", false, dns.issueLeaf("x.bad.example.com"), dns));
        Node ip = ROOT.issueCa("CN=IP NC", s -> s.permit(GeneralName.iPAddress, "192.0.2.0/24"));
        scenarios.add(agree("IP permitted", true, ip.issueLeaf("j.example", s -> s.ip("192.0.2.7")), ip));
        scenarios.add(agree("IP not permitted", false, ip.issueLeaf("k.example", s -> s.ip("198.51.100.7")), ip));
        Node mail = ROOT.issueCa("CN=Mail NC", s -> s.permit(GeneralName.rfc822Name, "example.com"));
        scenarios.add(agree("email permitted", true, mail.issueLeaf("l.example", s -> s.email("x@example.com")), mail));
        scenarios.add(agree("email not permitted", false,
                mail.issueLeaf("m.example", s -> s.email("x@example.net")), mail));
        Node dn = ROOT.issueCa("CN=DN NC", s -> s.permit(GeneralName.directoryName, "O=Good")
                .exclude(GeneralName.directoryName, "O=Good,OU=Bad"));
        scenarios.add(agree("DN permitted", true, dn.issueLeaf("n.example", s -> s.subject("O=Good,CN=n")), dn));
        scenarios.add(agree("DN not permitted", false, dn.issueLeaf("o.example", s -> s.subject("O=Evil,CN=o")), dn));
        scenarios.add(agree("DN excluded", false,
                dn.issueLeaf("p.example", s -> s.subject("O=Good,OU=Bad,CN=p")), dn));
        scenarios.add(agree("unknown critical extension", false,
                CA.issueLeaf("q.example", s -> s.extension("1.3.6.1.4.1.55555.9", true, TestPki.opaqueValue())), CA));
        scenarios.add(agree("unknown non-critical extension", true,
                CA.issueLeaf("r.example", s -> s.extension("1.3.6.1.4.1.55555.9", false, TestPki.opaqueValue())), CA));

        CertificateList rootCrl = ROOT.crl();
        scenarios.add(agreeWithCrls("CRLs: nothing revoked", true, List.of(rootCrl, CA.crl()), leaf, CA));
        scenarios.add(agreeWithCrls("CRLs: leaf revoked", false, List.of(rootCrl, CA.crl(leaf.serial())), leaf, CA));
        scenarios.add(agreeWithCrls("CRLs: CA revoked", false, List.of(ROOT.crl(CA.serial()), CA.crl()), leaf, CA));
        scenarios.add(agreeWithCrls("CRLs: none for the CA", false, List.of(CA.crl()), leaf, CA));
        scenarios.add(agreeWithCrls("CRLs: stale", false, List.of(rootCrl,
                CA.crlAt(TestPki.NOW.minus(Duration.ofDays(9)), TestPki.NOW.minus(Duration.ofDays(2)), b -> {
                })), leaf, CA));

        // Deliberate differences.
        Node sha1Ca = ROOT.issueCa("CN=SHA-1 CA", s -> s.signatureAlgorithm = "SHA1withECDSA");
        scenarios.add(new Scenario("SHA-1 signature", List.of(sha1Ca.issueLeaf("s.example"), sha1Ca), ROOT, null,
                false, "the JDK refuses SHA-1 only under its jdkCA anchors (jdk.certpath.disabledAlgorithms); jtls "
                        + "refuses SHA-1 signatures everywhere by default, as browsers do since 2017"));
        Node constrainedRoot = TestPki.root("CN=Constrained Root", s -> s.permit(GeneralName.dNSName, "example.com"));
        Node underConstrained = constrainedRoot.issueCa("CN=Under Constrained Root");
        scenarios.add(new Scenario("anchor certificate's name constraints",
                List.of(underConstrained.issueLeaf("www.example.net"), underConstrained), constrainedRoot, null, false,
                "the JDK applies a trust anchor's name constraints only when passed to TrustAnchor explicitly and "
                        + "ignores those in the anchor certificate; jtls applies them (RFC 5937 §2), as the "
                        + "anchor's owner asked"));
        Node wildcardCa = ROOT.issueCa("CN=Wildcard NC", s -> s.exclude(GeneralName.dNSName, "bad.example.com"));
        scenarios.add(new Scenario("wildcard covering an excluded name",
                List.of(wildcardCa.issueLeaf("*.example.com"), wildcardCa), ROOT, null, false,
                "the JDK compares *.example.com literally with the excluded bad.example.com; the wildcard "
                        + "would stand for the excluded name in a TLS connection, so jtls rejects it"));
        return scenarios.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void jtlsAgreesWithTheJdkOrSaysWhyNot(Scenario scenario) {
        boolean jdkValid = jdkVerdict(scenario, () -> "");
        ValidationParameters.Builder parameters = ValidationParameters.builder(TestPki.NOW)
                .trustAnchor(scenario.anchor().certificate()).purpose(Purpose.ANY);
        if (scenario.crls() != null) {
            parameters.revocation(RevocationMode.CRL).crls(scenario.crls());
        }
        List<Certificate> chain = scenario.chain().stream().map(Node::certificate).toList();
        ValidationResult result = VALIDATOR.validate(chain.get(0), chain.subList(1, chain.size()), parameters.build());
        assertEquals(scenario.jtlsValid(), result.isValid(), () -> scenario + ": jtls said " + result.errors());
        if (scenario.whyJdkDiffers() == null) {
            assertEquals(jdkValid, result.isValid(), scenario + ": the JDK disagrees");
        } else {
            assertTrue(jdkValid && !result.isValid(), scenario + ": expected the JDK to accept what jtls rejects ("
                    + scenario.whyJdkDiffers() + ")");
        }
    }

    private static boolean jdkVerdict(Scenario scenario, Supplier<String> context) {
        try {
            List<X509Certificate> chain = scenario.chain().stream().map(Node::jdk).toList();
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(scenario.anchor().jdk(), null)));
            parameters.setDate(Date.from(TestPki.NOW));
            parameters.setRevocationEnabled(scenario.crls() != null);
            if (scenario.crls() != null) {
                List<X509CRL> crls = scenario.crls().stream().map(TestPki::jdkCrl).toList();
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            }
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return true;
        } catch (CertPathValidatorException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(context.get(), e);
        }
    }

}
