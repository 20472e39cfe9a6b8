package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.der.DerException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DSA certificates of NIST PKITS §4.1 (DSA-SHA1, 1024-bit keys): signatures checked directly
 * with each backend, and the key of "DSA Parameters Inherited CA", which omits its parameters,
 * completed with those of "DSA CA" above it (RFC 3279 §2.3.2).
 */
class PkitsDsaCertificatesTest {
    private static final Path CERTS = Path.of("../../shared/test-data/pkits/certs");
    private static final List<CryptoBackend> BACKENDS = List.of(CryptoBackends.jca(), CryptoBackends.bouncyCastle());

    @BeforeAll
    static void requirePkits() {
        Assumptions.assumeTrue(Files.isDirectory(CERTS), "PKITS data not found at " + CERTS.toAbsolutePath());
    }

    private static Certificate load(String name) throws IOException, DerException {
        return Certificate.parse(Files.readAllBytes(CERTS.resolve(name)));
    }

    @Test
    void dsaSignaturesOfTest4AndTest6() throws Exception {
        Certificate dsaCa = load("DSACACert.crt");
        Certificate valid = load("ValidDSASignaturesTest4EE.crt");
        Certificate invalid = load("InvalidDSASignatureTest6EE.crt");
        DsaPublicKey key = (DsaPublicKey) dsaCa.publicKey().orElseThrow();
        assertEquals(1024, key.bitLength());
        assertTrue(key.isWellFormed());
        String text = dsaCa.toText();
        assertTrue(text.contains("Public-Key: (1024 bit)") && text.contains("P:") && text.contains("G:"), text);
        for (CryptoBackend backend : BACKENDS) {
            assertTrue(valid.verifySignature(dsaCa, backend), backend.name());
            assertFalse(invalid.verifySignature(dsaCa, backend), backend.name());
        }
    }

    @Test
    void test5KeyInheritsTheParametersOfTheDsaCa() throws Exception {
        Certificate dsaCa = load("DSACACert.crt");
        Certificate inheritingCa = load("DSAParametersInheritedCACert.crt");
        Certificate endEntity = load("ValidDSAParameterInheritanceTest5EE.crt");
        assertTrue(inheritingCa.subjectPublicKeyInfo().inheritsDsaParameters());
        assertTrue(inheritingCa.publicKey().isEmpty());
        assertThrows(UnsupportedAlgorithmException.class,
                () -> endEntity.verifySignature(inheritingCa, CryptoBackends.defaultBackend()));

        PublicKeyMaterial dsaCaKey = dsaCa.publicKey().orElseThrow();
        PublicKeyMaterial workingKey = inheritingCa.subjectPublicKeyInfo().workingPublicKey(dsaCaKey).orElseThrow();
        for (CryptoBackend backend : BACKENDS) {
            assertTrue(inheritingCa.verifySignature(dsaCa, backend), backend.name());
            assertTrue(endEntity.verifySignature(workingKey, backend), backend.name());
            assertFalse(endEntity.verifySignature(dsaCaKey, backend), backend.name() + ": the CA's own y is needed");
        }
    }
}
