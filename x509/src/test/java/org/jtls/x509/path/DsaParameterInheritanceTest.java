package org.jtls.x509.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.x509.path.TestPki.Node;
import org.junit.jupiter.api.Test;

/**
 * RFC 5280 §6.1.4 (d)-(f) for DSA (RFC 3279 §2.3.2): a certificate whose DSA key omits its
 * parameters takes them from the DSA key above it on the path, and is unusable when there is none.
 * The DSA chains are made with bcpkix; PKITS 4.1.4-4.1.6 check the same through the batch runner.
 */
class DsaParameterInheritanceTest {
    private static final PathValidator JCA = new PathValidator(CryptoBackends.jca());
    private static final PathValidator BC = new PathValidator(CryptoBackends.bouncyCastle());
    private static final Node ROOT = TestPki.root("CN=DSA Test Root,O=jtls");
    private static final KeyPair DSA_CA_KEYS = dsaKeyPair();
    private static final Node DSA_CA = ROOT.issueCa("CN=DSA CA,O=jtls", spec -> spec.keys = DSA_CA_KEYS);

    private static KeyPair dsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new DSA key pair with {@code DSA_CA}'s parameters, whose public key is encoded without them. */
    private static KeyPair inheritingKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        DSAParams parameters = ((DSAPublicKey) DSA_CA_KEYS.getPublic()).getParams();
        generator.initialize(new DSAParameterSpec(parameters.getP(), parameters.getQ(), parameters.getG()));
        KeyPair full = generator.generateKeyPair();
        return new KeyPair(new ParameterlessDsaKey((DSAPublicKey) full.getPublic()), full.getPrivate());
    }

    /** A DSA public key whose SubjectPublicKeyInfo has no parameters (RFC 3279 §2.3.2). */
    private record ParameterlessDsaKey(DSAPublicKey full) implements PublicKey {
        @Override
        public String getAlgorithm() {
            return "DSA";
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            try {
                return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa),
                        new ASN1Integer(full.getY())).getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ValidationResult validate(PathValidator validator, Node leaf, Node... intermediates) {
        return validator.validate(leaf.certificate(), PathValidatorTest.certificates(intermediates),
                ValidationParameters.builder(TestPki.NOW).trustAnchor(ROOT.certificate()).build());
    }

    @Test
    void keyWithoutParametersInheritsTheIssuersDsaParameters() throws GeneralSecurityException {
        KeyPair inheritingKeys = inheritingKeyPair();
        Node inheritingCa = DSA_CA.issueCa("CN=DSA Parameters Inherited CA,O=jtls", spec -> {
            spec.keys = inheritingKeys;
            spec.signatureAlgorithm = "SHA256withDSA";
        });
        Node leaf = inheritingCa.issueLeaf("dsa.example", spec -> spec.signatureAlgorithm = "SHA256withDSA");

        assertTrue(DSA_CA.certificate().publicKey().orElseThrow() instanceof DsaPublicKey);
        assertTrue(inheritingCa.certificate().subjectPublicKeyInfo().inheritsDsaParameters());
        assertTrue(inheritingCa.certificate().publicKey().isEmpty());
        for (PathValidator validator : List.of(JCA, BC)) {
            ValidationResult result = validate(validator, leaf, inheritingCa, DSA_CA);
            assertTrue(result.isValid(), () -> "expected a valid path, got " + result.errors());
        }
    }

    @Test
    void aSignatureByTheWrongDsaKeyFails() throws GeneralSecurityException {
        KeyPair inheritingKeys = inheritingKeyPair();
        Node inheritingCa = DSA_CA.issueCa("CN=DSA Parameters Inherited CA,O=jtls", spec -> {
            spec.keys = inheritingKeys;
            spec.signatureAlgorithm = "SHA256withDSA";
        });
        Node leaf = inheritingCa.issueLeaf("dsa.example", spec -> {
            spec.signatureAlgorithm = "SHA256withDSA";
            spec.wrongSigner = DSA_CA_KEYS;
        });
        for (PathValidator validator : List.of(JCA, BC)) {
            PathValidatorTest.assertOnly(ErrorKind.CertificateSignatureFailed,
                    validate(validator, leaf, inheritingCa, DSA_CA));
        }
    }

    @Test
    void keyWithoutParametersUnderANonDsaIssuerCannotVerify() throws GeneralSecurityException {
        // RFC 5280 §6.1.4 (e): the working parameters would be the EC root's, not DSA parameters.
        Node orphan = ROOT.issueCa("CN=DSA Without Parameters,O=jtls", spec -> spec.keys = uncheckedInheritingKeys());
        Node leaf = orphan.issueLeaf("orphan.example", spec -> spec.signatureAlgorithm = "SHA256withDSA");
        ValidationResult result = validate(JCA, leaf, orphan);
        PathValidatorTest.assertOnly(ErrorKind.UnableToDecodeIssuerPublicKey, result);
        assertTrue(result.errors().get(0).detail().contains("§6.1.4 (e)"), result.errors().toString());
        assertEquals(leaf.certificate(), result.errors().get(0).certificate().orElseThrow());
    }

    private static KeyPair uncheckedInheritingKeys() {
        try {
            return inheritingKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
