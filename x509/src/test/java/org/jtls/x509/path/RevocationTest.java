package org.jtls.x509.path;

import static org.jtls.x509.path.PathValidatorTest.assertOnly;
import static org.jtls.x509.path.PathValidatorTest.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.path.TestPki.Node;
import org.junit.jupiter.api.Test;

/** Revocation by CRLs (RFC 5280 §6.3): every certificate but the anchor must be decided not revoked. */
class RevocationTest {
    private static final PathValidator VALIDATOR = new PathValidator(CryptoBackends.defaultBackend());
    private static final Node ROOT = TestPki.root("CN=Revocation Root");
    private static final Node CA = ROOT.issueCa("CN=Revocation CA");
    private static final Node LEAF = CA.issueLeaf("leaf.example");
    private static final CertificateList ROOT_CRL = ROOT.crl();

    private static ValidationResult validate(Node leaf, List<Node> intermediates, CertificateList... crls) {
        return VALIDATOR.validate(leaf.certificate(), intermediates.stream().map(Node::certificate).toList(),
                ValidationParameters.builder(TestPki.NOW).trustAnchor(ROOT.certificate())
                        .revocation(RevocationMode.CRL).crls(Arrays.asList(crls)).build());
    }

    @Test
    void chainWithCurrentCrlsForEveryCertificateIsValid() {
        assertValid(validate(LEAF, List.of(CA), ROOT_CRL, CA.crl()));
    }

    @Test
    void revokedLeafIsRejected() {
        ValidationResult result = validate(LEAF, List.of(CA), ROOT_CRL, CA.crl(LEAF.serial()));
        assertOnly(ErrorKind.CertificateRevoked, result);
        assertEquals(LEAF.certificate(), result.errors().get(0).certificate().orElseThrow());
    }

    @Test
    void revokedIntermediateIsRejected() {
        ValidationResult result = validate(LEAF, List.of(CA), ROOT.crl(CA.serial()), CA.crl());
        assertOnly(ErrorKind.CertificateRevoked, result);
        assertEquals(CA.certificate(), result.errors().get(0).certificate().orElseThrow());
    }

    @Test
    void certificateWithoutACrlHasUnknownStatus() {
        ValidationResult result = validate(LEAF, List.of(CA), CA.crl());
        assertOnly(ErrorKind.RevocationStatusUnknown, result);
        assertTrue(result.errors().get(0).detail().contains("no CRL decides the status of " + CA.certificate().subject()),
                result.errors().get(0).detail());
    }

    @Test
    void staleOrFutureCrlsAreNotUsed() {
        CertificateList stale = CA.crlAt(TestPki.NOW.minus(Duration.ofDays(10)), TestPki.NOW.minusSeconds(1), b -> {
        });
        assertOnly(ErrorKind.RevocationStatusUnknown, validate(LEAF, List.of(CA), ROOT_CRL, stale));
        CertificateList future = CA.crlAt(TestPki.NOW.plusSeconds(1), TestPki.NOW.plus(Duration.ofDays(7)), b -> {
        });
        assertOnly(ErrorKind.RevocationStatusUnknown, validate(LEAF, List.of(CA), ROOT_CRL, future));
    }

    @Test
    void crlWithABadSignatureIsNotUsed() {
        Node impostor = TestPki.root("CN=Revocation CA");
        assertOnly(ErrorKind.RevocationStatusUnknown, validate(LEAF, List.of(CA), ROOT_CRL, impostor.crl()));
    }

    @Test
    void caWithoutCrlSignCannotSignCrls() {
        Node noCrlSign = ROOT.issueCa("CN=No CRLSign CA", spec -> spec.keyUsage = KeyUsage.keyCertSign);
        Node leaf = noCrlSign.issueLeaf("a.example");
        assertOnly(ErrorKind.RevocationStatusUnknown, validate(leaf, List.of(noCrlSign), ROOT_CRL, noCrlSign.crl()));
    }

    @Test
    void crlMayBeSignedByASeparateCrlSigningCertificateOfTheSameName() {
        Node crlSigner = ROOT.issueCa("CN=Revocation CA", spec -> {
            spec.ca = null;
            spec.keyUsage = KeyUsage.cRLSign;
        });
        assertValid(validate(LEAF, List.of(CA, crlSigner), ROOT_CRL, crlSigner.crl()));
        assertOnly(ErrorKind.CertificateRevoked,
                validate(LEAF, List.of(CA, crlSigner), ROOT_CRL, crlSigner.crl(LEAF.serial())));
        // The signer's own status must be decided: revoked by the root, its CRL cannot be used.
        assertOnly(ErrorKind.RevocationStatusUnknown,
                validate(LEAF, List.of(CA, crlSigner), ROOT.crl(crlSigner.serial()), crlSigner.crl()));
        // Without cRLSign it is no CRL signer.
        Node notASigner = ROOT.issueCa("CN=Revocation CA", spec -> {
            spec.ca = null;
            spec.keyUsage = KeyUsage.digitalSignature;
        });
        assertOnly(ErrorKind.RevocationStatusUnknown,
                validate(LEAF, List.of(CA, notASigner), ROOT_CRL, notASigner.crl()));
    }

    @Test
    void deltaCrlsRevokeAndReleaseHolds() throws IOException {
        Node held = CA.issueLeaf("held.example");
        Node later = CA.issueLeaf("later.example");
        CertificateList complete = CA.crl(builder ->
                builder.addCRLEntry(held.serial(), java.util.Date.from(TestPki.NOW.minus(Duration.ofDays(3))),
                        CRLReason.certificateHold));
        BigInteger completeNumber = complete.crlNumber().orElseThrow();
        CertificateList delta = CA.crl(builder -> {
            addDeltaIndicator(builder, completeNumber);
            builder.addCRLEntry(held.serial(), java.util.Date.from(TestPki.NOW), CRLReason.removeFromCRL);
            builder.addCRLEntry(later.serial(), java.util.Date.from(TestPki.NOW), CRLReason.keyCompromise);
        });
        assertTrue(delta.isDeltaCrl());
        assertOnly(ErrorKind.CertificateRevoked, validate(held, List.of(CA), ROOT_CRL, complete));
        assertValid(validate(held, List.of(CA), ROOT_CRL, complete, delta));
        assertValid(validate(later, List.of(CA), ROOT_CRL, complete));
        assertOnly(ErrorKind.CertificateRevoked, validate(later, List.of(CA), ROOT_CRL, complete, delta));
        // A delta alone decides nothing.
        assertOnly(ErrorKind.RevocationStatusUnknown, validate(later, List.of(CA), ROOT_CRL, delta));
    }

    private static void addDeltaIndicator(X509v2CRLBuilder builder, BigInteger base) {
        try {
            builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(base));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRevokedPathIsAbandonedForAnAlternateOne() {
        // The CA has two certificates for one key; the root revoked the newer one.
        TestPki.Spec reissue = TestPki.caSpec("CN=Revocation CA");
        reissue.keys = CA.keys();
        reissue.notBefore = TestPki.NOW.minus(Duration.ofDays(5));
        Node newer = TestPki.issue(ROOT, reissue);
        List<Node> intermediates = new ArrayList<>(List.of(newer, CA));
        ValidationResult result = validate(LEAF, intermediates, ROOT.crl(newer.serial()), CA.crl());
        assertValid(result);
        List<Certificate> expected = List.of(LEAF.certificate(), CA.certificate(), ROOT.certificate());
        assertEquals(expected, result.path());
    }
}
