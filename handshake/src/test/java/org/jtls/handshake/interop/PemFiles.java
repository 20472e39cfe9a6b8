package org.jtls.handshake.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jtls.handshake.TestCredentials;

/** Writes test credentials as the PEM files that openssl and GnuTLS read. */
final class PemFiles {
    private PemFiles() {
    }

    /** A certificate file and the matching key file. */
    record CertificateAndKey(Path certificate, Path privateKey) {
    }

    static CertificateAndKey write(TestCredentials.Credential credential, Path directory, String baseName)
            throws IOException {
        Path certificate = directory.resolve(baseName + ".crt.pem");
        Path privateKey = directory.resolve(baseName + ".key.pem");
        Files.writeString(certificate, pem("CERTIFICATE", credential.certificateDer()), StandardCharsets.US_ASCII);
        // RFC 7468 §10: PKCS#8 PrivateKeyInfo under the label "PRIVATE KEY".
        Files.writeString(privateKey, pem("PRIVATE KEY", credential.pkcs8PrivateKey()), StandardCharsets.US_ASCII);
        return new CertificateAndKey(certificate, privateKey);
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
