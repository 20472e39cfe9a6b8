package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jtls.x509.cert.CertificateFixtures.KeyKind;
import org.jtls.x509.der.DerException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Certificate#toText()} follows the layout of {@code openssl x509 -text -noout}. */
class CertificateTextTest {
    @Test
    void showsEveryField() throws DerException {
        Certificate leaf = Certificate.parse(CertificateFixtures.issued(KeyKind.EC_P256).leafDer());
        String text = leaf.toText();
        for (String expected : List.of(
                "Certificate:", "    Data:", "        Version: 3 (0x2)",
                "        Serial Number:\n            7c:5e:1f:0a:9b:3d:2c:4e:6f:80:91:a2:b3:c4:d5:e6",
                "        Signature Algorithm: ecdsa-with-SHA256",
                "        Issuer: C = US, O = jtls test, CN = jtls test CA EC_P256",
                "            Not Before: Jan  1 00:00:00 2024 GMT",
                "            Not After : Jun 30 12:34:56 2051 GMT",
                "        Subject: C = DE, ST = Berlin, O = jtls Test GmbH, OU = Engineering, "
                        + "emailAddress = admin@example.com, CN = www.example.com",
                "            Public Key Algorithm: id-ecPublicKey", "                Public-Key: (256 bit)",
                "                ASN1 OID: prime256v1", "                NIST CURVE: P-256",
                "            X509v3 Basic Constraints: critical\n                CA:FALSE",
                "            X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment, Decipher Only",
                "                TLS Web Server Authentication, TLS Web Client Authentication, 1.3.6.1.4.1.55555.3.1",
                "                DNS:www.example.com, DNS:*.example.org, IP Address:192.0.2.1, "
                        + "IP Address:2001:DB8:0:0:0:0:0:1, email:admin@example.com",
                "                  IP:192.0.2.0/255.255.255.0",
                "                  Key Compromise, CA Compromise",
                "                Policy: 2.23.140.1.2.2", "                  CPS: https://cps.example.com/",
                "                OCSP - URI:http://ocsp.example.com",
                "                  URI:http://crl.example.com/ca.crl",
                "                status_request",
                "            1.3.6.1.4.1.55555.1.1: critical",
                "    Signature Algorithm: ecdsa-with-SHA256", "    Signature Value:")) {
            assertTrue(text.contains(expected), "missing:\n" + expected + "\nin:\n" + text);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "RSA_PSS", "EC_P384", "ED25519"})
    void labelsMatchOpenssl(KeyKind kind, @TempDir Path directory) throws IOException, InterruptedException,
            DerException {
        byte[] der = CertificateFixtures.issued(kind).leafDer();
        String ours = Certificate.parse(der).toText();
        String theirs = openssl(der, directory);
        List<String> missing = new ArrayList<>();
        for (String line : theirs.lines().toList()) {
            String label = label(line);
            if (label != null && !ours.contains(label)) {
                missing.add(label);
            }
        }
        Files.writeString(directory.resolve("ours.txt"), ours);
        assertEquals(List.of(), missing, "labels openssl prints that toText() lacks; openssl said:\n" + theirs);
        assertEquals(line(theirs, "Not Before"), line(ours, "Not Before"));
        assertEquals(line(theirs, "Issuer:"), line(ours, "Issuer:"));
        assertEquals(line(theirs, "Signature Algorithm:"), line(ours, "Signature Algorithm:"));
        assertEquals(line(theirs, "Public-Key:"), line(ours, "Public-Key:"));
    }

    /** The part of a line before its first ": " (or the whole line ending in ':'), for field-name lines. */
    private static String label(String line) {
        String trimmed = line.strip();
        // SCT internals and openssl's run-on "URI:...  Reasons:" line are not field names
        if (trimmed.startsWith("Signed Certificate Timestamp") || trimmed.startsWith("Version   ")
                || trimmed.contains("URI:") || trimmed.matches("[0-9a-f:]+")) {
            return null;
        }
        int colon = trimmed.indexOf(": ");
        if (colon > 0 && (trimmed.startsWith("X509v3") || Character.isUpperCase(trimmed.charAt(0)))
                && !trimmed.contains("URI:") && !trimmed.contains("DNS:") && !trimmed.contains("keyid:")) {
            return trimmed.substring(0, colon + 1);
        }
        return trimmed.endsWith(":") && !trimmed.contains(" - ") ? trimmed : null;
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(none)").strip();
    }

    private static String openssl(byte[] der, Path directory) throws IOException, InterruptedException {
        Path input = directory.resolve("certificate.der");
        Files.write(input, der);
        Process process;
        try {
            process = new ProcessBuilder("openssl", "x509", "-inform", "DER", "-in", input.toString(), "-noout",
                    "-text").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("openssl is not installed: " + notInstalled.getMessage());
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        Assumptions.assumeTrue(process.exitValue() == 0, "openssl could not read the certificate:\n" + output);
        return output;
    }
}
