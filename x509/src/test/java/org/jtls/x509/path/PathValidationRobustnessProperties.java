package org.jtls.x509.path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertPolicyId;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyMappings;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.path.TestPki.Node;

/**
 * Byte mutations of a chain rich in extensions (name constraints of every form, policies and
 * mappings, distribution points, alternative names of every form) and of its CRLs: whatever still
 * parses is validated — with and without revocation — and the validator answers with a result,
 * never an unchecked exception.
 */
class PathValidationRobustnessProperties {
    private static final PathValidator VALIDATOR = new PathValidator(CryptoBackends.defaultBackend());
    private static final String POLICY = "1.3.6.1.4.1.55555.2.1";
    private static final String MAPPED = "1.3.6.1.4.1.55555.2.2";
    private static final Node ROOT = TestPki.root("CN=Robust Root,O=jtls");
    private static final Node CA = ROOT.issueCa("CN=Robust CA,O=jtls", spec -> {
        spec.permit(GeneralName.dNSName, "example.com").permit(GeneralName.iPAddress, "10.0.0.0/8")
                .permit(GeneralName.rfc822Name, ".example.com").permit(GeneralName.directoryName, "O=jtls")
                .permit(GeneralName.uniformResourceIdentifier, ".example.com")
                .exclude(GeneralName.dNSName, "bad.example.com");
        spec.policies.add(POLICY);
        spec.extension("2.5.29.33", false, new PolicyMappings(CertPolicyId.getInstance(new ASN1ObjectIdentifier(POLICY)),
                CertPolicyId.getInstance(new ASN1ObjectIdentifier(MAPPED))));
    });
    private static final Node LEAF = CA.issueLeaf("www.example.com", spec -> {
        spec.subject("O=jtls,CN=www.example.com,E=admin@mail.example.com");
        spec.ip("10.1.2.3").email("user@mail.example.com");
        spec.subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, "https://www.example.com/x"));
        spec.subjectAltNames.add(new GeneralName(new X500Name("O=jtls,CN=dir")));
        spec.policies.add(MAPPED);
        spec.extension(Extension.cRLDistributionPoints.getId(), false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.example.com/ca.crl"))),
                    null, null)}));
    });
    private static final CertificateList ROOT_CRL = ROOT.crl();
    private static final CertificateList CA_CRL = CA.crl(BigInteger.valueOf(99));

    @Example
    void theUnmutatedChainIsValidWithAndWithoutRevocation() {
        for (RevocationMode mode : RevocationMode.values()) {
            ValidationResult result = VALIDATOR.validate(LEAF.certificate(), List.of(CA.certificate()),
                    ValidationParameters.builder(TestPki.NOW).trustAnchor(ROOT.certificate()).revocation(mode)
                            .crls(List.of(ROOT_CRL, CA_CRL)).build());
            assertTrue(result.isValid(), result.errors()::toString);
            assertEquals(Set.of(ObjectIdentifier.of(POLICY)), result.userConstrainedPolicySet());
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void mutatedLeavesAreValidatedWithoutEscapingExceptions(@ForAll("leafMutations") byte[] leaf) {
        Certificate parsed = parse(leaf);
        if (parsed != null) {
            validateBothWays(parsed, List.of(CA.certificate()), List.of(ROOT_CRL, CA_CRL));
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void mutatedIntermediatesAreValidatedWithoutEscapingExceptions(@ForAll("caMutations") byte[] ca) {
        Certificate parsed = parse(ca);
        if (parsed != null) {
            validateBothWays(LEAF.certificate(), List.of(parsed), List.of(ROOT_CRL, CA_CRL));
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void mutatedCrlsAreUsedOrIgnoredWithoutEscapingExceptions(@ForAll("crlMutations") byte[] crl) {
        try {
            CertificateList parsed = CertificateList.parse(crl);
            Statistics.label("crl").collect("parsed");
            validateBothWays(LEAF.certificate(), List.of(CA.certificate()), List.of(ROOT_CRL, parsed));
        } catch (DerException rejected) {
            Statistics.label("crl").collect("rejected");
        }
    }

    private static Certificate parse(byte[] der) {
        try {
            Certificate certificate = Certificate.parse(der);
            Statistics.label("certificate").collect("parsed");
            return certificate;
        } catch (DerException rejected) {
            Statistics.label("certificate").collect("rejected");
            return null;
        }
    }

    private static void validateBothWays(Certificate leaf, List<Certificate> intermediates,
            List<CertificateList> crls) {
        for (RevocationMode mode : RevocationMode.values()) {
            ValidationResult result = VALIDATOR.validate(leaf, intermediates, ValidationParameters
                    .builder(TestPki.NOW).trustAnchor(ROOT.certificate()).revocation(mode).crls(crls).build());
            assertFalse(result.path().isEmpty());
            result.errors().forEach(error -> assertNotNull(error.toString()));
            Statistics.label("verdict " + mode).collect(result.isValid() ? "valid" : "invalid");
        }
    }

    @Provide
    Arbitrary<byte[]> leafMutations() {
        return mutationsOf(LEAF.certificate().encode());
    }

    @Provide
    Arbitrary<byte[]> caMutations() {
        return mutationsOf(CA.certificate().encode());
    }

    @Provide
    Arbitrary<byte[]> crlMutations() {
        return mutationsOf(CA_CRL.encoded());
    }

    /** One to four bytes replaced at random positions. */
    private static Arbitrary<byte[]> mutationsOf(byte[] original) {
        Arbitrary<int[]> positions = Arbitraries.integers().between(0, original.length - 1).array(int[].class)
                .ofMinSize(1).ofMaxSize(4);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofSize(4);
        return net.jqwik.api.Combinators.combine(positions, values).as((at, with) -> {
            byte[] mutated = original.clone();
            for (int i = 0; i < at.length; i++) {
                mutated[at[i]] = with[i];
            }
            return mutated;
        });
    }

}
