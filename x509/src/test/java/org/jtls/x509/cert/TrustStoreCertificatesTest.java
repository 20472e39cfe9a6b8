package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.der.DerException;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every root of the system trust store is real-world DER from many CAs and decades: each must parse,
 * re-encode byte for byte from its fields, and (being self-signed) verify its own signature with
 * both backends. Roots signed with an algorithm jtls does not verify (MD5, MD2) are reported, not
 * failed.
 */
class TrustStoreCertificatesTest {
    private static final Path BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    @Test
    void everySystemRootParsesReencodesAndVerifiesItself() throws IOException, PemException, NoSuchAlgorithmException {
        Assumptions.assumeTrue(Files.isReadable(BUNDLE), "no system trust store at " + BUNDLE);
        List<PemBlock> blocks = Pem.parse(Files.readString(BUNDLE, StandardCharsets.ISO_8859_1));
        List<String> failures = new ArrayList<>();
        Map<String, Integer> unsupportedSignatures = new TreeMap<>();
        Map<String, Integer> signatureAlgorithms = new TreeMap<>();
        int parsed = 0;
        int selfSigned = 0;
        int verified = 0;
        for (PemBlock block : blocks) {
            byte[] der = block.data();
            Certificate certificate;
            try {
                certificate = Certificate.parse(der);
            } catch (DerException e) {
                failures.add("line " + block.beginLine() + ": " + e.getMessage());
                continue;
            }
            parsed++;
            assertArrayEquals(der, certificate.encode(), "encode() of " + certificate.subject());
            if (!java.util.Arrays.equals(der, certificate.reencode())) {
                failures.add("re-encoding differs: " + certificate.subject());
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(der), certificate.sha256Fingerprint());
            signatureAlgorithms.merge(certificate.signatureAlgorithm().name(), 1, Integer::sum);
            if (!certificate.isSelfIssued()) {
                continue;
            }
            selfSigned++;
            try {
                boolean jca = certificate.verifySignature(certificate, CryptoBackends.jca());
                boolean bc = certificate.verifySignature(certificate, CryptoBackends.bouncyCastle());
                if (jca && bc) {
                    verified++;
                } else {
                    failures.add("self-signature rejected (jca " + jca + ", bc " + bc + "): " + certificate.subject());
                }
            } catch (UnsupportedAlgorithmException e) {
                unsupportedSignatures.merge(certificate.signatureAlgorithm().name() + ": " + e.getMessage(), 1,
                        Integer::sum);
            }
        }
        System.out.printf("system trust store: %d certificates, %d parsed and re-encoded, %d self-issued, "
                + "%d self-signatures verified with jca and bc%n", blocks.size(), parsed, selfSigned, verified);
        System.out.println("  signature algorithms: " + signatureAlgorithms);
        unsupportedSignatures.forEach((reason, count) ->
                System.out.println("  not verifiable (" + count + "): " + reason));
        if (!failures.isEmpty()) {
            fail(failures.size() + " problems:\n" + String.join("\n", failures));
        }
        assertEquals(blocks.size(), parsed);
        assertTrue(parsed > 0);
    }
}
