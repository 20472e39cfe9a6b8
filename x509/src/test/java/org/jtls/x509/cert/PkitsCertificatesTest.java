package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.x509.der.DerException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The 405 NIST PKITS certificates (in {@code ../shared/test-data/pkits} beside the repository)
 * exercise every RFC 5280 field and extension the validator will need, in many combinations: each
 * parses, and re-encodes byte for byte from its fields.
 */
class PkitsCertificatesTest {
    private static final Path CERTS = Path.of("../../shared/test-data/pkits/certs");

    @Test
    void everyPkitsCertificateParsesAndReencodes() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CERTS), "PKITS data not found at " + CERTS.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> listing = Files.list(CERTS)) {
            files = listing.filter(path -> path.toString().endsWith(".crt")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int extensions = 0;
        for (Path file : files) {
            byte[] der = Files.readAllBytes(file);
            try {
                Certificate certificate = Certificate.parse(der);
                assertArrayEquals(der, certificate.encode());
                if (!java.util.Arrays.equals(der, certificate.reencode())) {
                    failures.add(file.getFileName() + ": re-encoding differs");
                }
                extensions += certificate.extensions().size();
            } catch (DerException e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        System.out.printf("PKITS: %d certificates, %d parsed, %d extensions decoded or kept%n",
                files.size(), files.size() - failures.size(), extensions);
        if (!failures.isEmpty()) {
            fail(failures.size() + " problems:\n" + String.join("\n", failures));
        }
    }
}
